import { describe, expect, it } from 'vitest';
import { createRng } from './prng.ts';
import { discreteChoice, saltelliEstimate, saltelliSample } from './saltelli.ts';
import { quantile } from './stats.ts';

/** Runs a model over the Saltelli design and returns the estimate. */
function estimate(model: (x: Float64Array) => number, n: number, d: number, seed: number, bootstrap = 0) {
  const rng = createRng(seed);
  const x = saltelliSample(n, d, rng);
  const y = new Float64Array(n * (d + 2));
  for (let r = 0; r < y.length; r++) y[r] = model(x.subarray(r * d, (r + 1) * d));
  return saltelliEstimate(y, n, d, { bootstrap, rng });
}

describe('saltelliSample (COINr SA_sample layout)', () => {
  it('stacks A, B and the N-row blocks A_B^(i) (A with column i from B)', () => {
    const n = 3;
    const d = 2;
    const x = saltelliSample(n, d, createRng(1));
    expect(x).toHaveLength(n * (d + 2) * d);
    const cell = (row: number, col: number): number => x[row * d + col]!;
    for (let r = 0; r < n; r++) {
      // block 1: column 0 from B, column 1 from A
      expect(cell(2 * n + r, 0)).toBe(cell(n + r, 0));
      expect(cell(2 * n + r, 1)).toBe(cell(r, 1));
      // block 2: column 0 from A, column 1 from B
      expect(cell(3 * n + r, 0)).toBe(cell(r, 0));
      expect(cell(3 * n + r, 1)).toBe(cell(n + r, 1));
    }
    x.forEach((v) => expect(v >= 0 && v < 1).toBe(true));
  });
});

describe('saltelliEstimate', () => {
  // COINr's SA_estimate example: y = x1 + 2 x2 + 3 x3 on U(0, 1)^3. Additive, so S_i = ST_i = a_i^2 / sum a^2
  // = 1/14, 4/14, 9/14.
  it('linear test function of the COINr documentation', () => {
    const r = estimate((x) => x[0]! + 2 * x[1]! + 3 * x[2]!, 20_000, 3, 11);
    [1, 4, 9].forEach((a, i) => {
      expect(Math.abs(r.indices[i]!.si - a / 14)).toBeLessThan(0.02);
      expect(Math.abs(r.indices[i]!.sti - a / 14)).toBeLessThan(0.01);
    });
    expect(r.variance).toBeCloseTo(14 / 12, 1);
  });

  // Ishigami function (Ishigami & Homma 1990; the benchmark of Saltelli et al. 2010, section 4), a = 7, b = 0.1,
  // x uniform on [-pi, pi]^3. Analytic: V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2,
  // V1 = b pi^4/5 + b^2 pi^8/50 + 1/2, V2 = a^2/8, V3 = 0, V13 = b^2 pi^8 (1/18 - 1/50).
  it('Ishigami: first-order and total indices within 0.02 of the analytic values', () => {
    const a = 7;
    const b = 0.1;
    const pi = Math.PI;
    const V = (a * a) / 8 + (b * pi ** 4) / 5 + (b * b * pi ** 8) / 18 + 0.5;
    const V1 = (b * pi ** 4) / 5 + (b * b * pi ** 8) / 50 + 0.5;
    const V2 = (a * a) / 8;
    const V13 = b * b * pi ** 8 * (1 / 18 - 1 / 50);
    const S = [V1 / V, V2 / V, 0];
    const ST = [(V1 + V13) / V, V2 / V, V13 / V];
    expect(S[0]).toBeCloseTo(0.3139, 4);
    expect(ST[2]).toBeCloseTo(0.2437, 4);
    const f = (x: Float64Array): number => {
      const [x1, x2, x3] = Array.from(x, (u) => (2 * u - 1) * pi) as [number, number, number];
      return Math.sin(x1) + a * Math.sin(x2) ** 2 + b * x3 ** 4 * Math.sin(x1);
    };
    const r = estimate(f, 50_000, 3, 2010, 50);
    r.indices.forEach((ix, i) => {
      expect(Math.abs(ix.si - S[i]!)).toBeLessThan(0.02);
      expect(Math.abs(ix.sti - ST[i]!)).toBeLessThan(0.02);
      expect(ix.siQ5!).toBeLessThan(ix.siQ95!);
      expect(ix.stiQ5!).toBeLessThanOrEqual(ix.sti);
      expect(ix.stiQ95!).toBeGreaterThanOrEqual(ix.sti);
    });
    expect(r.variance).toBeCloseTo(V, 0);
  });

  it('skips failed runs (NaN) and checks the output length', () => {
    const n = 4;
    const y = Float64Array.from([1, 2, 3, 4, 2, 3, 4, 5, 1, Number.NaN, 3, 5]);
    const r = saltelliEstimate(y, n, 1);
    // rows 0, 2, 3 of the AB block: yB (yAB - yA) = 2*0, 4*0, 5*1; (yA - yAB)^2 = 0, 0, 1
    expect(r.indices[0]!.si).toBeCloseTo(5 / 3 / r.variance, 14);
    expect(r.indices[0]!.sti).toBeCloseTo(1 / 6 / r.variance, 14);
    expect(() => saltelliEstimate(y, 5, 1)).toThrow(/expected 15/);
  });
});

describe('discreteChoice and quantile', () => {
  it.each([
    [0, 3, 0],
    [0.3333, 3, 0],
    [0.34, 3, 1],
    [0.99999, 3, 2],
    [1, 3, 2],
    [0.5, 1, 0],
  ])('u = %d of %d alternatives -> %d', (u, k, want) => expect(discreteChoice(u, k)).toBe(want));

  // R: quantile(c(1, 2, 3, 4, 10), c(0.05, 0.5, 0.95)) = 1.2, 3, 8.8 (type 7)
  it.each([
    [0.05, 1.2],
    [0.5, 3],
    [0.95, 8.8],
    [0, 1],
    [1, 10],
  ])('type-7 quantile p = %d', (p, want) => {
    expect(quantile(Float64Array.of(10, 3, Number.NaN, 1, 4, 2), p)).toBeCloseTo(want, 14);
  });
  it('quantile of nothing is NaN', () => expect(quantile(Float64Array.of(Number.NaN), 0.5)).toBeNaN());
});
