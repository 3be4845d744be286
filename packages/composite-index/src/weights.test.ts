import { describe, expect, it } from 'vitest';
import { type Framework } from './types.ts';
import { applyWeights, entropyWeights, frameworkWeights, validateWeights } from './weights.ts';

const f = (xs: number[]): Float64Array => Float64Array.from(xs);
const NA = Number.NaN;

// Entropy weight method (熵权法): p_ij = x_ij / sum_i x_ij, e_j = -(1/ln n) sum p ln p, d_j = 1 - e_j,
// w_j = d_j / sum d (Zeleny 1982). Worked by hand:
//   (1, 3): p = (1/4, 3/4), e = -(1/4 ln 1/4 + 3/4 ln 3/4) / ln 2 = 0.811278124459133
//   (0, 1) shifted by 1 = (1, 2): p = (1/3, 2/3), e = 0.918295834054490
//   a constant column: p = 1/n, e = 1; a one-hot column (1, 0, 0, 0): e = 0 (0 ln 0 = 0)
const E13 = -(0.25 * Math.log(0.25) + 0.75 * Math.log(0.75)) / Math.log(2);
const E12 = -((1 / 3) * Math.log(1 / 3) + (2 / 3) * Math.log(2 / 3)) / Math.log(2);

describe('entropyWeights', () => {
  it.each<{ name: string; cols: number[][]; shift?: number; entropy: number[] }>([
    { name: 'two units (1, 3)', cols: [[1, 3]], entropy: [E13] },
    { name: 'a constant column carries no information', cols: [[5, 5, 5, 5]], entropy: [1] },
    { name: 'one-hot: all the mass on one unit (0 ln 0 = 0)', cols: [[1, 0, 0, 0]], entropy: [0] },
    { name: 'missing values are skipped (n = present units)', cols: [[1, NA, 3]], entropy: [E13] },
    { name: 'shift: (0, 1) + 1', cols: [[0, 1]], shift: 1, entropy: [E12] },
    { name: 'all zero: no information', cols: [[0, 0, 0]], entropy: [1] },
    { name: 'a single present value: no information', cols: [[NA, 4, NA]], entropy: [1] },
  ])('$name', ({ cols, shift, entropy }) => {
    const r = entropyWeights(cols.map(f), { shift });
    entropy.forEach((e, j) => {
      expect(r.entropy[j]).toBeCloseTo(e, 14);
      expect(r.divergence[j]).toBeCloseTo(1 - e, 14);
    });
  });

  it('weights are the divergences normalised: constant -> 0, one-hot -> 1 / (1 + (1 - E13))', () => {
    const r = entropyWeights([f([2, 2, 2, 2]), f([1, 0, 0, 0]), f([1, 3, NA, NA])]);
    const total = 0 + 1 + (1 - E13);
    [0, 1 / total, (1 - E13) / total].forEach((w, j) => expect(r.weights[j]).toBeCloseTo(w, 14));
    expect(r.degenerate).toBe(false);
  });

  it('falls back to equal weights when no column carries information', () => {
    const r = entropyWeights([f([1, 1]), f([3, 3]), f([0, 0])]);
    expect(r.degenerate).toBe(true);
    expect(Array.from(r.weights)).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });

  it('rejects negative values (normalise first)', () => {
    expect(() => entropyWeights([f([-1, 2])])).toThrow(/non-negative/);
    expect(entropyWeights([f([-1, 2])], { shift: 1 }).entropy[0]).toBeCloseTo(0, 14); // (0, 3): one-hot
  });
});

const fw: Framework = {
  indicators: [
    { code: 'a', direction: 1, weight: 1, parent: 'P' },
    { code: 'b', direction: -1, weight: 2, parent: 'P' },
  ],
  aggregates: [{ code: 'P', weight: 1 }],
};

describe('weight sets', () => {
  it('frameworkWeights, applyWeights (absent codes keep theirs) and validateWeights', () => {
    expect(frameworkWeights(fw)).toEqual({ a: 1, b: 2, P: 1 });
    const g = applyWeights(fw, { b: 5 });
    expect(g.indicators.map((m) => m.weight)).toEqual([1, 5]);
    expect(g.indicators[1]!.direction).toBe(-1);
    expect(fw.indicators[1]!.weight).toBe(2); // not modified
    expect(() => validateWeights(fw, { z: 1 })).toThrow(/z is not in the framework/);
    expect(() => validateWeights(fw, { a: -1 })).toThrow(/>= 0/);
    expect(() => validateWeights(fw, { a: Number.POSITIVE_INFINITY })).toThrow(/finite/);
  });
});
