import { describe, expect, it } from 'vitest';
import { distanceToTarget, strengthsAndWeaknesses, unitTargetProgress } from './gap.ts';
import { type Framework, dataSetFromRows } from './types.ts';

const fw: Framework = {
  indicators: [
    { code: 'rd', direction: 1, weight: 1, parent: 'Input' },
    { code: 'pat', direction: 1, weight: 1, parent: 'Output' },
    { code: 'cost', direction: -1, weight: 1, parent: 'Output' },
    { code: 'park', direction: 1, weight: 1, parent: 'Input' }, // yes/no: has a science park
    { code: 'firms', direction: 1, weight: 1, parent: 'Input' },
  ],
  aggregates: [
    { code: 'Index', weight: 1 },
    { code: 'Input', weight: 1, parent: 'Index' },
    { code: 'Output', weight: 1, parent: 'Index' },
  ],
};
const data = dataSetFromRows(
  ['A', 'B', 'C', 'D', 'E'],
  ['rd', 'pat', 'cost', 'park', 'firms'],
  [
    [1.5, 4, 30, 1, 10],
    [0.5, 9, 10, 0, 20],
    [1.0, 6, 20, 1, null],
    [2.0, 2, 50, 0, 30],
    [0.8, 1, 40, 0, 40],
  ],
);

describe('strengthsAndWeaknesses (COINr get_str_weak)', () => {
  // C among all five: rd 1.0 is 3rd; pat 6 is 2nd; cost 20 (lower is better) is 2nd; park 1 ties for 1st with A;
  // firms is missing (left out).
  it('ranks with the direction, ties at the best rank, best first', () => {
    const r = strengthsAndWeaknesses(data, fw, { unit: 'C', top: 2, bottom: 2 });
    expect(r.standings.map((s) => [s.indicator, s.rank, s.peers])).toEqual([
      ['park', 1, 5],
      ['pat', 2, 5],
      ['cost', 2, 5],
      ['rd', 3, 5],
    ]);
    expect(r.strengths.map((s) => s.indicator)).toEqual(['park', 'pat']);
    expect(r.weaknesses.map((s) => s.indicator)).toEqual(['rd', 'cost']);
    const cost = r.standings.find((s) => s.indicator === 'cost')!;
    expect(cost.value).toBe(20);
    expect(cost.peerMedian).toBe(30);
    expect(cost.percentile).toBe(0.75);
    expect(cost.parent).toBe('Output');
  });

  it('unique-value filter drops the yes/no indicator; the worst rank is never a strength', () => {
    const r = strengthsAndWeaknesses(data, fw, { unit: 'C', uniqueShare: 0.5 });
    expect(r.standings.map((s) => s.indicator)).not.toContain('park');
    // E has the fewest patents (1, rank 5 of 5): never listed as a strength unless discardWorst is off
    const e = strengthsAndWeaknesses(data, fw, { unit: 'E', top: 5, bottom: 0 });
    expect(e.strengths.map((s) => s.indicator)).not.toContain('pat');
    expect(e.standings.find((s) => s.indicator === 'pat')!.rank).toBe(5);
    const keep = strengthsAndWeaknesses(data, fw, { unit: 'E', top: 5, bottom: 0, discardWorst: false });
    expect(keep.strengths.map((s) => s.indicator)).toContain('pat');
  });

  it('ranks within a peer group; normalised data are not flipped again', () => {
    const r = strengthsAndWeaknesses(data, fw, { unit: 'C', peers: ['B', 'E'] });
    expect(r.peerCount).toBe(3);
    expect(r.standings.find((s) => s.indicator === 'rd')!.rank).toBe(1); // 1.0 vs 0.5 and 0.8
    const flipped = strengthsAndWeaknesses(data, fw, { unit: 'C', adjustDirection: false });
    expect(flipped.standings.find((s) => s.indicator === 'cost')!.rank).toBe(4); // 20 is the 4th highest
    expect(() => strengthsAndWeaknesses(data, fw, { unit: 'Z' })).toThrow(/unit Z/);
  });
});

describe('distanceToTarget', () => {
  // R&D / GDP against the regional target of 1.5 % in 2025: 0.8 … 1.2 % over 2019-2023 rises 0.1 point a year, so
  // the remaining 0.3 point takes 3 years (2026): the 2025 projection is 1.4 %, short of the target.
  it('R&D intensity 0.8 -> 1.2 % (2019-2023), target 1.5 % by 2025', () => {
    const series = [2019, 2020, 2021, 2022, 2023].map((year, k) => ({ year, value: 0.8 + 0.1 * k }));
    const r = distanceToTarget(series, 1.5, { deadline: 2025 });
    expect(r.latestYear).toBe(2023);
    expect(r.gap).toBeCloseTo(0.3, 12);
    expect(r.slope).toBeCloseTo(0.1, 12);
    expect(r.yearsToTarget).toBeCloseTo(3, 10);
    expect(r.expectedYear).toBeCloseTo(2026, 10);
    expect(r.achieved).toBeCloseTo(0.8, 12);
    expect(r.projectedAtDeadline).toBeCloseTo(1.4, 12);
    expect(r.onTrack).toBe(false);
  });

  it.each([
    { name: 'reached', s: [1, 2], t: 1.5, dir: 1 as const, years: 0, gap: 0 },
    { name: 'falling away from the target', s: [3, 2], t: 4, dir: 1 as const, years: Infinity, gap: 2 },
    { name: 'flat', s: [2, 2], t: 4, dir: 1 as const, years: Infinity, gap: 2 },
    { name: 'lower is better: 50 -> 40, target 20', s: [50, 40], t: 20, dir: -1 as const, years: 2, gap: 20 },
    { name: 'one point: no trend', s: [5], t: 9, dir: 1 as const, years: NaN, gap: 4 },
  ])('$name', ({ s, t, dir, years, gap }) => {
    const r = distanceToTarget(
      s.map((value, k) => ({ year: 2020 + k, value })),
      t,
      { direction: dir },
    );
    if (Number.isNaN(years)) expect(r.yearsToTarget).toBeNaN();
    else expect(r.yearsToTarget).toBeCloseTo(years, 12);
    expect(r.gap).toBeCloseTo(gap, 12);
  });

  it('skips missing years, uses the last `window` points and needs a value', () => {
    const series = [
      { year: 2018, value: 100 },
      { year: 2019, value: null },
      { year: 2020, value: 1 },
      { year: 2021, value: 2 },
    ];
    expect(distanceToTarget(series, 4).slope).toBeLessThan(0); // 100 in 2018 dominates the full trend
    expect(distanceToTarget(series, 4, { window: 2 }).yearsToTarget).toBeCloseTo(2, 12);
    expect(() => distanceToTarget([{ year: 2020, value: null }], 1)).toThrow(/no value/);
  });
});

describe('unitTargetProgress', () => {
  it('reads each indicator of one unit across yearly data sets and sorts by years to target', () => {
    const year = (rd: number, cost: number) =>
      dataSetFromRows(
        ['A', 'B'],
        ['rd', 'cost'],
        [
          [rd, cost],
          [0, 0],
        ],
      );
    const r = unitTargetProgress([2021, 2022, 2023], [year(1, 60), year(1.2, 50), year(1.4, 40)], fw, 'A', {
      rd: 1.5,
      cost: { value: 10, deadline: 2025 },
    });
    expect(r.map((x) => [x.indicator, x.yearsToTarget])).toEqual([
      ['rd', expect.closeTo(0.5, 10)],
      ['cost', expect.closeTo(3, 10)],
    ]);
    expect(r[1]!.onTrack).toBe(false);
  });
});
