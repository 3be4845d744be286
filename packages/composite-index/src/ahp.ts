/**
 * Analytic Hierarchy Process (Saaty 1977, "A scaling method for priorities in hierarchical structures", J. Math.
 * Psychology 15; Saaty 1980, The Analytic Hierarchy Process): weights are the principal eigenvector of a positive
 * reciprocal pairwise comparison matrix, and the judgements are accepted when the consistency ratio is small.
 */

/**
 * Saaty's random consistency index RI by matrix order n (index n; Saaty 1980, the mean consistency index of random
 * reciprocal matrices on the 1/9..9 scale). For n > 10 pass `randomIndex` explicitly: published extensions disagree.
 */
export const SAATY_RANDOM_INDEX: readonly number[] = [0, 0, 0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49];

/** Options of {@link ahpWeights}. */
export interface AhpOptions {
  /** Largest acceptable consistency ratio; Saaty's 0.1 by default. Set to Infinity to accept any matrix. */
  readonly maxCR?: number;
  /** Random index to use instead of Saaty's table (required for n > 10). */
  readonly randomIndex?: number;
  /** Power iteration stops when no weight moves by more than this. Default 1e-14. */
  readonly tolerance?: number;
  readonly maxIterations?: number;
}

/** Priorities and consistency of one comparison matrix. */
export interface AhpResult {
  /** Principal eigenvector normalised to sum 1. */
  readonly weights: Float64Array;
  /** Principal eigenvalue (>= n for a positive reciprocal matrix; = n when perfectly consistent). */
  readonly lambdaMax: number;
  /** Consistency index CI = (lambdaMax - n) / (n - 1) (0 for n <= 2). */
  readonly ci: number;
  readonly ri: number;
  /** Consistency ratio CR = CI / RI (0 for n <= 2). */
  readonly cr: number;
  readonly iterations: number;
}

/** Thrown when the consistency ratio exceeds the limit; the message is in Chinese and English. */
export class AhpConsistencyError extends Error {
  constructor(
    readonly cr: number,
    readonly maxCR: number,
    readonly label = '',
  ) {
    const where = label === '' ? '' : ` (${label})`;
    super(
      `判断矩阵${where}一致性检验未通过：CR = ${cr.toFixed(4)} > ${maxCR}，请修改两两比较判断 / ` +
        `pairwise comparison matrix${where} fails the consistency check: CR = ${cr.toFixed(4)} > ${maxCR}; ` +
        'revise the judgements',
    );
    this.name = 'AhpConsistencyError';
  }
}

/** Parses one judgement: a positive number or a fraction written as text ("1/3", "0.5/2"). */
export function parseJudgement(v: number | string): number {
  if (typeof v === 'number') return v;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*(\d+(?:\.\d+)?))?\s*$/.exec(v);
  if (!m) throw new Error(`AHP: cannot read the judgement "${v}"`);
  return Number(m[1]) / (m[2] === undefined ? 1 : Number(m[2]));
}

/** Checks shape, positivity, a unit diagonal and reciprocity (a_ji = 1 / a_ij within 1 %). */
function validate(a: readonly (readonly number[])[]): number {
  const n = a.length;
  if (n === 0) throw new Error('AHP: the comparison matrix is empty');
  for (let i = 0; i < n; i++) {
    const row = a[i] as readonly number[];
    if (row.length !== n) throw new Error(`AHP: row ${i + 1} has ${row.length} entries, expected ${n}`);
    for (let j = 0; j < n; j++) {
      const v = row[j] as number;
      if (!(v > 0) || !Number.isFinite(v)) throw new Error(`AHP: entry (${i + 1}, ${j + 1}) must be positive`);
    }
    if (Math.abs((row[i] as number) - 1) > 1e-9) throw new Error(`AHP: diagonal entry ${i + 1} must be 1`);
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const prod = ((a[i] as readonly number[])[j] as number) * ((a[j] as readonly number[])[i] as number);
      if (Math.abs(prod - 1) > 0.01) {
        throw new Error(`AHP: entries (${i + 1}, ${j + 1}) and (${j + 1}, ${i + 1}) must be reciprocal`);
      }
    }
  }
  return n;
}

/**
 * AHP weights of a pairwise comparison matrix (a_ij = importance of i over j on Saaty's 1-9 scale, a_ji = 1/a_ij):
 * the principal eigenvector by power iteration (w <- A w / sum(A w), from equal weights; converges for every
 * positive matrix by the Perron-Frobenius theorem), lambdaMax = sum_i (A w)_i for w summing to 1, CI and CR with
 * Saaty's RI. Throws {@link AhpConsistencyError} when CR > maxCR (0.1 by default).
 */
export function ahpWeights(
  matrix: readonly (readonly number[])[],
  opts: AhpOptions & { label?: string } = {},
): AhpResult {
  const n = validate(matrix);
  const tol = opts.tolerance ?? 1e-14;
  const maxIter = opts.maxIterations ?? 10_000;
  let w: Float64Array = new Float64Array(n).fill(1 / n);
  let aw: Float64Array = new Float64Array(n);
  let iterations = 0;
  const multiply = (x: Float64Array): Float64Array => {
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const row = matrix[i] as readonly number[];
      let s = 0;
      for (let j = 0; j < n; j++) s += (row[j] as number) * (x[j] as number);
      y[i] = s;
    }
    return y;
  };
  for (; iterations < maxIter; iterations++) {
    aw = multiply(w);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += aw[i] as number;
    const next = Float64Array.from(aw, (v) => v / sum);
    let moved = 0;
    for (let i = 0; i < n; i++) moved = Math.max(moved, Math.abs((next[i] as number) - (w[i] as number)));
    w = next;
    if (moved <= tol) break;
  }
  aw = multiply(w);
  let lambdaMax = 0;
  for (let i = 0; i < n; i++) lambdaMax += aw[i] as number;
  const ci = n <= 2 ? 0 : (lambdaMax - n) / (n - 1);
  const ri = opts.randomIndex ?? SAATY_RANDOM_INDEX[n];
  if (ri === undefined) throw new Error(`AHP: no random index for n = ${n}; pass randomIndex`);
  const cr = n <= 2 || ri === 0 ? 0 : ci / ri;
  const maxCR = opts.maxCR ?? 0.1;
  if (cr > maxCR) throw new AhpConsistencyError(cr, maxCR, opts.label);
  return { weights: w, lambdaMax, ci, ri, cr, iterations: iterations + 1 };
}
