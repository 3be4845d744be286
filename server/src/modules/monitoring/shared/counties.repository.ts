/**
 * All SQL about the counties that report (旗县: the 103 county-level divisions of the region): which division a code
 * names, whether it is a county of the region, the counties within a scope, and the attributes index runs read.
 */
import type { DbOrTrx } from '../../../db/database.ts';
import { scopeFilter } from '../../../platform/access/scope.ts';
import { DEFAULT_REGION_CODE } from '../../../../../contracts/region.ts';
import type { CountyInfo } from '../runs/run-engine.ts';

export interface CountyRow {
  code: string;
  name: string;
  leagueCode: string;
  leagueName: string;
}

/** A division by code with its level and parent, or undefined. */
export function findDivision(db: DbOrTrx, code: string) {
  return db
    .selectFrom('division')
    .select(['code', 'name', 'level', 'parent_code'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Whether `code` is a county-level division of the region. */
export async function isRegionCounty(db: DbOrTrx, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('division_closure')
    .innerJoin('division', 'division.code', 'division_closure.descendant_code')
    .select('division.code')
    .where('division_closure.ancestor_code', '=', DEFAULT_REGION_CODE)
    .where('division.code', '=', code)
    .where('division.level', '=', 'county')
    .executeTakeFirst();
  return row !== undefined;
}

/** Counties of the region within the roots (all of them when `roots` is null), by code, with their league. */
export async function listCounties(db: DbOrTrx, roots: readonly string[] | null): Promise<CountyRow[]> {
  let qb = db
    .selectFrom('division_closure')
    .innerJoin('division as c', 'c.code', 'division_closure.descendant_code')
    .innerJoin('division as l', 'l.code', 'c.parent_code')
    .select(['c.code', 'c.name', 'l.code as league_code', 'l.name as league_name'])
    .where('division_closure.ancestor_code', '=', DEFAULT_REGION_CODE)
    .where('c.level', '=', 'county');
  if (roots) qb = qb.where(scopeFilter('c.code', roots));
  const rows = await qb.orderBy('c.code').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, leagueCode: r.league_code, leagueName: r.league_name }));
}

/** Codes of every county-level division in the monitored region, ordered. */
export async function monitoredCounties(db: DbOrTrx, region = DEFAULT_REGION_CODE): Promise<string[]> {
  const rows = await db
    .selectFrom('division_closure as c')
    .innerJoin('division as d', 'd.code', 'c.descendant_code')
    .select('d.code')
    .where('c.ancestor_code', '=', region)
    .where('d.level', '=', 'county')
    .orderBy('d.code')
    .execute();
  return rows.map((r) => r.code);
}

/** Counties of the region by code, with league, administrative type and 2020 census resident population. */
export async function listRunCounties(db: DbOrTrx): Promise<CountyInfo[]> {
  const rows = await listCounties(db, null);
  const attrs = await db
    .selectFrom('county_attribute')
    .select(['division_code', 'attribute', 'value_text', 'value_number', 'year'])
    .where('attribute', 'in', ['admin_type', 'resident_population'])
    .where('division_code', 'in', rows.length > 0 ? rows.map((r) => r.code) : [''])
    .orderBy('year')
    .execute();
  const type = new Map<string, string>();
  const population = new Map<string, number>();
  for (const a of attrs) {
    // the latest year wins (rows are in year order); population is the 2020 census figure
    if (a.attribute === 'admin_type' && a.value_text) type.set(a.division_code, a.value_text);
    if (a.attribute === 'resident_population' && a.value_number !== null && a.year === 2020)
      population.set(a.division_code, Number(a.value_number));
  }
  return rows.map((r) => ({
    ...r,
    countyType: type.get(r.code) ?? null,
    population: population.get(r.code) ?? null,
  }));
}
