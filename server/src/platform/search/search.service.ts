/**
 * The search service used by every module: modules index their records (inside their own write transaction) and the
 * global search returns what the caller may see, ranked and highlighted, from SQLite FTS5 or PostgreSQL tsvector.
 */
import type { z } from 'zod';
import {
  type SearchHit,
  type SearchSourceType,
  type ZSearchQuery,
  type ZSimilarQuery,
} from '../../../../contracts/search.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { searchStatements } from '../../db/dialect.ts';
import { divisionNames } from '../divisions/index.ts';
import { isWithinScope, scopeRoots, type Principal } from '../access/scope.ts';
import type { Caller, Deps } from '../deps.ts';
import { snippet } from './highlight.ts';
import { searchSources, sourcePermission } from './source-registry.ts';
import { AppError } from '../errors/errors.ts';
import * as repo from './search.repository.ts';
import { parseQuery } from './query.ts';
import { keyTerms, segmentForIndex } from './segment.ts';

export interface DocumentInput {
  sourceType: SearchSourceType;
  sourceId: number;
  divisionCode: string;
  title: string;
  body: string;
  /** The source record's creation and last change times (ISO). */
  createdAt: string;
  updatedAt: string;
}

function toValues(d: DocumentInput): repo.DocumentValues {
  return {
    source_type: d.sourceType,
    source_id: d.sourceId,
    division_code: d.divisionCode,
    title: d.title,
    body: d.body,
    title_segmented: segmentForIndex(d.title),
    body_segmented: segmentForIndex(d.body),
    created_at: d.createdAt,
    updated_at: d.updatedAt,
  };
}

/** Indexes (inserts or replaces) one record's document; call it in the transaction that writes the record. */
export async function indexDocument(trx: DbOrTrx, doc: DocumentInput): Promise<void> {
  await repo.upsertDocuments(trx, [toValues(doc)]);
}

/** Indexes many documents in batched statements (seed, reindex). */
export async function indexDocuments(trx: DbOrTrx, docs: readonly DocumentInput[]): Promise<void> {
  await repo.upsertDocuments(trx, docs.map(toValues));
}

/** Removes one record's document from the index. */
export async function removeDocument(trx: DbOrTrx, sourceType: SearchSourceType, sourceId: number): Promise<void> {
  await repo.deleteDocument(trx, sourceType, sourceId);
}

/** A type no module's manifest declares is a bad request (400), like any other malformed parameter. */
function knownType(type: SearchSourceType): void {
  if (!searchSources().some((s) => s.type === type))
    throw new AppError('VALIDATION', { zh: `未知的检索类型：${type}`, en: `Unknown record type: ${type}` });
}

/** Source types the principal may see, with the division roots of each. */
export function visibleSources(principal: Principal, only?: SearchSourceType): repo.VisibleSource[] {
  const types = searchSources().map((s) => s.type);
  if (only !== undefined) knownType(only);
  return types
    .filter((type) => only === undefined || type === only)
    .map((type) => {
      const permission = sourcePermission(type);
      return { type, roots: permission ? scopeRoots(principal, permission) : [] };
    })
    .filter((v) => v.roots.length > 0);
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

async function present(deps: Deps, rows: readonly repo.MatchRow[], terms: readonly string[]): Promise<SearchHit[]> {
  const names = await divisionNames(deps.db);
  return rows.map((r) => ({
    type: r.source_type,
    id: r.source_id,
    title: r.title,
    snippet: snippet(r.title, r.body, terms),
    divisionCode: r.division_code,
    divisionName: names.get(r.division_code) ?? r.division_code,
    score: Math.round(Number(r.score) * 1e4) / 1e4,
  }));
}

/**
 * The global search: every term of the query must occur, or one of its thesaurus alternatives (jieba search mode on
 * both sides; a term of one or two Han characters matches as a substring), over the records the
 * caller may see (the scope function per source type), optionally narrowed by type, division subtree and creation
 * date; best first, with highlighted snippets.
 */
export async function search(deps: Deps, caller: Caller, query: z.infer<typeof ZSearchQuery>) {
  const empty = { items: [], total: 0, page: query.page, pageSize: query.pageSize };
  const { clauses, highlight } = parseQuery(query.q);
  const visible = visibleSources(caller.principal, query.type);
  if (clauses.length === 0 || visible.length === 0) return empty;
  const filter: repo.MatchFilter = {
    terms: clauses,
    mode: 'and',
    visible,
    division: query.division,
    from: query.from,
    toExclusive: query.to ? nextDay(query.to) : undefined,
  };
  const offset = (query.page - 1) * query.pageSize;
  const { rows, n } = await searchStatements(deps.engine, deps.db, async (db) => {
    const page = await repo.listMatches(db, deps.engine, filter, { limit: query.pageSize, offset });
    // The page query counts its candidates; only a page past them needs its own count.
    return { rows: page.rows, n: page.count ?? (await repo.countMatches(db, deps.engine, filter)) };
  });
  const capped = n > repo.MATCH_CAP;
  return {
    items: await present(deps, rows, highlight),
    total: capped ? repo.MATCH_CAP : n,
    ...(capped ? { totalIsLowerBound: true } : {}),
    page: query.page,
    pageSize: query.pageSize,
  };
}

/**
 * Records like one record (any of the words of its title, best first), within what the caller may see. A record the
 * caller may not see, or that does not exist, has no similar records (the answer does not tell the two apart).
 */
export async function similar(deps: Deps, caller: Caller, query: z.infer<typeof ZSimilarQuery>) {
  knownType(query.type);
  const visible = visibleSources(caller.principal);
  const doc = await repo.findDocument(deps.db, query.type, query.id);
  const own = visible.find((v) => v.type === query.type);
  if (!doc || !own || !(await isWithinScope(deps.db, own.roots, doc.division_code))) return { items: [] };
  const terms = keyTerms(doc.title);
  if (terms.length === 0) return { items: [] };
  const { rows } = await searchStatements(deps.engine, deps.db, (db) =>
    repo.listMatches(
      db,
      deps.engine,
      { terms, mode: 'or', visible, division: query.division, excludeId: doc.id },
      { limit: query.limit, offset: 0 },
    ),
  );
  return { items: await present(deps, rows, terms) };
}
