import { describe, expect, it } from 'vitest';
import { mean, median, range, roundTo, sampleExcessKurtosis, sampleSkewness, sd } from './stats.ts';

const f = (xs: number[]): Float64Array => Float64Array.from(xs);
const NA = Number.NaN;

describe('sample skewness G1 and excess kurtosis G2 (hand-computed)', () => {
  // [1,2,3,4,10]: mean 4, m2 = 10, m3 = 36, m4 = 278.8
  // G1 = (36 / 10^1.5) * sqrt(5*4) / 3 = 12 * sqrt(0.02); G2 = ((6 * (2.788 - 3)) + 6) * 4 / (3 * 2) = 3.152
  it.each([
    { x: [1, 2, 3, 4, 10], skew: 12 * Math.sqrt(0.02), kurt: 3.152 },
    { x: [1, 2, 3, 4, 5], skew: 0, kurt: -1.2 },
    { x: [10, 4, 3, 2, 1, NA], skew: 12 * Math.sqrt(0.02), kurt: 3.152 }, // order and NaN do not matter
    { x: [-1, -2, -3, -4, -10], skew: -12 * Math.sqrt(0.02), kurt: 3.152 },
  ])('$x', ({ x, skew, kurt }) => {
    expect(sampleSkewness(f(x))).toBeCloseTo(skew, 12);
    expect(sampleExcessKurtosis(f(x))).toBeCloseTo(kurt, 12);
  });

  it('is NaN for constant data and too few values', () => {
    expect(sampleSkewness(f([2, 2, 2, 2]))).toBeNaN();
    expect(sampleSkewness(f([1, 2]))).toBeNaN();
    expect(sampleExcessKurtosis(f([1, 2, 3]))).toBeNaN();
  });
});

describe('location, spread and rounding', () => {
  it.each([
    { x: [3, 1, 2], mean: 2, median: 2, lo: 1, hi: 3 },
    { x: [4, NA, 1, 3, 2], mean: 2.5, median: 2.5, lo: 1, hi: 4 },
    { x: [10, 2, 38, 23, 38, 23, 21], mean: 155 / 7, median: 23, lo: 2, hi: 38 },
  ])('$x', (c) => {
    expect(mean(f(c.x))).toBeCloseTo(c.mean, 12);
    expect(median(f(c.x))).toBe(c.median);
    expect(range(f(c.x))).toEqual([c.lo, c.hi]);
  });

  it('sd uses n - 1 and skips NaN', () => {
    expect(sd(f([2, 4, 4, 4, 5, 5, 7, 9, NA]))).toBeCloseTo(Math.sqrt(32 / 7), 12);
  });

  it('empty input gives NaN', () => {
    expect(mean(f([NA]))).toBeNaN();
    expect(median(f([]))).toBeNaN();
    expect(range(f([NA]))).toEqual([NA, NA]);
  });

  it.each([
    [2.675, 2, 2.67], // 2.675 is stored as 2.67499…
    [1.005, 2, 1], // 1.00499…
    [68.384999, 2, 68.38],
    [0.9515, 3, 0.952], // 0.95150000000000001…
    [-1.236, 2, -1.24],
  ])('roundTo(%d, %d) = %d', (x, d, want) => {
    expect(roundTo(x, d)).toBe(want);
  });
});

describe('roundTo fast path agrees with Number#toFixed', () => {
  it('on 200k random values at 0-6 decimals, halves and large magnitudes included', () => {
    let seed = 12345;
    const next = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 4294967296;
    };
    for (let k = 0; k < 200_000; k++) {
      const d = k % 7;
      const kind = k % 4;
      const x =
        kind === 0
          ? (next() - 0.5) * 200
          : kind === 1
            ? Math.round((next() - 0.5) * 1e6) / 10 ** d + 5 / 10 ** (d + 1) // exact decimal halves
            : kind === 2
              ? (next() - 0.5) * 1e12
              : Math.round(next() * 1e4) / 10 ** (d + 1);
      expect(roundTo(x, d)).toBe(Number(x.toFixed(d)));
    }
  });
});
