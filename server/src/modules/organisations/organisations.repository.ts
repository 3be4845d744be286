/** All SQL of organisations; every read is narrowed by the scope function. */
import type { DbOrTrx } from '../../db/database.ts';
import { likeOperator, likePattern, type Engine } from '../../db/dialect.ts';
import { scopeFilter } from '../../platform/access/scope.ts';
import type { PageRequest } from '../../platform/http/paging.ts';
import type { OrganisationStatus, OrganisationType } from './organisations.tables.ts';
import { sql } from 'kysely';

export interface OrganisationFilter {
  roots: readonly string[];
  division?: string;
  type?: OrganisationType;
  status?: OrganisationStatus;
  q?: string;
}

const COLUMNS = [
  'organisation.id',
  'organisation.name',
  'organisation.type',
  'organisation.uscc',
  'organisation.division_code',
  'organisation.status',
  'organisation.is_demo',
  'organisation.created_at',
  'division.name as division_name',
] as const;

export type OrganisationRow = Awaited<ReturnType<typeof findOrganisation>> & object;

/** Filters on organisation columns only, so counting and paging never touch the division table. */
function filtered(db: DbOrTrx, engine: Engine, f: OrganisationFilter) {
  let qb = db.selectFrom('organisation').where(scopeFilter('organisation.division_code', f.roots));
  if (f.division) qb = qb.where(scopeFilter('organisation.division_code', [f.division]));
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

/**
 * One page, newest first: the page's ids come from the (division_code, id) index, and only those 20 rows are joined
 * to their division (sorting every row in scope first cost ~1 ms per region-wide page).
 */
export async function listOrganisations(db: DbOrTrx, engine: Engine, f: OrganisationFilter, page: PageRequest) {
  const countRow = await filtered(db, engine, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const total = Number(countRow.n);
  if (total === 0) return { rows: [], total };
  const ids = filtered(db, engine, f)
    .select('organisation.id')
    .orderBy('organisation.id', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
  const rows = await db
    .selectFrom('organisation')
    .innerJoin('division', 'division.code', 'organisation.division_code')
    .select(COLUMNS)
    .where('organisation.id', 'in', ids)
    .orderBy('organisation.id', 'desc')
    .execute();
  return { rows, total };
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
    .executeTakeFirstOrThrow();
}

export function updateOrganisation(
  db: DbOrTrx,
  id: number,
  set: { name?: string; status?: OrganisationStatus; updated_at: string },
) {
  return db.updateTable('organisation').set(set).where('id', '=', id).execute();
}
