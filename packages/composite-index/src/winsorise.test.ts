import { describe, expect, it } from 'vitest';
import { sampleExcessKurtosis, sampleSkewness } from './stats.ts';
import { winsoriseBounds } from './winsorise.ts';

/** The COINr loop written the obvious O(n * passes) way, as the reference for the fast version. */
function slowWinsorise(x: Float64Array, winmax: number): { values: Float64Array; low: number; high: number } {
  const v = Float64Array.from(x);
  let low = 0;
  let high = 0;
  let skew = sampleSkewness(v);
  let kurt = sampleExcessKurtosis(v);
  while (Math.abs(skew) > 2 && kurt > 3.5 && low + high < winmax) {
    const sorted = Float64Array.from(new Set(v)).sort();
    const isHigh = skew >= 0;
    const extreme = isHigh ? sorted[sorted.length - 1]! : sorted[0]!;
    const next = isHigh ? sorted[sorted.length - 2] : sorted[1];
    if (next === undefined) break;
    for (let i = 0; i < v.length; i++) if (v[i] === extreme) v[i] = next;
    if (isHigh) high++;
    else low++;
    skew = sampleSkewness(v);
    kurt = sampleExcessKurtosis(v);
  }
  return { values: v, low, high };
}

describe('winsoriseBounds equals the direct COINr loop', () => {
  let seed = 12345;
  const rnd = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const generators: [string, (i: number) => number][] = [
    ['exponential of a uniform', () => Math.exp(8 * rnd())],
    ['ratio with tiny denominators', () => 1 / (0.01 + rnd())],
    ['negative tail', () => -1 / (0.01 + rnd())],
    ['integers with ties', () => Math.floor(1 / (0.01 + rnd()))],
    ['two-sided', (i) => (i % 5 === 0 ? -3 : 1) / (0.01 + rnd())],
    ['mostly zeros', () => (rnd() < 0.8 ? 0 : Math.exp(5 * rnd()))],
  ];

  it.each(generators)('%s (20 random columns each, 30-300 values)', (_name, gen) => {
    let passes = 0;
    for (let rep = 0; rep < 20; rep++) {
      const n = 30 + Math.floor(rnd() * 270);
      const x = Float64Array.from({ length: n }, (_, i) => gen(i));
      const winmax = Math.ceil(0.1 * n);
      const ref = slowWinsorise(x, winmax);
      const fast = winsoriseBounds(x, { skewThreshold: 2, kurtThreshold: 3.5, winmax });
      expect([fast.low, fast.high]).toEqual([ref.low, ref.high]);
      const clamped = x.map((v) => Math.min(Math.max(v, fast.lo), fast.hi));
      expect(Array.from(clamped)).toEqual(Array.from(ref.values));
      passes += fast.low + fast.high;
    }
    expect(passes).toBeGreaterThan(0); // the generator does exercise the loop
  });

  it('ignores missing values', () => {
    const x = Float64Array.from([...Array.from({ length: 17 }, (_, i) => i + 1), 100, 100, Number.NaN]);
    expect(winsoriseBounds(x, { skewThreshold: 2, kurtThreshold: 3.5, winmax: 2 })).toMatchObject({
      high: 1,
      hi: 17,
      lo: 1,
    });
  });
});
