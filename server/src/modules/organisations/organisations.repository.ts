/** All SQL of organisations; every read is narrowed by the scope function. */
import type { DbOrTrx } from '../../db/database.ts';
import { likeOperator, likePattern, type Engine } from '../../db/dialect.ts';
import { scopeFilter } from '../../platform/access/scope.ts';
import type { PageRequest } from '../../platform/http/paging.ts';
import { descendantCodes, divisionNames } from '../../platform/divisions/index.ts';
import { CompiledShapes, readCompiled } from '../../db/compiled.ts';
import type { OrganisationStatus, OrganisationTable, OrganisationType } from './organisations.tables.ts';
import { sql, type Selectable, type SqlBool } from 'kysely';

export interface OrganisationFilter {
  roots: readonly string[];
  division?: string;
  type?: OrganisationType;
  status?: OrganisationStatus;
  q?: string;
}

const ORGANISATION_COLUMNS = [
  'organisation.id',
  'organisation.name',
  'organisation.type',
  'organisation.uscc',
  'organisation.division_code',
  'organisation.status',
  'organisation.is_demo',
  'organisation.created_at',
] as const;

const COLUMNS = [...ORGANISATION_COLUMNS, 'division.name as division_name'] as const;

export type OrganisationRow = Awaited<ReturnType<typeof findOrganisation>> & object;

/** The scope and the optional division filter as one list of division codes (their intersection). */
async function codesOf(db: DbOrTrx, f: OrganisationFilter): Promise<string[]> {
  const codes = await descendantCodes(db, f.roots);
  if (!f.division) return codes;
  const inDivision = new Set(await descendantCodes(db, [f.division]));
  return codes.filter((c) => inDivision.has(c));
}

/** More division codes than this: the scope is broad enough to read the table in id order (see byCodes). */
const BROAD_SCOPE = 8;

/** The filters over a list of division codes; the parameters appear in the order `listParameters` gives. */
function byCodes(db: DbOrTrx, engine: Engine, codes: readonly string[], f: OrganisationFilter) {
  // A scope of a few divisions reads the (division_code, id) index; a broad one (a league, the region) reads the
  // table newest first and stops at the page's last row: SQLite would otherwise fetch every row in scope from the index
  // and sort them (unary + keeps it off the index). PostgreSQL's planner makes that choice from its statistics.
  // The broad scope's codes go in as one JSON array, so every broad scope shares one statement.
  let qb = isBroad(engine, codes)
    ? db
        .selectFrom('organisation')
        .where(sql<SqlBool>`+organisation.division_code in (select value from json_each(${JSON.stringify(codes)}))`)
    : db.selectFrom('organisation').where('organisation.division_code', 'in', codes);
  if (f.type) qb = qb.where('organisation.type', '=', f.type);
  if (f.status) qb = qb.where('organisation.status', '=', f.status);
  if (f.q) {
    const pattern = likePattern(f.q);
    const op = likeOperator(engine);
    qb = qb.where((eb) =>
      eb.or([
        eb(sql`organisation.name`, op, sql`${pattern} escape '\\'`),
        eb('organisation.uscc', '=', f.q?.toUpperCase() ?? ''),
      ]),
    );
  }
  return qb;
}

function isBroad(engine: Engine, codes: readonly string[]): boolean {
  return engine === 'sqlite' && codes.length > BROAD_SCOPE;
}

function listParameters(engine: Engine, codes: readonly string[], f: OrganisationFilter): unknown[] {
  const out: unknown[] = isBroad(engine, codes) ? [JSON.stringify(codes)] : [...codes];
  if (f.type) out.push(f.type);
  if (f.status) out.push(f.status);
  if (f.q) out.push(likePattern(f.q), f.q.toUpperCase());
  return out;
}

function shapeKey(engine: Engine, codes: readonly string[], f: OrganisationFilter): string {
  return `${engine}|${isBroad(engine, codes) ? 'broad' : codes.length}|${f.type ? 't' : ''}${f.status ? 's' : ''}${f.q ? 'q' : ''}`;
}

type ListedOrganisation = Omit<Selectable<OrganisationTable>, 'updated_at'>;
const pageShapes = new CompiledShapes<ListedOrganisation>();
const countShapes = new CompiledShapes<{ n: number | string }>();

/** Totals of full first pages and later pages, by database handle and filter; see `listOrganisations`. */
interface CachedTotal {
  n: number;
  generation: number;
  at: number;
}
const totals = new WeakMap<object, Map<string, CachedTotal>>();
let generation = 0;
/** How long a cached total may be used: writes through this repository drop it at once on this node. */
const TOTAL_TTL_MS = 5_000;

/** Drops every cached list total (called by each write to the organisation table). */
export function organisationsChanged(): void {
  generation++;
}

async function countOf(db: DbOrTrx, engine: Engine, codes: readonly string[], f: OrganisationFilter) {
  const params = listParameters(engine, codes, f);
  // The codes follow from the roots and the division filter: key the total by those, not by the (long) code list.
  const key = [shapeKey(engine, codes, f), f.roots.join(','), f.division, f.type, f.status, f.q].join('\u0000');
  let byFilter = totals.get(db);
  const hit = byFilter?.get(key);
  const now = Date.now();
  if (hit && hit.generation === generation && now - hit.at < TOTAL_TTL_MS) return hit.n;
  const seen = generation;
  const query = countShapes.get(
    shapeKey(engine, codes, f),
    () => byCodes(db, engine, codes, f).select((eb) => eb.fn.countAll<number>().as('n')),
    params,
  );
  const [row] = await readCompiled(db, query, params);
  const n = Number(row?.n ?? 0);
  if (!byFilter) totals.set(db, (byFilter = new Map<string, CachedTotal>()));
  if (byFilter.size > 1000) byFilter.clear();
  byFilter.set(key, { n, generation: seen, at: now });
  return n;
}

/**
 * One page, newest first. The scope is named by its division codes (from the in-memory closure), so a county's page
 * comes from the (division_code, id) index in order; the query is compiled once per shape (number of codes, which
 * filters are set) and run with new values. Division names come from the in-memory reference map. A first page
 * shorter than the page size is its own total; other totals are counted and kept until the next write through this
 * repository (at most TOTAL_TTL_MS, which bounds what another app node's writes can leave stale).
 */
export async function listOrganisations(db: DbOrTrx, engine: Engine, f: OrganisationFilter, page: PageRequest) {
  const codes = await codesOf(db, f);
  if (codes.length === 0) return { rows: [], total: 0 };
  const params = [...listParameters(engine, codes, f), page.pageSize, (page.page - 1) * page.pageSize];
  const query = pageShapes.get(
    shapeKey(engine, codes, f),
    () =>
      byCodes(db, engine, codes, f)
        .select(ORGANISATION_COLUMNS)
        .orderBy('organisation.id', 'desc')
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize),
    params,
  );
  const rows = await readCompiled(db, query, params);
  const total = page.page === 1 && rows.length < page.pageSize ? rows.length : await countOf(db, engine, codes, f);
  const names = await divisionNames(db);
  return { rows: rows.map((r) => ({ ...r, division_name: names.get(r.division_code) ?? r.division_code })), total };
}

/** One organisation inside the roots, or undefined (outside scope looks the same as absent). */
export function findOrganisation(db: DbOrTrx, roots: readonly string[], id: number) {
  return db
    .selectFrom('organisation')
    .innerJoin('division', 'division.code', 'organisation.division_code')
    .select(COLUMNS)
    .where('organisation.id', '=', id)
    .where(scopeFilter('organisation.division_code', roots))
    .executeTakeFirst();
}

export function insertOrganisation(
  db: DbOrTrx,
  values: {
    name: string;
    type: OrganisationType;
    uscc: string | null;
    divisionCode: string;
    status: OrganisationStatus;
    isDemo: boolean;
    now: string;
  },
) {
  return db
    .insertInto('organisation')
    .values({
      name: values.name,
      type: values.type,
      uscc: values.uscc,
      division_code: values.divisionCode,
      status: values.status,
      is_demo: values.isDemo ? 1 : 0,
      created_at: values.now,
      updated_at: values.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
    .finally(organisationsChanged);
}

export function updateOrganisation(
  db: DbOrTrx,
  id: number,
  set: { name?: string; status?: OrganisationStatus; updated_at: string },
) {
  return db.updateTable('organisation').set(set).where('id', '=', id).execute().finally(organisationsChanged);
}

/** One export batch: rows in scope matching the list filters, id descending, after the keyset `afterId`. */
export async function listOrganisationsForExport(
  db: DbOrTrx,
  engine: Engine,
  f: OrganisationFilter,
  afterId: number | null,
  limit: number,
) {
  const codes = await codesOf(db, f);
  if (codes.length === 0) return [];
  let qb = byCodes(db, engine, codes, f).select(ORGANISATION_COLUMNS);
  if (afterId !== null) qb = qb.where('organisation.id', '<', afterId);
  const rows = await qb.orderBy('organisation.id', 'desc').limit(limit).execute();
  const names = await divisionNames(db);
  return rows.map((r) => ({ ...r, division_name: names.get(r.division_code) ?? r.division_code }));
}

/** Credit codes among `codes` that are already registered. */
export async function existingUsccs(db: DbOrTrx, codes: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < codes.length; i += 500) {
    const rows = await db
      .selectFrom('organisation')
      .select('uscc')
      .where('uscc', 'in', codes.slice(i, i + 500))
      .execute();
    for (const r of rows) if (r.uscc) found.add(r.uscc);
  }
  return found;
}

/** Sets a pending organisation's status (approve/reject); undefined when it is not pending (already decided). */
export function decidePendingOrganisation(
  db: DbOrTrx,
  id: number,
  status: Extract<OrganisationStatus, 'active' | 'rejected'>,
  now: string,
) {
  return db
    .updateTable('organisation')
    .set({ status, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .returning(['id', 'division_code'])
    .executeTakeFirst()
    .finally(organisationsChanged);
}

/** The id of the organisation holding a credit code, whatever its status, or undefined. */
export async function organisationIdByUscc(db: DbOrTrx, uscc: string): Promise<number | undefined> {
  const row = await db.selectFrom('organisation').select('id').where('uscc', '=', uscc).executeTakeFirst();
  return row?.id;
}

/** Whether an organisation exists (inside `roots` when given; no roots: anywhere). */
export async function organisationExists(db: DbOrTrx, id: number, roots?: readonly string[]): Promise<boolean> {
  const row = await db
    .selectFrom('organisation')
    .select('id')
    .where('id', '=', id)
    .$if(roots !== undefined, (qb) => qb.where(scopeFilter('division_code', roots ?? [])))
    .executeTakeFirst();
  return row !== undefined;
}

/** Name and credit code of the organisations `ids` (no scope: callers have already scoped the records that link them). */
export async function organisationSummaries(db: DbOrTrx, ids: readonly number[]) {
  const out = new Map<number, { id: number; name: string; uscc: string | null }>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('organisation')
      .select(['id', 'name', 'uscc'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}

/** Active organisations per division (among `divisionCodes`) and type: the rows of the organisations.count fact. */
export function countActiveByDivisionAndType(db: DbOrTrx, divisionCodes: readonly string[]) {
  return db
    .selectFrom('organisation')
    .select(['division_code', 'type', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('status', '=', 'active')
    .where('division_code', 'in', [...divisionCodes])
    .groupBy(['division_code', 'type'])
    .execute();
}

/** Rows the search index needs (name, type, division name), by id or a page in id order after `afterId`. */
export function searchRows(db: DbOrTrx, opts: { ids?: readonly number[]; afterId?: number; limit?: number }) {
  let qb = db
    .selectFrom('organisation as o')
    .innerJoin('division as dv', 'dv.code', 'o.division_code')
    .select(['o.id', 'o.name', 'o.type', 'o.division_code', 'o.created_at', 'o.updated_at', 'dv.name as division_name'])
    .orderBy('o.id');
  if (opts.ids) qb = qb.where('o.id', 'in', [...opts.ids]);
  if (opts.afterId !== undefined) qb = qb.where('o.id', '>', opts.afterId);
  if (opts.limit !== undefined) qb = qb.limit(opts.limit);
  return qb.execute();
}
