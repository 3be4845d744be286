/**
 * The table beside the map (the map's accessible alternative): one row per county of the fact, with its league,
 * the value for the chosen type and its share of the listed total; comparators for every sortable column; and the
 * same rows summed per league.
 */
import type { FactValue } from '../../../../../contracts/metrics.ts';
import { valueForType, type TypeFilter } from './org-types.ts';

export interface CountyRow {
  code: string;
  name: string;
  leagueCode: string;
  leagueName: string;
  count: number;
  /** count / sum of the listed counts, 0..1 (0 when everything is 0). */
  share: number;
}

export type SortKey = 'name' | 'code' | 'league' | 'count' | 'share';
export type SortOrder = 'ascend' | 'descend';

export const SORT_KEYS: readonly SortKey[] = ['name', 'code', 'league', 'count', 'share'];

export interface LeagueRef {
  code: string;
  name: string;
}

/** Rows from a fact's items; `leagueOf` names the league of a county code (undefined: unknown, shown blank). */
export function buildCountyRows(
  items: readonly FactValue[],
  type: TypeFilter,
  leagueOf: (code: string) => LeagueRef | undefined,
): CountyRow[] {
  const counts = items.map((i) => valueForType(i, type));
  const sum = counts.reduce((a, b) => a + b, 0);
  return items.map((item, i) => {
    const count = counts[i] ?? 0;
    const league = leagueOf(item.divisionCode);
    return {
      code: item.divisionCode,
      name: item.divisionName,
      leagueCode: league?.code ?? '',
      leagueName: league?.name ?? '',
      count,
      share: sum > 0 ? count / sum : 0,
    };
  });
}

const collator = new Intl.Collator('zh-CN');

/** Ascending comparator of a column's values (names in Chinese collation, i.e. pinyin); no tie-break. */
export function compareRows(key: SortKey): (a: CountyRow, b: CountyRow) => number {
  switch (key) {
    case 'code':
      return (a, b) => a.code.localeCompare(b.code);
    case 'name':
      return (a, b) => collator.compare(a.name, b.name);
    case 'league':
      return (a, b) => a.leagueCode.localeCompare(b.leagueCode);
    case 'count':
      return (a, b) => a.count - b.count;
    case 'share':
      return (a, b) => a.share - b.share;
  }
}

/** A sorted copy of the rows; ties keep code order whichever the direction, so the listing is stable. */
export function sortRows(rows: readonly CountyRow[], key: SortKey, order: SortOrder): CountyRow[] {
  const cmp = compareRows(key);
  const dir = order === 'ascend' ? 1 : -1;
  return [...rows].sort((a, b) => dir * cmp(a, b) || a.code.localeCompare(b.code));
}

/** Reads `sort` and `order` query parameters; the default is the largest count first. */
export function parseSort(sort: string | null, order: string | null): { key: SortKey; order: SortOrder } {
  const key = SORT_KEYS.includes(sort as SortKey) ? (sort as SortKey) : 'count';
  return { key, order: order === 'ascend' ? 'ascend' : 'descend' };
}

/** The county rows summed per league (row code and name are the league's), in league code order. */
export function summariseByLeague(rows: readonly CountyRow[]): CountyRow[] {
  const byLeague = new Map<string, CountyRow>();
  for (const r of rows) {
    const prev = byLeague.get(r.leagueCode);
    if (prev) prev.count += r.count;
    else
      byLeague.set(r.leagueCode, {
        code: r.leagueCode,
        name: r.leagueName,
        leagueCode: r.leagueCode,
        leagueName: r.leagueName,
        count: r.count,
        share: 0,
      });
  }
  const leagues = [...byLeague.values()].sort((a, b) => a.code.localeCompare(b.code));
  const sum = leagues.reduce((a, l) => a + l.count, 0);
  for (const l of leagues) l.share = sum > 0 ? l.count / sum : 0;
  return leagues;
}

/** A share as a percentage with one decimal, e.g. 0.1234 -> "12.3%". */
export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
