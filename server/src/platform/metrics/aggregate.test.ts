import { describe, expect, it } from 'vitest';
import { aggregateRows, UNSPECIFIED } from './aggregate.ts';
import { defaultPeriod, defineFact, findFact, isValidPeriod, type FactRow } from './registry.ts';

const parent: Record<string, string> = { c1: 'p1', c2: 'p1', c3: 'p2' };
const groupOf = (c: string): string | undefined => parent[c];

describe('aggregateRows', () => {
  const rows: FactRow[] = [
    { divisionCode: 'c1', period: '2025', value: 2, dims: { type: 'a' } },
    { divisionCode: 'c1', period: '2025', value: 3, dims: { type: 'b' } },
    { divisionCode: 'c2', period: '2025', value: 5, dims: { type: 'a' } },
    { divisionCode: 'c3', period: '2025', value: 7 },
    { divisionCode: 'x9', period: '2025', value: 100 },
  ];

  it('sums into groups with a breakdown, drops rows outside every group and keeps empty groups at 0', () => {
    const cells = aggregateRows(rows, { aggregation: 'sum', groups: ['p1', 'p2', 'p3'], groupOf, by: 'type' });
    expect(cells.get('p1')).toEqual({ value: 10, breakdown: { a: 7, b: 3 } });
    expect(cells.get('p2')).toEqual({ value: 7, breakdown: { [UNSPECIFIED]: 7 } });
    expect(cells.get('p3')).toEqual({ value: 0, breakdown: {} });
  });

  it('keeps the largest value for max', () => {
    const cells = aggregateRows(rows, { aggregation: 'max', groups: ['p1'], groupOf });
    expect(cells.get('p1')).toEqual({ value: 5, breakdown: {} });
  });

  it('takes the latest period per division for latest, then adds over divisions', () => {
    const stock: FactRow[] = [
      { divisionCode: 'c1', period: '2025-01', value: 4 },
      { divisionCode: 'c1', period: '2025-03', value: 6 },
      { divisionCode: 'c2', period: '2025-02', value: 1 },
    ];
    const cells = aggregateRows(stock, { aggregation: 'latest', groups: ['p1'], groupOf });
    expect(cells.get('p1')?.value).toBe(7);
  });
});

describe('fact registry', () => {
  it.each([
    ['year', '2025', true],
    ['year', '2025-01', false],
    ['month', '2025-01', true],
    ['month', '2025', true],
    ['month', '2025-13', false],
    ['snapshot', 'current', true],
    ['snapshot', '2025', false],
  ] as const)('%s accepts %s: %s', (type, period, ok) => {
    expect(isValidPeriod(type, period)).toBe(ok);
  });

  it('defaults to the present period', () => {
    const now = new Date('2026-03-05T00:00:00Z');
    expect([defaultPeriod('year', now), defaultPeriod('month', now), defaultPeriod('snapshot', now)]).toEqual([
      '2026',
      '2026-03',
      'current',
    ]);
  });

  it('registers idempotently, refuses a second computation under one name and malformed names', () => {
    const compute = () => Promise.resolve([]);
    const def = {
      name: 'test.fact',
      title: { zh: '测试', en: 'test' },
      unit: '个',
      periodType: 'year',
      aggregation: 'sum',
      compute,
    } as const;
    defineFact(def);
    defineFact({ ...def });
    expect(findFact('test.fact')?.unit).toBe('个');
    expect(() => defineFact({ ...def, compute: () => Promise.resolve([]) })).toThrow(/already defined/);
    expect(() => defineFact({ ...def, name: 'Bad Name' })).toThrow(/module\.fact/);
  });
});
