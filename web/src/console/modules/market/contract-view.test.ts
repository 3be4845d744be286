import { describe, expect, it } from 'vitest';
import { MAP_MEASURES, parseMapMeasure, statsRows, yearOptions } from './contract-view.ts';

const side = (count: number, turnover: number) => ({ count, contractValue: turnover, turnover });
const row = (key: string, seller: number, buyer: number) => ({
  key,
  name: key,
  seller: side(seller ? 1 : 0, seller),
  buyer: side(buyer ? 1 : 0, buyer),
  inflow: side(0, 0),
  outflow: side(0, 0),
});

describe('contract statistics view', () => {
  it('drops groups without contracts and puts the largest turnover first', () => {
    const rows = statsRows([row('150102', 10, 0), row('150121', 0, 0), row('150203', 30, 5)], 'county');
    expect(rows.map((r) => r.key)).toEqual(['150203', '150102']);
  });

  it('lists years newest first', () => {
    expect(statsRows([row('2024', 1, 0), row('2026', 1, 0)], 'year').map((r) => r.key)).toEqual(['2026', '2024']);
    expect(yearOptions(2026)[0]).toEqual({ value: '2026', label: '2026' });
  });

  it('reads the map figure from the URL and maps each to a market fact', () => {
    expect(parseMapMeasure('countBuyer')).toBe('countBuyer');
    expect(MAP_MEASURES[parseMapMeasure('countBuyer')].fact).toBe('market.contracts_count_buyer');
    expect(parseMapMeasure(null)).toBe('turnover');
    expect(parseMapMeasure('toString')).toBe('turnover');
    expect(parseMapMeasure('bogus')).toBe('turnover');
    expect(new Set(Object.values(MAP_MEASURES).map((m) => m.fact)).size).toBe(Object.keys(MAP_MEASURES).length);
  });
});
