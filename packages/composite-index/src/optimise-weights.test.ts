import { describe, expect, it } from 'vitest';
import { aggregate } from './aggregate.ts';
import { pearson } from './linalg.ts';
import { optimiseWeights } from './optimise-weights.ts';
import { createRng } from './prng.ts';
import { type DataSet, type Framework, getColumn } from './types.ts';
import { applyWeights } from './weights.ts';

/** n units; a follows a common factor closely, b loosely, c not at all (so equal weights give unequal importance). */
function data(n: number, seed: number): DataSet {
  const rng = createRng(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const c = new Float64Array(n);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const z = normal();
    a[i] = 50 + 10 * (z + 0.2 * normal());
    b[i] = 50 + 10 * (z + 1.0 * normal());
    c[i] = 50 + 10 * normal();
    d[i] = 50 + 10 * (z + 0.5 * normal());
  }
  return {
    units: Array.from({ length: n }, (_, i) => `u${i}`),
    indicators: ['a', 'b', 'c', 'd'],
    columns: [a, b, c, d],
  };
}

const flat: Framework = {
  indicators: ['a', 'b', 'c', 'd'].map((code) => ({ code, direction: 1 as const, weight: 1, parent: 'Index' })),
  aggregates: [{ code: 'Index', weight: 1 }],
};
const fw: Framework = {
  indicators: [
    { code: 'a', direction: 1, weight: 1, parent: 'P1' },
    { code: 'b', direction: 1, weight: 1, parent: 'P1' },
    { code: 'c', direction: 1, weight: 1, parent: 'P2' },
    { code: 'd', direction: 1, weight: 1, parent: 'P2' },
  ],
  aggregates: [
    { code: 'Index', weight: 1 },
    { code: 'P1', weight: 1, parent: 'Index' },
    { code: 'P2', weight: 1, parent: 'Index' },
  ],
};

/** Normalised correlations of the components with the index under a weight set (recomputed from scratch). */
function shares(ds: DataSet, weights: Record<string, number>, codes: readonly string[], framework = flat): number[] {
  const agg = aggregate(ds, applyWeights(framework, weights));
  const r = codes.map((c) => pearson(getColumn(agg, c), getColumn(agg, 'Index')));
  const s = r.reduce((x, y) => x + y, 0);
  return r.map((v) => v / s);
}

describe('optimiseWeights (COINr get_opt_weights, "balance")', () => {
  const ds = data(200, 11);

  it('level 1, equal targets: the loosely correlated indicators need more weight than the tight one', () => {
    const want = [0.25, 0.25, 0.25, 0.25];
    const before = shares(ds, { a: 1, b: 1, c: 1, d: 1 }, ['a', 'b', 'c', 'd']);
    expect(Math.max(...before.map((v, k) => Math.abs(v - want[k]!)))).toBeGreaterThan(0.02);
    const r = optimiseWeights(ds, flat, { tolerance: 1e-5 });
    expect(r.converged).toBe(true);
    expect(r.components).toEqual(['a', 'b', 'c', 'd']);
    ['a', 'b', 'c', 'd'].forEach((c, k) => {
      expect(Math.abs(r.achieved[c]! - want[k]!)).toBeLessThanOrEqual(1e-5);
      expect(r.targets[c]).toBe(0.25);
    });
    // the reported correlations are what a fresh aggregation with the optimised weights gives
    const again = shares(ds, r.weights, ['a', 'b', 'c', 'd']);
    again.forEach((v, k) => expect(v).toBeCloseTo(r.achieved[['a', 'b', 'c', 'd'][k]!]!, 12));
    expect(r.weights.c!).toBeGreaterThan(r.weights.a!);
    expect(r.objective).toBeLessThan(1e-9);
  });

  // Independent indicators with spreads s_j: corr(x_j, index) is proportional to w_j s_j, so the weights that give
  // shares t_j are (up to sampling error in the cross-correlations) w_j proportional to t_j / s_j.
  it.each([
    { targets: undefined, t: [1, 1, 1, 1] },
    { targets: { x1: 1, x2: 2, x3: 1, x4: 2 }, t: [1, 2, 1, 2] },
    { targets: { x1: 4, x2: 3, x3: 2, x4: 1 }, t: [4, 3, 2, 1] },
  ])('independent indicators, targets $t: w ~ t / s', ({ targets, t }) => {
    const n = 20_000;
    const rng = createRng(21);
    const spread = [1, 2, 4, 8];
    const codes = ['x1', 'x2', 'x3', 'x4'];
    const columns = spread.map((sd) => Float64Array.from({ length: n }, () => (rng() - 0.5) * sd * Math.sqrt(12)));
    const ind: DataSet = { units: Array.from({ length: n }, (_, i) => `u${i}`), indicators: codes, columns };
    const fwx: Framework = {
      indicators: codes.map((code) => ({ code, direction: 1 as const, weight: 1, parent: 'I' })),
      aggregates: [{ code: 'I', weight: 1 }],
    };
    const r = optimiseWeights(ind, fwx, { targets, tolerance: 1e-6 });
    expect(r.converged).toBe(true);
    const ideal = t.map((v, k) => v / spread[k]!);
    const sum = ideal.reduce((a, b) => a + b, 0);
    codes.forEach((c, k) => {
      expect(r.achieved[c]).toBeCloseTo(t[k]! / t.reduce((a, b) => a + b, 0), 5);
      expect(Math.abs(r.weights[c]! / (ideal[k]! / sum) - 1)).toBeLessThan(0.1);
    });
  });

  it('level 2: balances the two pillars', () => {
    const r = optimiseWeights(ds, fw, { level: 2, tolerance: 1e-6 });
    expect(r.converged).toBe(true);
    expect(r.components).toEqual(['P1', 'P2']);
    expect(r.achieved.P1).toBeCloseTo(0.5, 5);
    expect(r.weights.a).toBe(1); // other levels keep the base weights
    expect(r.weights.P1! + r.weights.P2!).toBeCloseTo(1, 14);
  });

  it('level 1 under fixed pillars: weights move within each pillar only; an unattainable target is reported', () => {
    const r = optimiseWeights(ds, fw, { level: 1, maxIterations: 200 });
    expect(r.weights.a! + r.weights.b!).toBeCloseTo(1, 12);
    expect(r.weights.c! + r.weights.d!).toBeCloseTo(1, 12);
    const start = shares(ds, { a: 1, b: 1, c: 1, d: 1 }, ['a', 'b', 'c', 'd'], fw);
    const startObj = start.reduce((s, v) => s + (v - 0.25) ** 2, 0);
    expect(r.objective).toBeLessThan(startObj);
    const again = shares(ds, r.weights, ['a', 'b', 'c', 'd'], fw);
    expect(again.reduce((s, v) => s + (v - 0.25) ** 2, 0)).toBeCloseTo(r.objective, 12);
  });

  it('two independent indicators with equal spread and equal weights are already balanced', () => {
    const n = 400;
    const rng = createRng(3);
    const x = Float64Array.from({ length: n }, () => rng());
    const y = Float64Array.from({ length: n }, (_, i) => 1 - x[(i * 7919) % n]!);
    const flat: Framework = {
      indicators: [
        { code: 'x', direction: 1, weight: 1, parent: 'I' },
        { code: 'y', direction: 1, weight: 1, parent: 'I' },
      ],
      aggregates: [{ code: 'I', weight: 1 }],
    };
    const ds2 = {
      units: x
        .map((_, i) => i)
        .join(',')
        .split(','),
      indicators: ['x', 'y'],
      columns: [x, y],
    };
    const r = optimiseWeights(ds2, flat, { tolerance: 1e-3 });
    expect(r.iterations).toBe(0);
    expect(r.weights.x).toBeCloseTo(0.5, 14);
  });

  it('validates targets and level', () => {
    expect(() => optimiseWeights(ds, fw, { level: 4 })).toThrow(/no aggregate at level 4/);
    expect(() => optimiseWeights(ds, fw, { targets: { a: 1 } })).toThrow(/every component/);
    expect(() => optimiseWeights(ds, fw, { targets: { a: 0, b: 0, c: 0, d: 0 } })).toThrow(/sum to 0/);
  });
});
