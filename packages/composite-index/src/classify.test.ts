import { describe, expect, it } from 'vitest';
import {
  classCounts,
  defaultClassLabels,
  performanceGroups,
  rankWithinGroups,
  tiersByDistribution,
  tiersByThresholds,
} from './classify.ts';

const NA = Number.NaN;
const f = (x: number[]) => Float64Array.from(x);
const arr = (x: Float64Array) => Array.from(x);

describe('performanceGroups (EIS: >= 125 %, 100-125, 70-100, < 70 % of the average)', () => {
  it('relative to the mean: mean 40, so 50 is 125 % (leader) and 28 is exactly 70 %', () => {
    // mean of 50, 45, 40, 28, 37 = 40
    const r = performanceGroups(f([50, 45, 40, 28, 37, NA]));
    expect(r.reference).toBe(40);
    expect(arr(r.relative)).toEqual([125, 112.5, 100, 70, 92.5, NA]);
    expect(arr(r.groups)).toEqual([1, 2, 2, 3, 3, NA]);
    expect(classCounts(r.groups, 4)).toEqual([1, 2, 2, 0]);
  });

  it('median or fixed reference and custom thresholds', () => {
    expect(arr(performanceGroups(f([10, 20, 90]), { reference: 'median' }).groups)).toEqual([4, 2, 1]); // 50, 100, 450 %
    expect(arr(performanceGroups(f([10, 20, 30]), { reference: 20, thresholds: [150, 50] }).groups)).toEqual([2, 2, 1]);
  });

  it('rejects a non-positive reference and thresholds out of order', () => {
    expect(() => performanceGroups(f([-1, 1]))).toThrow(/positive reference/);
    expect(() => performanceGroups(f([1, 2]), { thresholds: [70, 100] })).toThrow(/decreasing/);
  });
});

describe('tiersByThresholds (default >= 80 一类, 60-80 二类, < 60 三类)', () => {
  it('boundaries belong to the upper tier', () => {
    expect(arr(tiersByThresholds(f([80, 79.99, 60, 59.99, 95, NA])))).toEqual([1, 2, 2, 3, 1, NA]);
  });

  it('rounds first when asked: 79.996 is 80.00 at 2 dp', () => {
    expect(arr(tiersByThresholds(f([79.996]), { decimals: 2 }))).toEqual([1]);
    expect(arr(tiersByThresholds(f([79.996])))).toEqual([2]);
    expect(arr(tiersByThresholds(f([5, 15, 25]), { thresholds: [20, 10] }))).toEqual([3, 2, 1]);
  });
});

describe('tiersByDistribution', () => {
  it('counts 2 / 3 / rest by rank order', () => {
    expect(arr(tiersByDistribution(f([9, 8, 7, 6, 5, 4, 3]), [2, 3, 2]))).toEqual([1, 1, 2, 2, 2, 3, 3]);
  });

  it('a tie across a cut-off stays in the upper tier; the next tier keeps its cumulative cut-off', () => {
    // ranks 1, 2, 2, 4, 5, 6: the tie at rank 2 straddles the cut-off after 2 units -> tier 1 has 3 units,
    // tier 2 covers ranks 3..5 (2 units), tier 3 the rest
    const t = tiersByDistribution(f([90, 80, 80, 70, 60, 50, NA]), [2, 3, 1]);
    expect(arr(t)).toEqual([1, 1, 1, 2, 2, 3, NA]);
    expect(classCounts(t, 3)).toEqual([3, 2, 1]);
  });

  it('the Inner Mongolia distribution 10 / 15 / 78 on 103 distinct scores', () => {
    const scores = f(Array.from({ length: 103 }, (_, i) => 103 - i));
    expect(classCounts(tiersByDistribution(scores, [10, 15, 78]), 3)).toEqual([10, 15, 78]);
  });

  it('units beyond the counts go to the last tier; bad counts are rejected', () => {
    expect(arr(tiersByDistribution(f([4, 3, 2, 1]), [1, 1]))).toEqual([1, 2, 2, 2]);
    expect(arr(tiersByDistribution(f([1, 2]), [1, 1], { order: 'ascending' }))).toEqual([1, 2]);
    expect(() => tiersByDistribution(f([1]), [1.5])).toThrow(/integers/);
  });
});

describe('rankWithinGroups', () => {
  it('ranks each peer group on its own, ties at the minimum', () => {
    const scores = f([50, 70, 70, 40, 90, NA, 60]);
    const groups = ['牧区', '农区', '农区', '牧区', '城区', '牧区', '农区'];
    expect(arr(rankWithinGroups(scores, groups))).toEqual([1, 1, 1, 2, 1, NA, 3]);
    expect(() => rankWithinGroups(scores, ['a'])).toThrow(/one group label/);
  });
});

describe('defaultClassLabels', () => {
  it('EIS names for 4 groups, 一类 … for tiers', () => {
    expect(defaultClassLabels('tiers', 3)).toEqual(['一类', '二类', '三类']);
    expect(defaultClassLabels('performanceGroups', 4)[0]).toMatch(/Innovation Leaders/);
    expect(defaultClassLabels('performanceGroups', 2)).toEqual(['Group 1', 'Group 2']);
  });
});
