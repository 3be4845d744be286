import { describe, expect, it } from 'vitest';
import {
  buildCountyRows,
  compareRows,
  formatShare,
  parseSort,
  sortRows,
  summariseByLeague,
  type CountyRow,
  type SortKey,
} from './county-table.ts';
import { parseTypeFilter, valueForType } from './org-types.ts';
import { DIVISIONS, REGION } from './test-fixtures.ts';
import { leagueLookup } from './view.ts';

const rows = (type: Parameters<typeof buildCountyRows>[1] = 'all') =>
  buildCountyRows(REGION.items, type, leagueLookup(DIVISIONS));

describe('type filter', () => {
  it.each([
    [null, 'all'],
    ['', 'all'],
    ['enterprise', 'enterprise'],
    ['responsibility_unit', 'responsibility_unit'],
    ['Enterprise', 'all'],
    ['farm', 'all'],
  ])('parses %j as %s', (raw, want) => {
    expect(parseTypeFilter(raw)).toBe(want);
  });

  it('reads the row value for all types and the breakdown for one (0 when the type is absent)', () => {
    const i = { value: 4, breakdown: { enterprise: 3, government: 1 } };
    expect(valueForType(i, 'all')).toBe(4);
    expect(valueForType(i, 'enterprise')).toBe(3);
    expect(valueForType(i, 'social')).toBe(0);
    expect(valueForType({ value: 2 }, 'enterprise')).toBe(0);
  });
});

describe('county rows', () => {
  it('carries name, code, league, count and share of the listed total', () => {
    expect(rows()).toEqual([
      { code: '150102', name: '新城区', leagueCode: '150100', leagueName: '呼和浩特市', count: 4, share: 4 / 15 },
      { code: '150103', name: '回民区', leagueCode: '150100', leagueName: '呼和浩特市', count: 2, share: 2 / 15 },
      { code: '150202', name: '东河区', leagueCode: '150200', leagueName: '包头市', count: 1, share: 1 / 15 },
      { code: '150203', name: '昆都仑区', leagueCode: '150200', leagueName: '包头市', count: 8, share: 8 / 15 },
    ]);
  });

  it('counts one type when asked, shares of that type’s total', () => {
    const r = rows('enterprise');
    expect(r.map((x) => x.count)).toEqual([3, 1, 0, 5]);
    expect(r.map((x) => x.share)).toEqual([3 / 9, 1 / 9, 0, 5 / 9]);
  });

  it('gives shares of 0 when everything is 0, and a blank league when it is unknown', () => {
    const r = buildCountyRows(REGION.items, 'responsibility_unit', () => undefined);
    expect(r.every((x) => x.count === 0 && x.share === 0)).toBe(true);
    expect(r[0]).toMatchObject({ leagueCode: '', leagueName: '' });
  });
});

describe('sorting', () => {
  const codes = (r: CountyRow[]) => r.map((x) => x.code);

  it.each<[SortKey, 'ascend' | 'descend', string[]]>([
    ['count', 'descend', ['150203', '150102', '150103', '150202']],
    ['count', 'ascend', ['150202', '150103', '150102', '150203']],
    ['share', 'descend', ['150203', '150102', '150103', '150202']],
    ['code', 'ascend', ['150102', '150103', '150202', '150203']],
    ['code', 'descend', ['150203', '150202', '150103', '150102']],
    // Pinyin: dōnghé, huímín, kūndūlún, xīnchéng.
    ['name', 'ascend', ['150202', '150103', '150203', '150102']],
    ['league', 'descend', ['150202', '150203', '150102', '150103']],
  ])('by %s %s', (key, order, want) => {
    expect(codes(sortRows(rows(), key, order))).toEqual(want);
  });

  it('keeps ties in code order in both directions, and leaves the input alone', () => {
    const input = rows('government'); // 1, 0, 1, 1
    expect(codes(sortRows(input, 'count', 'descend'))).toEqual(['150102', '150202', '150203', '150103']);
    expect(codes(sortRows(input, 'count', 'ascend'))).toEqual(['150103', '150102', '150202', '150203']);
    expect(codes(input)).toEqual(['150102', '150103', '150202', '150203']);
  });

  it('compares names in Chinese collation', () => {
    const row = (name: string) => ({ ...rows()[0]!, name });
    expect(compareRows('name')(row('阿拉善左旗'), row('包头'))).toBeLessThan(0);
  });

  it.each([
    [null, null, { key: 'count', order: 'descend' }],
    ['name', 'ascend', { key: 'name', order: 'ascend' }],
    ['share', 'sideways', { key: 'share', order: 'descend' }],
    ['population', 'ascend', { key: 'count', order: 'ascend' }],
  ])('reads sort=%s order=%s from the URL', (sort, order, want) => {
    expect(parseSort(sort, order)).toEqual(want);
  });
});

describe('per league', () => {
  it('sums the county rows of each league, shares of the whole', () => {
    expect(summariseByLeague(rows())).toEqual([
      { code: '150100', name: '呼和浩特市', leagueCode: '150100', leagueName: '呼和浩特市', count: 6, share: 6 / 15 },
      { code: '150200', name: '包头市', leagueCode: '150200', leagueName: '包头市', count: 9, share: 9 / 15 },
    ]);
  });
});

describe('share format', () => {
  it.each([
    [0, '0.0%'],
    [0.1234, '12.3%'],
    [1, '100.0%'],
    [1 / 3, '33.3%'],
  ])('%d -> %s', (share, text) => {
    expect(formatShare(share)).toBe(text);
  });
});
