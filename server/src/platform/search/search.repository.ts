/** All SQL of the search service; engine differences come from db/dialect.ts, scope from the scope function. */
import type { DbOrTrx } from '../../db/database.ts';
import { searchMatches, type Engine } from '../../db/dialect.ts';
import { scopeFilter } from '../access/scope.ts';

/** A document as written by a module: text as shown plus its segmented form. */
export interface DocumentValues {
  source_type: string;
  source_id: number;
  division_code: string;
  title: string;
  body: string;
  title_segmented: string;
  body_segmented: string;
  created_at: string;
  updated_at: string;
}

/** Per source type, the division roots within which the caller may see it (types seen nowhere are left out). */
export interface VisibleSource {
  type: string;
  roots: readonly string[];
}

export interface MatchFilter {
  terms: readonly string[];
  mode: 'and' | 'or';
  visible: readonly VisibleSource[];
  division?: string;
  /** Inclusive bounds on created_at, as ISO prefixes. */
  from?: string;
  toExclusive?: string;
  excludeId?: number;
}

const BATCH = 100;

/** Inserts or replaces documents by (source_type, source_id), in batches; the triggers update the index. */
export async function upsertDocuments(db: DbOrTrx, rows: readonly DocumentValues[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insertInto('search_document')
      .values(rows.slice(i, i + BATCH))
      .onConflict((oc) =>
        oc.columns(['source_type', 'source_id']).doUpdateSet((eb) => ({
          division_code: eb.ref('excluded.division_code'),
          title: eb.ref('excluded.title'),
          body: eb.ref('excluded.body'),
          title_segmented: eb.ref('excluded.title_segmented'),
          body_segmented: eb.ref('excluded.body_segmented'),
          created_at: eb.ref('excluded.created_at'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

/** Deletes the document of one record (no-op when it has none). */
export async function deleteDocument(db: DbOrTrx, sourceType: string, sourceId: number): Promise<void> {
  await db
    .deleteFrom('search_document')
    .where('source_type', '=', sourceType)
    .where('source_id', '=', sourceId)
    .execute();
}

/** Deletes the documents of a type whose record is no longer in its source table (used by reindex). */
export async function deleteDocumentsNotIn(db: DbOrTrx, sourceType: string, table: 'organisation'): Promise<void> {
  await db
    .deleteFrom('search_document')
    .where('source_type', '=', sourceType)
    .where('source_id', 'not in', db.selectFrom(table).select('id'))
    .execute();
}

function matched(db: DbOrTrx, engine: Engine, f: MatchFilter) {
  let qb = db
    .selectFrom(searchMatches(engine, f.terms, f.mode).as('m'))
    .innerJoin('search_document as d', 'd.id', 'm.doc_id')
    .where((eb) =>
      eb.or(f.visible.map((v) => eb.and([eb('d.source_type', '=', v.type), scopeFilter('d.division_code', v.roots)]))),
    );
  if (f.division) qb = qb.where(scopeFilter('d.division_code', [f.division]));
  if (f.from) qb = qb.where('d.created_at', '>=', f.from);
  if (f.toExclusive) qb = qb.where('d.created_at', '<', f.toExclusive);
  if (f.excludeId !== undefined) qb = qb.where('d.id', '<>', f.excludeId);
  return qb;
}

/** One page of matches, best first (ties: newest document first). */
export function listMatches(db: DbOrTrx, engine: Engine, f: MatchFilter, page: { limit: number; offset: number }) {
  return matched(db, engine, f)
    .select(['d.id', 'd.source_type', 'd.source_id', 'd.division_code', 'd.title', 'd.body', 'm.score'])
    .orderBy('m.score', 'desc')
    .orderBy('d.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** Number of matches with the same filters. */
export async function countMatches(db: DbOrTrx, engine: Engine, f: MatchFilter): Promise<number> {
  const row = await matched(db, engine, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The document of one record, or undefined. */
export function findDocument(db: DbOrTrx, sourceType: string, sourceId: number) {
  return db
    .selectFrom('search_document')
    .select(['id', 'division_code', 'title'])
    .where('source_type', '=', sourceType)
    .where('source_id', '=', sourceId)
    .executeTakeFirst();
}
