import { describe, expect, it } from 'vitest';
import { pcaWeights, retainedFactors, varimax } from './pca.ts';

// The Technology Achievement Index data of the worked example in the OECD/JRC Handbook on Constructing Composite
// Indicators (2008): 23 countries; patents, royalties, internet, tech exports, telephones (log), electricity (log),
// schooling, university.
const TAI: readonly (readonly number[])[] = [
  [187, 125.6, 200.2, 50.7, 3.08, 4.15, 10, 27.4], // Finland
  [289, 130, 179.1, 66.2, 3, 4.07, 12, 13.9], // United States
  [271, 156.6, 125.8, 59.7, 3.1, 4.14, 11.4, 15.3], // Sweden
  [994, 64.6, 49, 80.8, 3, 3.86, 9.5, 10], // Japan
  [779, 9.8, 4.8, 66.7, 2.97, 3.65, 10.8, 23.2], // Korea
  [189, 151.2, 136, 50.9, 3.02, 3.77, 9.4, 9.5], // Netherlands
  [82, 134, 57.4, 61.9, 3.02, 3.73, 9.4, 14.9], // United Kingdom
  [31, 38.6, 108, 48.7, 2.94, 4.18, 11.6, 14.2], // Canada
  [75, 18.2, 125.9, 16.2, 2.94, 3.94, 10.9, 25.3], // Australia
  [8, 25.5, 72.3, 74.9, 2.95, 3.83, 7.1, 24.2], // Singapore
  [235, 36.8, 41.2, 64.2, 2.94, 3.75, 10.2, 14.4], // Germany
  [103, 20.2, 193.6, 19, 3.12, 4.39, 11.9, 11.2], // Norway
  [106, 110.3, 48.6, 53.6, 2.97, 3.68, 9.4, 12.3], // Ireland
  [72, 73.9, 58.9, 47.6, 2.91, 3.86, 9.3, 13.6], // Belgium
  [103, 13, 146.7, 15.4, 2.86, 3.91, 11.7, 13.1], // New Zealand
  [165, 14.8, 84.2, 50.3, 2.99, 3.79, 8.4, 13.6], // Austria
  [205, 33.6, 36.4, 58.9, 2.97, 3.8, 7.9, 12.6], // France
  [74, 43.6, 43.2, 45, 2.96, 3.74, 9.6, 11], // Israel
  [42, 8.6, 21, 53.4, 2.86, 3.62, 7.3, 15.6], // Spain
  [13, 9.8, 30.4, 51, 3, 3.65, 7.2, 13], // Italy
  [28, 4.2, 25, 51.7, 2.75, 3.68, 9.5, 8.2], // Czech Republic
  [26, 6.2, 21.6, 63.5, 2.73, 3.46, 9.1, 7.7], // Hungary
  [105, 4, 20.3, 49.5, 2.84, 3.71, 7.1, 10.6], // Slovenia
];
const cols = Array.from({ length: 8 }, (_, j) => Float64Array.from(TAI, (row) => row[j]!));

describe('PCA on the Handbook TAI example', () => {
  const r = pcaWeights(cols);

  // Handbook Table 16 "Eigenvalues of TAI data set": 3.3, 1.7, 1.0, 0.9, 0.5, 0.3, 0.2, 0.1; cumulative variance
  // 41.9, 63.7, 76.0, 87.2, 93.2, 96.9, 99.1, 100 %. (The first eigenvalue is 3.354: the table prints 3.3 but its
  // 41.9 % is 3.354 / 8, so the eigenvalues are compared to 0.06 and the cumulative shares to 0.1 point.)
  it('eigenvalues and cumulative variance match Table 16', () => {
    const table = [3.3, 1.7, 1.0, 0.9, 0.5, 0.3, 0.2, 0.1];
    const cumulative = [41.9, 63.7, 76.0, 87.2, 93.2, 96.9, 99.1, 100];
    let acc = 0;
    table.forEach((ev, i) => {
      expect(Math.abs(r.eigenvalues[i]! - ev)).toBeLessThan(0.06);
      acc += r.varianceShare[i]! * 100;
      expect(Math.abs(acc - cumulative[i]!)).toBeLessThanOrEqual(0.1);
    });
    expect(r.eigenvalues.reduce((s, v) => s + v, 0)).toBeCloseTo(8, 12);
  });

  it('retains the four factors of the Handbook (eigenvalue > 1 or > 10 % of the variance, and > 60 % in all)', () => {
    expect(r.factors).toBe(4);
    expect(retainedFactors(r.eigenvalues)).toBe(4);
    expect(retainedFactors(r.eigenvalues, { minVarianceShare: 0.5 })).toBe(2); // eigenvalue > 1: 2 factors, 63.8 %
    expect(
      retainedFactors(Float64Array.of(2.5, 0.3, 0.1, 0.1), { minVarianceShare: 0.5, cumulativeVariance: 0.7 }),
    ).toBe(2);
  });

  // Handbook Table 17 (varimax-rotated loadings and squared loadings scaled to unity sum), row Patents:
  // 0.07, 0.97, 0.06, 0.06 and 0.00, 0.67, 0.00, 0.00 — Patents belongs to factor 2.
  it('rotated loadings of Patents match Table 17 to 0.01', () => {
    const row = Array.from(r.loadings.subarray(0, 4), Math.abs);
    [0.07, 0.97, 0.06, 0.06].forEach((v, j) => expect(Math.abs(row[j]! - v)).toBeLessThanOrEqual(0.01));
    const scaled = r.loadings[1]! ** 2 / r.explainedVariance[1]!;
    expect(Math.abs(scaled - 0.67)).toBeLessThanOrEqual(0.01);
    expect(r.assignedFactor[0]).toBe(1);
  });

  it('rotation keeps the communalities and the total explained variance', () => {
    const unrotated = pcaWeights(cols, { rotation: 'none' });
    for (let i = 0; i < 8; i++) {
      let a = 0;
      let b = 0;
      for (let j = 0; j < 4; j++) {
        a += r.loadings[i * 4 + j]! ** 2;
        b += unrotated.loadings[i * 4 + j]! ** 2;
      }
      expect(a).toBeCloseTo(b, 10);
    }
    const sum = (x: Float64Array): number => x.reduce((s, v) => s + v, 0);
    expect(sum(r.explainedVariance)).toBeCloseTo(sum(unrotated.eigenvalues.subarray(0, 4)), 10);
    // unrotated explained variances are the eigenvalues themselves
    for (let j = 0; j < 4; j++) expect(unrotated.explainedVariance[j]).toBeCloseTo(r.eigenvalues[j]!, 10);
  });

  // Weights of the Handbook scheme (scaled squared loading on the assigned factor x the factor's share of the
  // explained variance, rescaled to sum 1), cross-checked with an independent numpy computation that uses the
  // algorithm of R stats::varimax.
  it('handbook weights', () => {
    const want = [0.167967, 0.154618, 0.111319, 0.056506, 0.086145, 0.118626, 0.138797, 0.166022];
    want.forEach((w, i) => expect(r.weights[i]).toBeCloseTo(w, 5));
    expect(Array.from(r.assignedFactor)).toEqual([1, 3, 0, 1, 3, 0, 0, 2]);
    expect(r.weights.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 14);
  });

  it('first-component weights (COINr get_PCA) are the first eigenvector with a positive sum', () => {
    const pc1 = pcaWeights(cols, { scheme: 'firstComponent' });
    const want = [0.057113, 0.306246, 0.49992, -0.191955, 0.414805, 0.494019, 0.401897, 0.196332];
    want.forEach((w, i) => expect(pc1.weights[i]).toBeCloseTo(w, 5));
    expect(pc1.weights.reduce((s, v) => s + v * v, 0)).toBeCloseTo(1, 14);
  });

  it('uses complete cases and needs 3 of them and no constant column', () => {
    const gappy = cols.map((c, j) => (j === 0 ? Float64Array.from(c, (v, i) => (i < 3 ? Number.NaN : v)) : c));
    expect(pcaWeights(gappy).units).toBe(20);
    expect(() => pcaWeights(cols.map((c) => c.subarray(0, 2)))).toThrow(/at least 3 units/);
    expect(() => pcaWeights([cols[0]!, Float64Array.from(cols[0]!, () => 1)])).toThrow(/constant/);
  });
});

describe('varimax', () => {
  it('leaves a single factor alone', () => {
    expect(Array.from(varimax(Float64Array.of(0.8, 0.6, 0.7), 3, 1))).toEqual([0.8, 0.6, 0.7]);
  });

  // A near-simple structure S rotated by 20 or 35 degrees: varimax finds the same simple structure from both (the
  // criterion does not depend on the starting orientation). Reference values from the R stats::varimax algorithm
  // run independently in numpy.
  it.each([20, 35])('recovers a simple structure rotated by %d degrees', (deg) => {
    const c = Math.cos((Math.PI * deg) / 180);
    const s = Math.sin((Math.PI * deg) / 180);
    const simple = [
      [0.9, 0.1],
      [0.8, 0],
      [0.1, 0.7],
      [0, 0.9],
      [0.5, 0.05],
    ];
    const rotated = Float64Array.from(simple.flatMap(([a, b]) => [a! * c - b! * s, a! * s + b! * c]));
    const back = varimax(rotated, 5, 2);
    const want = [
      [0.9008, 0.0923],
      [0.8, -0.0068],
      [0.106, 0.6991],
      [0.0077, 0.9],
      [0.5004, 0.0457],
    ];
    want.forEach(([a, b], i) => {
      expect(Math.abs(back[i * 2]! - a!)).toBeLessThan(2e-4);
      expect(Math.abs(back[i * 2 + 1]! - b!)).toBeLessThan(2e-4);
    });
  });
});
