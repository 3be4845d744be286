import { describe, expect, it } from 'vitest';
import { completeCases, correlationMatrix, covariance, matMul, pearson, symmetricEigen, transpose } from './linalg.ts';
import { createRng } from './prng.ts';

const f = (xs: number[]): Float64Array => Float64Array.from(xs);
const NA = Number.NaN;

describe('pearson and covariance (pairwise complete, as R cor/cov with use = "pairwise.complete.obs")', () => {
  it.each([
    { x: [1, 2, 3, 4], y: [2, 4, 6, 8], r: 1, cov: 10 / 3 },
    { x: [1, 2, 3, 4], y: [8, 6, 4, 2], r: -1, cov: -10 / 3 },
    // x = 1..5, y = (2, 1, 4, 3, 5): sxy = 8, sxx = syy = 10 -> r = 0.8, cov = 8 / 4
    { x: [1, 2, 3, 4, 5], y: [2, 1, 4, 3, 5], r: 0.8, cov: 2 },
    // the NaN pairs are dropped: the same as above
    { x: [1, 2, NA, 3, 4, 5, 9], y: [2, 1, 7, 4, 3, 5, NA], r: 0.8, cov: 2 },
  ])('$x / $y', ({ x, y, r, cov }) => {
    expect(pearson(f(x), f(y))).toBeCloseTo(r, 14);
    expect(covariance(f(x), f(y))).toBeCloseTo(cov, 14);
  });

  it('is NaN for a constant column or fewer than 2 pairs', () => {
    expect(pearson(f([1, 1, 1]), f([1, 2, 3]))).toBeNaN();
    expect(pearson(f([1, NA]), f([NA, 2]))).toBeNaN();
    expect(covariance(f([1]), f([2]))).toBeNaN();
  });

  it('correlation matrix is symmetric with a unit diagonal; complete cases drop rows with any gap', () => {
    const cols = [f([1, 2, 3, 4, 5]), f([2, 1, 4, 3, 5]), f([5, 4, 3, 2, NA])];
    const r = correlationMatrix(cols);
    expect(Array.from(r.filter((_, i) => i % 4 === 0))).toEqual([1, 1, 1]);
    expect(r[1]).toBeCloseTo(0.8, 14);
    expect(r[3]).toBe(r[1]);
    expect(r[2]).toBeCloseTo(-1, 14);
    expect(completeCases(cols).map((c) => Array.from(c))).toEqual([
      [1, 2, 3, 4],
      [2, 1, 4, 3],
      [5, 4, 3, 2],
    ]);
  });
});

describe('symmetricEigen (cyclic Jacobi)', () => {
  it('2 x 2: [[2, 1], [1, 2]] has eigenvalues 3 and 1 with vectors (1, 1)/sqrt 2 and (1, -1)/sqrt 2', () => {
    const { values, vectors } = symmetricEigen(f([2, 1, 1, 2]), 2);
    expect(values[0]).toBeCloseTo(3, 14);
    expect(values[1]).toBeCloseTo(1, 14);
    const s = Math.SQRT1_2;
    [s, s, s, -s].forEach((v, i) => expect(vectors[i]).toBeCloseTo(v, 14));
  });

  it('the second-difference matrix tridiag(-1, 2, -1) of order 3 has eigenvalues 2 + sqrt 2, 2, 2 - sqrt 2', () => {
    const { values } = symmetricEigen(f([2, -1, 0, -1, 2, -1, 0, -1, 2]), 3);
    [2 + Math.SQRT2, 2, 2 - Math.SQRT2].forEach((v, i) => expect(values[i]).toBeCloseTo(v, 14));
  });

  it('random symmetric 12 x 12: A V = V diag(lambda), V orthonormal, trace preserved', () => {
    const n = 12;
    const rng = createRng(7);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = rng() * 2 - 1;
    const { values, vectors } = symmetricEigen(a, n);
    const av = matMul(a, vectors, n, n, n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) expect(av[i * n + j]).toBeCloseTo(vectors[i * n + j]! * values[j]!, 12);
    const vtv = matMul(transpose(vectors, n, n), vectors, n, n, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(vtv[i * n + j]).toBeCloseTo(i === j ? 1 : 0, 13);
    let trace = 0;
    for (let i = 0; i < n; i++) trace += a[i * n + i]!;
    expect(values.reduce((s, v) => s + v, 0)).toBeCloseTo(trace, 12);
    for (let j = 1; j < n; j++) expect(values[j]!).toBeLessThanOrEqual(values[j - 1]!);
  });
});
