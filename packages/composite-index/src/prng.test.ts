import { describe, expect, it } from 'vitest';
import { createRng, xoshiro128ss } from './prng.ts';

describe('xoshiro128**', () => {
  it('matches the reference C implementation (Blackman & Vigna, prng.di.unimi.it) from the state {1, 2, 3, 4}', () => {
    const next = xoshiro128ss([1, 2, 3, 4]);
    expect(Array.from({ length: 6 }, next)).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  it('rejects the all-zero state', () => {
    expect(() => xoshiro128ss([0, 0, 0, 0])).toThrow(/all zero/);
  });
});

describe('createRng', () => {
  it('is reproducible per seed, differs between seeds and stays in [0, 1)', () => {
    const a = Array.from({ length: 5 }, createRng(42));
    expect(Array.from({ length: 5 }, createRng(42))).toEqual(a);
    expect(Array.from({ length: 5 }, createRng(43))).not.toEqual(a);
    const rng = createRng(1);
    let sum = 0;
    let lo = 1;
    let hi = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const u = rng();
      sum += u;
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    // mean of 100k uniforms: sd 1/sqrt(12 n) ~ 0.0009
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.005);
  });
});
