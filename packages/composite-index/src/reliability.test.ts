import { describe, expect, it } from 'vitest';
import { aggregate } from './aggregate.ts';
import { cronbachAlpha, dimensionStatistics } from './reliability.ts';
import { type Framework, dataSetFromRows } from './types.ts';

const f = (xs: number[]): Float64Array => Float64Array.from(xs);
const NA = Number.NaN;

// alpha = k/(k-1) (1 - trace(C) / sum(C)) on the pairwise covariance matrix (COINr get_cronbach). Worked by hand:
//   (1, 2, 3) and (1, 3, 2): variances 1 and 1, covariance 0.5 -> sum(C) = 3, trace 2 -> alpha = 2 (1 - 2/3) = 2/3
//   three perfectly correlated items of equal variance: every entry of C equal -> alpha = 1
//   two uncorrelated items: sum(C) = trace(C) -> alpha = 0
//   (1, 2, 3, 4) and (2, 1, 4, 3): var 5/3 each, cov 1 -> sum = 16/3, trace 10/3 -> alpha = 2 (1 - 10/16) = 0.75
describe('cronbachAlpha', () => {
  it.each([
    {
      name: 'two items, cov 0.5',
      cols: [
        [1, 2, 3],
        [1, 3, 2],
      ],
      alpha: 2 / 3,
    },
    {
      name: 'perfectly correlated',
      cols: [
        [1, 2, 3, 4, 5],
        [2, 3, 4, 5, 6],
        [1, 2, 3, 4, 5],
      ],
      alpha: 1,
    },
    {
      name: 'uncorrelated',
      cols: [
        [1, -1, 1, -1],
        [1, 1, -1, -1],
      ],
      alpha: 0,
    },
    {
      name: 'cov 1, var 5/3',
      cols: [
        [1, 2, 3, 4],
        [2, 1, 4, 3],
      ],
      alpha: 0.75,
    },
    // pairwise complete: var(x1) over its 5 values = 38.8 / 4 = 9.7; var(x2) = 5/3 and cov = 1 over the 4 pairs
    {
      name: 'pairwise complete: the NaN row is left out of that pair only',
      cols: [
        [1, 2, 3, 4, 9],
        [2, 1, 4, 3, NA],
      ],
      alpha: 2 * (1 - (9.7 + 5 / 3) / (9.7 + 5 / 3 + 2)),
    },
    { name: 'one item', cols: [[1, 2, 3]], alpha: NA },
  ])('$name', ({ cols, alpha }) => {
    const got = cronbachAlpha(cols.map(f));
    if (Number.isNaN(alpha)) expect(got).toBeNaN();
    else expect(got).toBeCloseTo(alpha, 14);
  });
});

describe('dimensionStatistics', () => {
  const fw: Framework = {
    indicators: [
      { code: 'a', direction: 1, weight: 1, parent: 'P1' },
      { code: 'b', direction: 1, weight: 1, parent: 'P1' },
      { code: 'c', direction: 1, weight: 1, parent: 'P2' },
    ],
    aggregates: [
      { code: 'Index', weight: 1 },
      { code: 'P1', weight: 1, parent: 'Index' },
      { code: 'P2', weight: 1, parent: 'Index' },
    ],
  };
  const ds = dataSetFromRows(
    ['u1', 'u2', 'u3', 'u4'],
    ['a', 'b', 'c'],
    [
      [1, 2, 4],
      [2, 1, 3],
      [3, 4, 2],
      [4, 3, 1],
    ],
  );
  const stats = dimensionStatistics(aggregate(ds, fw), fw);

  it('covers every aggregate bottom-up with alpha, correlations and first-component share', () => {
    expect(stats.map((s) => [s.code, s.level, s.children])).toEqual([
      ['P1', 1, ['a', 'b']],
      ['P2', 1, ['c']],
      ['Index', 2, ['P1', 'P2']],
    ]);
    const p1 = stats[0]!;
    expect(p1.alpha).toBeCloseTo(0.75, 14);
    expect(p1.correlations[1]).toBeCloseTo(0.6, 14); // cov 1 / var 5/3
    expect(p1.meanCorrelation).toBeCloseTo(0.6, 14);
    expect(p1.firstComponentShare).toBeCloseTo(0.8, 14); // eigenvalues 1 +- r of a 2 x 2 correlation matrix
    expect(p1.withParent.a).toBeCloseTo(Math.sqrt(0.8), 12); // corr(a, (a + b)/2) = (1 + r)/sqrt(2 (1 + r))
    const p2 = stats[1]!;
    expect(p2.alpha).toBeNaN();
    expect(p2.firstComponentShare).toBe(1);
    expect(p2.withParent.c).toBeCloseTo(1, 14);
    // P1 = (1.5, 1.5, 3.5, 3.5) and P2 = c = (4, 3, 2, 1): the index is (2.75, 2.25, 2.75, 2.25)
    expect(stats[2]!.withIndex.P1).toBeCloseTo(0, 14);
  });
});
