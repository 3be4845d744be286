import { describe, expect, it } from 'vitest';
import { buildMapView, buildTableRows, leagueLookup, scopeOf } from './view.ts';
import { DIVISIONS, GEO, REGION, fact, item } from './test-fixtures.ts';

describe('map view of a fact answer', () => {
  it('shows the region officer every county coloured', () => {
    const view = buildMapView({ fact: REGION, geo: GEO, type: 'all' });
    expect(view.scope).toBe('region');
    expect(view.mapName).toBe('qx-150000');
    expect(view.features.map((f) => f.code)).toEqual(['150102', '150103', '150202', '150203']);
    expect(view.highlighted).toEqual(['150102', '150103', '150202', '150203']);
    expect(Object.fromEntries(view.values)).toEqual({ '150102': 4, '150103': 2, '150202': 1, '150203': 8 });
  });

  it('follows the type filter', () => {
    const view = buildMapView({ fact: REGION, geo: GEO, type: 'enterprise' });
    expect(Object.fromEntries(view.values)).toEqual({ '150102': 3, '150103': 1, '150202': 0, '150203': 5 });
    expect(view.highlighted).toHaveLength(4); // a zero is a value, coloured at the low end
  });

  it('zooms a league answer to the league’s counties, on a map of its own', () => {
    const league = fact('150200', [item('150202', { enterprise: 2 }), item('150203', { social: 1 })], 1);
    const view = buildMapView({ fact: league, geo: GEO, type: 'all' });
    expect(view.scope).toBe('league');
    expect(view.mapName).toBe('qx-150000-150200');
    expect(view.geo.features.map((f) => f.id)).toEqual(['150202', '150203']);
    expect(view.highlighted).toEqual(['150202', '150203']);
  });

  it('shows a county answer on the whole region map with only that county coloured', () => {
    const county = fact('150102', [item('150102', { enterprise: 2, government: 1 })]);
    const view = buildMapView({ fact: county, geo: GEO, type: 'all' });
    expect(view.scope).toBe('county');
    expect(view.mapName).toBe('qx-150000');
    expect(view.features).toHaveLength(4);
    expect(view.highlighted).toEqual(['150102']);
    expect([...view.values.keys()]).toEqual(['150102']);
  });

  it('ignores answer rows without a polygon (they stay in the table)', () => {
    const withExtra = fact('150000', [...REGION.items, item('150999', { enterprise: 1 })]);
    const view = buildMapView({ fact: withExtra, geo: GEO, type: 'all' });
    expect(view.values.has('150999')).toBe(false);
    expect(buildTableRows({ fact: withExtra, divisions: DIVISIONS, type: 'all' })).toHaveLength(5);
  });
});

describe('table rows of a fact answer', () => {
  it('names each county’s league from the division lists', () => {
    const rows = buildTableRows({ fact: REGION, divisions: DIVISIONS, type: 'all' });
    expect(rows.map((r) => r.leagueName)).toEqual(['呼和浩特市', '呼和浩特市', '包头市', '包头市']);
  });

  it('names the league itself on a league answer, before the division lists arrive', () => {
    const league = fact('150200', [item('150202', { enterprise: 2 })]);
    expect(buildTableRows({ fact: league, divisions: null, type: 'all' })[0]).toMatchObject({
      leagueCode: '150200',
      leagueName: '包头市',
    });
  });

  it('leaves the league blank when the lists are not there yet', () => {
    expect(buildTableRows({ fact: REGION, divisions: null, type: 'all' })[0]?.leagueName).toBe('');
  });
});

describe('scope and league lookups', () => {
  it.each([
    ['150000', 'region'],
    ['150200', 'league'],
    ['150203', 'county'],
  ] as const)('a %s answer is the %s view', (root, scope) => {
    expect(scopeOf(fact(root, []))).toBe(scope);
  });

  it('finds a county’s league by its parent, not by its code', () => {
    const lookup = leagueLookup({
      leagues: [{ code: '150200', name: '包头市' }],
      counties: [
        { code: '150299', parentCode: '150200' },
        { code: '150203', parentCode: null },
      ],
    });
    expect(lookup('150299')).toEqual({ code: '150200', name: '包头市' });
    expect(lookup('150203')).toBeUndefined();
    expect(lookup('150204')).toBeUndefined();
  });
});
