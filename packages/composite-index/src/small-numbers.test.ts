import { describe, expect, it } from 'vitest';
import { empiricalBayesRates, multiYearMean } from './small-numbers.ts';
import { dataSetFromRows, dataSetToRows } from './types.ts';

const NA = Number.NaN;
const f = (x: number[]) => Float64Array.from(x);

describe('multiYearMean', () => {
  const ds = (rows: (number | null)[][], units = ['A', 'B', 'C', 'D']) => dataSetFromRows(units, ['x', 'y'], rows);
  const cur = ds([
    [3, 1],
    [null, 2],
    [6, null],
    [null, 4],
  ]);
  const h1 = ds([
    [100, 100],
    [100, 100],
    [100, 100],
    [null, 100],
  ]);
  const h2 = ds([
    [1, 5],
    [4, null],
    [null, 7],
    [null, 8],
  ]);

  it('means over the current and the latest earlier years, skipping missing values; filled cells are flagged', () => {
    const r = multiYearMean(cur, [h1, h2], 2); // current + h2
    expect(dataSetToRows(r.data)).toEqual([
      [2, 3],
      [4, 2],
      [6, 7],
      [null, 6],
    ]);
    expect(r.flags.map((c) => Array.from(c))).toEqual([
      [0, 1, 0, 0],
      [0, 0, 1, 0],
    ]);
    expect(r).toMatchObject({ years: 2, filled: { x: 1, y: 1 }, partial: { x: 2, y: 2 } });
  });

  it('three years use the older history too; one year is the data itself; the window is capped by the history', () => {
    expect(dataSetToRows(multiYearMean(cur, [h1, h2], 3).data)[0]).toEqual([104 / 3, 106 / 3]);
    expect(dataSetToRows(multiYearMean(cur, [h1, h2], 1).data)).toEqual(dataSetToRows(cur));
    expect(multiYearMean(cur, [h2], 5).years).toBe(2);
    expect(() => multiYearMean(cur, [], 0)).toThrow(/years/);
  });

  it('matches units by code', () => {
    const moved = dataSetFromRows(
      ['D', 'A'],
      ['x', 'y'],
      [
        [10, 10],
        [5, 5],
      ],
    );
    expect(dataSetToRows(multiYearMean(cur, [moved], 2).data)[0]).toEqual([4, 3]); // A: (3 + 5) / 2, (1 + 5) / 2
  });
});

describe('empiricalBayesRates (Marshall 1991)', () => {
  it('worked example: m = 0.2, s^2 = 0.022, A = 0.018; small exposures shrink most', () => {
    // rates 0, 0.8, 0.1, 0.2 over exposures 10, 10, 40, 140 (sum 200, mean 50); counts sum 40
    const r = empiricalBayesRates(f([0, 8, 4, 28]), f([10, 10, 40, 140]));
    expect(r.groups).toHaveLength(1);
    expect(r.groups[0]!.mean).toBeCloseTo(0.2, 14);
    expect(r.groups[0]!.variance).toBeCloseTo(0.018, 14); // 4.4 / 200 - 0.2 / 50
    // C = 0.018 / (0.018 + 0.2 / n): 9/19 for n = 10, 18/23 for n = 40
    expect(r.weights[0]).toBeCloseTo(9 / 19, 12);
    expect(r.weights[2]).toBeCloseTo(18 / 23, 12);
    [2 / 19, 9.2 / 19, 2.8 / 23, 0.2].forEach((want, i) => expect(r.rates[i]).toBeCloseTo(want, 12));
  });

  it('rates that vary no more than chance collapse to the mean rate (A = 0)', () => {
    // rates 0, 0.4, 0.2, 0.2: s^2 = 0.8 / 200 = 0.004 = m / mean n
    const r = empiricalBayesRates(f([0, 4, 10, 26]), f([10, 10, 50, 130]));
    expect(r.groups[0]!.variance).toBe(0);
    Array.from(r.rates).forEach((v) => expect(v).toBeCloseTo(0.2, 14));
  });

  it('shrinks towards the group mean; missing counts and zero exposures are missing and left out', () => {
    const r = empiricalBayesRates(f([1, 3, 10, 30, NA, 5]), f([10, 10, 10, 10, 10, 0]), {
      groups: ['g', 'g', 'h', 'h', 'g', 'g'],
    });
    expect(r.groups.map((g) => [g.group, g.units, g.mean])).toEqual([
      ['g', 2, 0.2],
      ['h', 2, 2],
    ]);
    // g: rates 0.1, 0.3; s^2 = 20 x 0.01 / 20 = 0.01; A = 0.01 - 0.2 / 10 < 0 -> 0: both 0.2
    expect(r.rates[0]).toBeCloseTo(0.2, 14);
    // h: rates 1, 3; s^2 = 1, A = 1 - 2 / 10 = 0.8, C = 0.8 / (0.8 + 0.2) = 0.8: 2 -/+ 0.8
    expect(r.rates[2]).toBeCloseTo(1.2, 14);
    expect(r.rates[3]).toBeCloseTo(2.8, 14);
    expect(r.rates[4]).toBeNaN();
    expect(r.rates[5]).toBeNaN();
  });

  it('all-zero counts stay zero', () => {
    expect(Array.from(empiricalBayesRates(f([0, 0]), f([5, 50])).rates)).toEqual([0, 0]);
  });
});
