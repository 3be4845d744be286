/**
 * Variance-based global sensitivity analysis: the A/B/AB_i Monte Carlo design and the estimators of first-order and
 * total sensitivity indices of Saltelli, Annoni, Azzini, Campolongo, Ratto & Tarantola (2010), "Variance based
 * sensitivity analysis of model output. Design and estimator for the total sensitivity index", Computer Physics
 * Communications 181: 259-270 (Table 2: first order (b), total (f), Jansen 1999), as used by COINr `SA_sample` /
 * `SA_estimate`.
 */
import { type Rng } from './prng.ts';
import { quantile } from './stats.ts';

/**
 * The N(d + 2) x d sample of COINr `SA_sample`, row-major: rows 0..N-1 are A, N..2N-1 are B, then for each
 * i = 1..d a block of N rows equal to A with column i taken from B (A_B^(i)). A and B are uniform on [0, 1)^d, filled
 * row by row from `rng` (A first, then B).
 */
export function saltelliSample(n: number, d: number, rng: Rng): Float64Array {
  const out = new Float64Array(n * (d + 2) * d);
  for (let k = 0; k < 2 * n * d; k++) out[k] = rng();
  for (let i = 0; i < d; i++) {
    for (let r = 0; r < n; r++) {
      const row = (2 + i) * n + r;
      for (let j = 0; j < d; j++) out[row * d + j] = out[(j === i ? n + r : r) * d + j] as number;
    }
  }
  return out;
}

/** Maps u in [0, 1) to one of k alternatives: floor(u k) (equal sub-intervals of [0, 1)). */
export function discreteChoice(u: number, k: number): number {
  return Math.min(k - 1, Math.max(0, Math.floor(u * k)));
}

/** First-order and total index of one input, with bootstrap percentiles when asked. */
export interface SensitivityIndex {
  /** S_i = mean(y_B (y_ABi - y_A)) / V (Saltelli 2010, Table 2 (b)). */
  readonly si: number;
  /** ST_i = sum((y_A - y_ABi)^2) / (2 N V) (Jansen 1999; Saltelli 2010, Table 2 (f)). */
  readonly sti: number;
  readonly siQ5?: number;
  readonly siQ95?: number;
  readonly stiQ5?: number;
  readonly stiQ95?: number;
}

/** Outcome of {@link saltelliEstimate}. */
export interface SensitivityEstimate {
  /** V = var(c(y_A, y_B)) (sample variance). */
  readonly variance: number;
  readonly indices: readonly SensitivityIndex[];
}

/**
 * Estimates S_i and ST_i from the outputs of the N(d + 2) runs of {@link saltelliSample} (COINr `SA_estimate`).
 * Rows where y_A, y_B or y_ABi is NaN (a failed run) are left out of that input's estimate. With `bootstrap` > 0,
 * the 5th and 95th percentiles of the indices over that many resamples of the N rows (with replacement, from `rng`)
 * are added, as COINr does with `Nboot`.
 */
export function saltelliEstimate(
  y: Float64Array,
  n: number,
  d: number,
  opts: { readonly bootstrap?: number; readonly rng?: Rng } = {},
): SensitivityEstimate {
  if (y.length !== n * (d + 2)) throw new Error(`saltelliEstimate: expected ${n * (d + 2)} outputs`);
  let cnt = 0;
  let sum = 0;
  for (let k = 0; k < 2 * n; k++) {
    const v = y[k] as number;
    if (!Number.isNaN(v)) {
      sum += v;
      cnt++;
    }
  }
  const mu = sum / cnt;
  let ss = 0;
  for (let k = 0; k < 2 * n; k++) {
    const v = y[k] as number;
    if (!Number.isNaN(v)) ss += (v - mu) ** 2;
  }
  const variance = ss / (cnt - 1);
  const boot = opts.bootstrap ?? 0;
  const indices = Array.from({ length: d }, (_, i): SensitivityIndex => {
    const first: number[] = [];
    const total: number[] = [];
    for (let r = 0; r < n; r++) {
      const ya = y[r] as number;
      const yb = y[n + r] as number;
      const yab = y[(2 + i) * n + r] as number;
      if (Number.isNaN(ya) || Number.isNaN(yb) || Number.isNaN(yab)) continue;
      first.push(yb * (yab - ya));
      total.push((ya - yab) ** 2);
    }
    const m = first.length;
    const est = (f: readonly number[], t: readonly number[]): [number, number] => [
      f.reduce((a, b) => a + b, 0) / m / variance,
      t.reduce((a, b) => a + b, 0) / (2 * m * variance),
    ];
    const [si, sti] = est(first, total);
    if (boot <= 0 || !opts.rng || m === 0) return { si, sti };
    const siB = new Float64Array(boot);
    const stiB = new Float64Array(boot);
    for (let b = 0; b < boot; b++) {
      let fs = 0;
      let ts = 0;
      for (let r = 0; r < m; r++) {
        const pick = Math.floor(opts.rng() * m);
        fs += first[pick] as number;
        ts += total[pick] as number;
      }
      siB[b] = fs / m / variance;
      stiB[b] = ts / (2 * m * variance);
    }
    return {
      si,
      sti,
      siQ5: quantile(siB, 0.05),
      siQ95: quantile(siB, 0.95),
      stiQ5: quantile(stiB, 0.05),
      stiQ95: quantile(stiB, 0.95),
    };
  });
  return { variance, indices };
}
