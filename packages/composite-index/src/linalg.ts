/**
 * Small dense linear algebra for the weighting and analysis stages: Pearson correlation and covariance with
 * missing values, correlation matrices, and the eigen-decomposition of a symmetric matrix by cyclic Jacobi
 * rotations (exact to rounding for the small matrices used here: one row and column per indicator).
 * Matrices are row-major Float64Arrays of n x n.
 */

/** Means and co-moments of x and y over the units where both are present. */
function coMoments(x: Float64Array, y: Float64Array): { n: number; sxx: number; syy: number; sxy: number } {
  let n = 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    n++;
    mx += a;
    my += b;
  }
  if (n === 0) return { n, sxx: 0, syy: 0, sxy: 0 };
  mx /= n;
  my /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i] as number;
    const b = y[i] as number;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    const da = a - mx;
    const db = b - my;
    sxx += da * da;
    syy += db * db;
    sxy += da * db;
  }
  return { n, sxx, syy, sxy };
}

/**
 * Pearson correlation over the units where both values are present (R `cor(x, y, use = "pairwise.complete.obs")`);
 * NaN with fewer than 2 pairs or a constant column.
 */
export function pearson(x: Float64Array, y: Float64Array): number {
  const { n, sxx, syy, sxy } = coMoments(x, y);
  if (n < 2 || !(sxx > 0) || !(syy > 0)) return Number.NaN;
  return sxy / Math.sqrt(sxx * syy);
}

/** Sample covariance (n - 1) over the units where both values are present; NaN with fewer than 2 pairs. */
export function covariance(x: Float64Array, y: Float64Array): number {
  const { n, sxy } = coMoments(x, y);
  return n < 2 ? Number.NaN : sxy / (n - 1);
}

/** Keeps only the units present in every column (R `na.omit` on the columns); returns the new columns. */
export function completeCases(cols: readonly Float64Array[]): Float64Array[] {
  const n = cols[0]?.length ?? 0;
  const keep: number[] = [];
  for (let i = 0; i < n; i++) if (cols.every((c) => !Number.isNaN(c[i]))) keep.push(i);
  return cols.map((c) => Float64Array.from(keep, (i) => c[i] as number));
}

/** k x k Pearson correlation matrix of the columns, pairwise complete (row-major). */
export function correlationMatrix(cols: readonly Float64Array[]): Float64Array {
  const k = cols.length;
  const r = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    r[a * k + a] = 1;
    for (let b = a + 1; b < k; b++) {
      const v = pearson(cols[a] as Float64Array, cols[b] as Float64Array);
      r[a * k + b] = v;
      r[b * k + a] = v;
    }
  }
  return r;
}

/** Eigenvalues (descending) and unit eigenvectors: `vectors[i * n + j]` is component i of eigenvector j. */
export interface Eigen {
  readonly values: Float64Array;
  readonly vectors: Float64Array;
}

/**
 * Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations (Rutishauser's formulation, as in Golub &
 * Van Loan, Matrix Computations, section 8.5): sweeps over the off-diagonal elements until their sum of squares is
 * below `tolerance` times the squared Frobenius norm. Eigenvalues are sorted in decreasing order; each
 * eigenvector's sign is chosen so that its largest-magnitude component is positive (a deterministic convention).
 */
export function symmetricEigen(matrix: Float64Array, n: number, tolerance = 1e-30, maxSweeps = 100): Eigen {
  if (matrix.length !== n * n) throw new Error(`symmetricEigen: expected ${n * n} elements`);
  const a = matrix.slice();
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let norm = 0;
  for (let i = 0; i < n * n; i++) norm += (a[i] as number) ** 2;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += 2 * (a[p * n + q] as number) ** 2;
    if (off <= tolerance * norm || off === 0) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q] as number;
        if (apq === 0) continue;
        const theta = ((a[q * n + q] as number) - (a[p * n + p] as number)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          // columns p and q
          const akp = a[k * n + p] as number;
          const akq = a[k * n + q] as number;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          // rows p and q
          const apk = a[p * n + k] as number;
          const aqk = a[q * n + k] as number;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p] as number;
          const vkq = v[k * n + q] as number;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (i, j) => (a[j * n + j] as number) - (a[i * n + i] as number),
  );
  const values = Float64Array.from(order, (i) => a[i * n + i] as number);
  const vectors = new Float64Array(n * n);
  order.forEach((src, j) => {
    let big = 0;
    for (let i = 0; i < n; i++) if (Math.abs(v[i * n + src] as number) > Math.abs(big)) big = v[i * n + src] as number;
    const sign = big < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) vectors[i * n + j] = sign * (v[i * n + src] as number);
  });
  return { values, vectors };
}

/** Row-major product of an (r x m) and an (m x c) matrix. */
export function matMul(x: Float64Array, y: Float64Array, r: number, m: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    for (let k = 0; k < m; k++) {
      const xik = x[i * m + k] as number;
      if (xik === 0) continue;
      for (let j = 0; j < c; j++) out[i * c + j] = (out[i * c + j] as number) + xik * (y[k * c + j] as number);
    }
  }
  return out;
}

/** Transpose of an (r x c) row-major matrix. */
export function transpose(x: Float64Array, r: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = x[i * c + j] as number;
  return out;
}
