/** All SQL of the search service; engine differences come from db/dialect.ts, scope from the scope function. */
import { sql, type RawBuilder, type Selectable, type SqlBool } from 'kysely';
import type { SearchDocumentTable } from './search.tables.ts';
import { searchSources } from './source-registry.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { searchIndex, type Engine, type MatchClause } from '../../db/dialect.ts';
import { scopeCoversAll, scopeFilter } from '../access/scope.ts';

/** A document as written by a module: text as shown plus its segmented form (a row without its id). */
export type DocumentValues = Omit<Selectable<SearchDocumentTable>, 'id'>;

/** Per source type, the division roots within which the caller may see it (types seen nowhere are left out). */
export interface VisibleSource {
  type: string;
  roots: readonly string[];
}

export interface MatchFilter {
  /** Terms, or a term with its alternatives (`parseQuery`). */
  terms: readonly MatchClause[];
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
export async function deleteDocumentsNotIn(db: DbOrTrx, sourceType: string, table: string): Promise<void> {
  await db
    .deleteFrom('search_document')
    .where('source_type', '=', sourceType)
    .where('source_id', 'not in', sql<number>`(select id from ${sql.table(table)})`)
    .execute();
}

/**
 * At most this many matches are ranked and counted (newest first, by document id): a query with more answers with the
 * best of its 10,000 newest matches and a total of "10,000+" (`totalIsLowerBound`). Below the cap the ranking is over
 * every match and the total is exact.
 */
export const MATCH_CAP = 10_000;

/**
 * The candidate query: matching ids (newest first) with their score, at most `MATCH_CAP + 1`, restricted to what the
 * caller may see and to the filters. Visibility per source type is the scope function's predicate, in one of two
 * forms: without filters on search_document, `(every document is visible) or exists (this document is)` so that the
 * engine skips the per-row lookup when `scopeCoversAll` holds (a region officer over documents all within the region);
 * with filters (division, dates), search_document is joined anyway and the scope tested on it.
 */
function candidates(engine: Engine, f: MatchFilter) {
  const ix = searchIndex(engine, f.terms, f.mode);
  const visibleAs = (alias: string) =>
    f.visible.length === 0
      ? sql<SqlBool>`1 = 0`
      : sql<SqlBool>`(${sql.join(
          f.visible.map(
            (v) =>
              sql<SqlBool>`(${sql.ref(`${alias}.source_type`)} = ${v.type} and ${scopeFilter(`${alias}.division_code`, v.roots)})`,
          ),
          sql` or `,
        )})`;
  // True only when every source type is visible and each one's scope holds all of its documents.
  const everything = searchSources().every((s) => f.visible.some((v) => v.type === s.type))
    ? sql<SqlBool>`(${sql.join(
        f.visible.map((v) =>
          scopeCoversAll(v.roots, 'search_document', 'division_code', sql`t.source_type = ${v.type}`),
        ),
        sql` and `,
      )})`
    : sql<SqlBool>`1 = 0`;
  const where: RawBuilder<SqlBool>[] = [ix.match];
  const filtered = f.division !== undefined || f.from !== undefined || f.toExclusive !== undefined;
  if (filtered) {
    where.push(sql<SqlBool>`(${everything} or ${visibleAs('d')})`);
    if (f.division) where.push(scopeFilter('d.division_code', [f.division]));
    if (f.from) where.push(sql<SqlBool>`d.created_at >= ${f.from}`);
    if (f.toExclusive) where.push(sql<SqlBool>`d.created_at < ${f.toExclusive}`);
  } else {
    where.push(
      sql<SqlBool>`(${everything} or exists (select 1 from search_document v where v.id = ${ix.id} and ${visibleAs('v')}))`,
    );
  }
  if (f.excludeId !== undefined) where.push(sql<SqlBool>`${ix.id} <> ${f.excludeId}`);
  const join = filtered ? sql`join search_document d on d.id = ${ix.id}` : sql``;
  return { ix, from: sql`${ix.from} ${join}`, where: sql.join(where, sql` and `) };
}

export interface MatchRow {
  id: number;
  source_type: string;
  source_id: number;
  division_code: string;
  title: string;
  body: string;
  score: number;
}

/**
 * One page of matches, best first (ties: newest document first), and their number (at most `MATCH_CAP + 1`: more
 * than the cap means "at least the cap"). Shape: `candidates` (newest first, visibility and filters applied before the
 * LIMIT), ranked and counted in the same statement; only the page's rows are read from search_document. `count` is undefined when the
 * page lies past the candidates (the caller counts with `countMatches`).
 */
export async function listMatches(
  db: DbOrTrx,
  engine: Engine,
  f: MatchFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: MatchRow[]; count: number | undefined }> {
  const { ix, from, where } = candidates(engine, f);
  const r = await sql<MatchRow & { n: number }>`with c as (
      select ${ix.id} as id, ${ix.score} as score from ${from} where ${where}
      order by ${ix.id} desc limit ${MATCH_CAP + 1}),
    p as (select id, score, count(*) over () as n from c order by score desc, id desc limit ${page.limit} offset ${page.offset})
    select d.id, d.source_type, d.source_id, d.division_code, d.title, d.body, p.score, p.n
    from p join search_document d on d.id = p.id
    order by p.score desc, d.id desc`.execute(db);
  const rows = r.rows.map(({ n: _n, ...row }) => row);
  return { rows, count: r.rows.length > 0 ? Number(r.rows[0]!.n) : page.offset === 0 ? 0 : undefined };
}

/** Number of matches with the same filters, counted up to `MATCH_CAP + 1`. */
export async function countMatches(db: DbOrTrx, engine: Engine, f: MatchFilter): Promise<number> {
  const { from, where } = candidates(engine, f);
  const r = await sql<{ n: number }>`select count(*) as n from (
      select 1 as one from ${from} where ${where} limit ${MATCH_CAP + 1}) c`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** The oldest and the newest document (none, one or two rows), to tell whether the index follows the segmenter. */
export async function sampleDocuments(db: DbOrTrx) {
  const cols = ['title', 'body', 'title_segmented', 'body_segmented'] as const;
  const first = await db.selectFrom('search_document').select(cols).orderBy('id', 'asc').limit(1).execute();
  const last = await db.selectFrom('search_document').select(cols).orderBy('id', 'desc').limit(1).execute();
  return [...first, ...last];
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
