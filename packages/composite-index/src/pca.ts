/**
 * Principal component analysis of a group of indicators and the weights derived from it: the OECD/JRC Handbook on
 * Constructing Composite Indicators (2008), section 6.1 "Weights based on principal components analysis or factor
 * analysis" (worked on the Technology Achievement Index, Tables 16-18), and COINr `get_PCA` (first-component
 * loadings). PCA is on the correlation matrix (standardised data) of the units with complete data.
 */
import { completeCases, correlationMatrix, matMul, symmetricEigen, transpose } from './linalg.ts';

/** Options of {@link pcaWeights}. */
export interface PcaOptions {
  /**
   * `handbook` (default): retained factors, optionally rotated; each indicator goes to the factor on which its
   * squared loading, scaled by the factor's explained variance, is largest; its weight is that scaled squared loading
   * times the factor's share of the explained variance, rescaled to sum 1.
   * `firstComponent` (COINr get_PCA): the first eigenvector, with the sign making its sum positive (weights may be
   * negative — COINr warns about this too).
   */
  readonly scheme?: 'handbook' | 'firstComponent';
  /** `varimax` (default for the handbook scheme, R stats::varimax with Kaiser normalisation) or `none`. */
  readonly rotation?: 'varimax' | 'none';
  /** Fixed number of factors; otherwise chosen by the three handbook criteria below. */
  readonly factors?: number;
  /** Criterion (i): eigenvalue larger than this (default 1). */
  readonly minEigenvalue?: number;
  /** Criterion (ii): individual share of the variance larger than this (default 0.1). */
  readonly minVarianceShare?: number;
  /** Criterion (iii): retain at least enough factors for this cumulative share (default 0.6). */
  readonly cumulativeVariance?: number;
}

/** PCA outcome and weights for one group of columns. */
export interface PcaResult {
  /** All eigenvalues of the correlation matrix, decreasing. */
  readonly eigenvalues: Float64Array;
  /** eigenvalue / number of columns. */
  readonly varianceShare: Float64Array;
  /** Number of factors retained. */
  readonly factors: number;
  /** Loadings (k x factors, row-major): eigenvector x sqrt(eigenvalue), rotated when asked. */
  readonly loadings: Float64Array;
  /** Variance explained by each retained factor (column sums of squared loadings, after rotation). */
  readonly explainedVariance: Float64Array;
  /** Factor each column is assigned to (handbook scheme; 0 for firstComponent). */
  readonly assignedFactor: Int32Array;
  /** Weights summing to 1. */
  readonly weights: Float64Array;
  /** Units used (complete cases). */
  readonly units: number;
}

/**
 * Number of factors by the handbook's rules: take factors in order while each has an eigenvalue above
 * `minEigenvalue` or explains more than `minVarianceShare` of the variance, and at least as many as needed to
 * explain `cumulativeVariance` (on the TAI data this retains 4 factors: eigenvalues 3.3, 1.7, 1.0, 0.9 — the
 * fourth explains 11 %).
 */
export function retainedFactors(eigenvalues: Float64Array, opts: PcaOptions = {}): number {
  const k = eigenvalues.length;
  const minEig = opts.minEigenvalue ?? 1;
  const minShare = opts.minVarianceShare ?? 0.1;
  const cum = opts.cumulativeVariance ?? 0.6;
  let byEach = 0;
  while (byEach < k) {
    const ev = eigenvalues[byEach] as number;
    if (!(ev > minEig || ev / k > minShare)) break;
    byEach++;
  }
  let byCum = 0;
  let acc = 0;
  while (byCum < k && acc < cum - 1e-12) acc += (eigenvalues[byCum++] as number) / k;
  return Math.max(1, byEach, byCum);
}

/**
 * Varimax rotation exactly as R `stats::varimax(x, normalize = TRUE, eps = 1e-5)` (Kaiser 1958): rows are scaled to
 * unit length, then T <- U V' from the SVD of B = X'(Z^3 - Z diag(colSums(Z^2)) / p) until the sum of singular
 * values grows by less than eps. U V' is computed as B (B'B)^(-1/2) through the Jacobi eigen-decomposition of B'B.
 */
export function varimax(loadings: Float64Array, p: number, m: number, eps = 1e-5): Float64Array {
  if (m < 2) return loadings.slice();
  const sc = new Float64Array(p);
  const x = new Float64Array(p * m);
  for (let i = 0; i < p; i++) {
    let s = 0;
    for (let j = 0; j < m; j++) s += (loadings[i * m + j] as number) ** 2;
    sc[i] = Math.sqrt(s);
    for (let j = 0; j < m; j++) x[i * m + j] = s > 0 ? (loadings[i * m + j] as number) / (sc[i] as number) : 0;
  }
  const xt = transpose(x, p, m);
  let tt: Float64Array = new Float64Array(m * m);
  for (let j = 0; j < m; j++) tt[j * m + j] = 1;
  let d = 0;
  for (let iter = 0; iter < 1000; iter++) {
    const z = matMul(x, tt, p, m, m);
    const colSq = new Float64Array(m);
    for (let i = 0; i < p; i++)
      for (let j = 0; j < m; j++) colSq[j] = (colSq[j] as number) + (z[i * m + j] as number) ** 2;
    const inner = new Float64Array(p * m);
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < m; j++) {
        const zij = z[i * m + j] as number;
        inner[i * m + j] = zij ** 3 - (zij * (colSq[j] as number)) / p;
      }
    }
    const b = matMul(xt, inner, m, p, m);
    const btb = matMul(transpose(b, m, m), b, m, m, m);
    const { values, vectors } = symmetricEigen(btb, m);
    if (!((values[m - 1] as number) > 1e-14 * (values[0] as number))) break; // singular B: keep the last rotation
    // (B'B)^(-1/2) = V diag(1 / sqrt(lambda)) V'
    const invSqrt = new Float64Array(m * m);
    for (let r = 0; r < m; r++) {
      for (let c = 0; c < m; c++) {
        let s = 0;
        for (let k = 0; k < m; k++) {
          s += ((vectors[r * m + k] as number) * (vectors[c * m + k] as number)) / Math.sqrt(values[k] as number);
        }
        invSqrt[r * m + c] = s;
      }
    }
    tt = matMul(b, invSqrt, m, m, m);
    const dPast = d;
    d = 0;
    for (let k = 0; k < m; k++) d += Math.sqrt(values[k] as number);
    if (d < dPast * (1 + eps)) break;
  }
  const z = matMul(x, tt, p, m, m);
  for (let i = 0; i < p; i++) for (let j = 0; j < m; j++) z[i * m + j] = (z[i * m + j] as number) * (sc[i] as number);
  return z;
}

/** PCA of the columns and the weights of the chosen scheme; see {@link PcaOptions}. */
export function pcaWeights(cols: readonly Float64Array[], opts: PcaOptions = {}): PcaResult {
  const k = cols.length;
  if (k === 0) throw new Error('PCA: no columns');
  const complete = completeCases(cols);
  const units = complete[0]?.length ?? 0;
  if (units < 3) throw new Error(`PCA: needs at least 3 units with complete data, found ${units}`);
  const r = correlationMatrix(complete);
  if (r.some((v) => Number.isNaN(v))) throw new Error('PCA: a column is constant over the complete cases');
  const { values, vectors } = symmetricEigen(r, k);
  const varianceShare = Float64Array.from(values, (v) => v / k);
  const scheme = opts.scheme ?? 'handbook';
  if (scheme === 'firstComponent') {
    let sum = 0;
    for (let i = 0; i < k; i++) sum += vectors[i * k] as number;
    const sign = sum < 0 ? -1 : 1;
    const weights = Float64Array.from({ length: k }, (_, i) => sign * (vectors[i * k] as number));
    const loadings = Float64Array.from(weights, (v) => v * Math.sqrt(values[0] as number));
    return {
      eigenvalues: values,
      varianceShare,
      factors: 1,
      loadings,
      explainedVariance: Float64Array.of(values[0] as number),
      assignedFactor: new Int32Array(k),
      weights,
      units,
    };
  }
  const m = Math.min(k, opts.factors ?? retainedFactors(values, opts));
  let loadings: Float64Array = new Float64Array(k * m);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < m; j++)
      loadings[i * m + j] = (vectors[i * k + j] as number) * Math.sqrt(Math.max(0, values[j] as number));
  }
  if ((opts.rotation ?? 'varimax') === 'varimax') loadings = varimax(loadings, k, m);
  const explainedVariance = new Float64Array(m);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < m; j++)
      explainedVariance[j] = (explainedVariance[j] as number) + (loadings[i * m + j] as number) ** 2;
  let totalEv = 0;
  for (let j = 0; j < m; j++) totalEv += explainedVariance[j] as number;
  const assignedFactor = new Int32Array(k);
  const raw = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let best = 0;
    let bestQ = -1;
    for (let j = 0; j < m; j++) {
      const q = (loadings[i * m + j] as number) ** 2 / (explainedVariance[j] as number);
      if (q > bestQ) {
        bestQ = q;
        best = j;
      }
    }
    assignedFactor[i] = best;
    raw[i] = bestQ * ((explainedVariance[best] as number) / totalEv);
  }
  let sum = 0;
  for (let i = 0; i < k; i++) sum += raw[i] as number;
  const weights = Float64Array.from(raw, (v) => v / sum);
  return {
    eigenvalues: values,
    varianceShare,
    factors: m,
    loadings,
    explainedVariance,
    assignedFactor,
    weights,
    units,
  };
}
