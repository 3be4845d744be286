/** All SQL of the divisions module: plain functions taking the database (or an open transaction). */
import type { Selectable } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import type {
  CountyAttributeTable,
  DivisionCodeHistoryTable,
  DivisionLevel,
  DivisionTable,
} from './divisions.tables.ts';

export type DivisionRow = Selectable<DivisionTable>;
export type CountyAttributeRow = Selectable<CountyAttributeTable>;
export type DivisionCodeHistoryRow = Selectable<DivisionCodeHistoryTable>;
export type DivisionPathRow = Pick<DivisionRow, 'code' | 'name' | 'level'>;

const DIVISION_COLUMNS = ['code', 'name', 'level', 'type', 'parent_code', 'depth'] as const;

/** The division with this code, or undefined. */
export async function findDivision(db: DbOrTrx, code: string): Promise<DivisionRow | undefined> {
  return db.selectFrom('division').select(DIVISION_COLUMNS).where('code', '=', code).executeTakeFirst();
}

/** Ancestors of a division and the division itself, from the root down. */
export async function listPath(db: DbOrTrx, code: string): Promise<DivisionPathRow[]> {
  return db
    .selectFrom('division_closure as c')
    .innerJoin('division as d', 'd.code', 'c.ancestor_code')
    .select(['d.code', 'd.name', 'd.level'])
    .where('c.descendant_code', '=', code)
    .orderBy('c.distance', 'desc')
    .execute();
}

/** Direct children of a division, ordered by code. */
export async function listChildren(db: DbOrTrx, code: string): Promise<DivisionRow[]> {
  return db.selectFrom('division').select(DIVISION_COLUMNS).where('parent_code', '=', code).orderBy('code').execute();
}

/** Every division below `code` (not itself), optionally of one level, ordered by code. */
export async function listDescendants(
  db: DbOrTrx,
  opts: { code: string; level?: DivisionLevel },
): Promise<DivisionRow[]> {
  let q = db
    .selectFrom('division_closure as c')
    .innerJoin('division as d', 'd.code', 'c.descendant_code')
    .select(['d.code', 'd.name', 'd.level', 'd.type', 'd.parent_code', 'd.depth'])
    .where('c.ancestor_code', '=', opts.code)
    .where('c.distance', '>', 0);
  if (opts.level) q = q.where('d.level', '=', opts.level);
  return q.orderBy('d.code').execute();
}

/** Dated attributes of one division, optionally narrowed to a year or an attribute, ordered by attribute and year. */
export async function listAttributes(
  db: DbOrTrx,
  opts: { code: string; year?: number; attribute?: string },
): Promise<CountyAttributeRow[]> {
  let q = db.selectFrom('county_attribute').selectAll().where('division_code', '=', opts.code);
  if (opts.year !== undefined) q = q.where('year', '=', opts.year);
  if (opts.attribute !== undefined) q = q.where('attribute', '=', opts.attribute);
  return q.orderBy('attribute').orderBy('year').execute();
}

/** Code-history rows where `code` is the old or the new code (all rows without a code), oldest first. */
export async function listCodeHistory(db: DbOrTrx, opts: { code?: string }): Promise<DivisionCodeHistoryRow[]> {
  let q = db.selectFrom('division_code_history').selectAll();
  const { code } = opts;
  if (code !== undefined) q = q.where((eb) => eb.or([eb('old_code', '=', code), eb('new_code', '=', code)]));
  return q.orderBy('effective_date').orderBy('id').execute();
}

/** Code and name of every division (the name lookup behind divisionNames). */
export async function listDivisionNames(db: DbOrTrx): Promise<Pick<DivisionRow, 'code' | 'name'>[]> {
  return db.selectFrom('division').select(['code', 'name']).execute();
}

/** Every (ancestor, descendant) pair of the closure, descendants in code order (the lookup behind descendantCodes). */
export async function listClosurePairs(db: DbOrTrx): Promise<{ ancestor_code: string; descendant_code: string }[]> {
  return db
    .selectFrom('division_closure')
    .select(['ancestor_code', 'descendant_code'])
    .orderBy('ancestor_code')
    .orderBy('descendant_code')
    .execute();
}
