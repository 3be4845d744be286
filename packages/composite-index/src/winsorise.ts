/**
 * Fast COINr winsorisation: the column is sorted once and the power sums of the central block come from
 * cumulative sums built outward from the median, so each pass costs O(1) instead of O(n) and no sum ever holds a
 * value beyond the block it describes (no cancellation when outliers are removed). Whenever skewness or kurtosis
 * is within 1e-9 of a threshold, or more than half the values are clamped, the decision is recomputed exactly.
 */
import {
  finiteValues,
  range,
  kurtosisFromMoments,
  mean,
  sampleExcessKurtosis,
  sampleSkewness,
  skewnessAndKurtosis,
  skewnessFromMoments,
} from './stats.ts';

/** Outcome of the winsorisation loop: values below `lo` become `lo`, values above `hi` become `hi`. */
export interface WinsorBounds {
  readonly low: number;
  readonly high: number;
  readonly lo: number;
  readonly hi: number;
  readonly skew: number;
  readonly kurt: number;
}

/** Options of {@link winsoriseBounds}. */
export interface WinsorOptions {
  readonly skewThreshold: number;
  readonly kurtThreshold: number;
  readonly winmax: number;
  /** Skewness and kurtosis of `src` when the caller has them already. */
  readonly initial?: { readonly skew: number; readonly kurt: number };
}

/**
 * Runs the COINr loop (while |G1| > skewThreshold and G2 > kurtThreshold and passes < winmax, replace every value
 * equal to the max — or min when G1 < 0 — by the next value inward; ties replaced together count as one pass)
 * and returns the clamp bounds and pass counts. NaN cells are ignored.
 */
export function winsoriseBounds(src: Float64Array, opts: WinsorOptions): WinsorBounds {
  const { skewThreshold: ts, kurtThreshold: tk, winmax } = opts;
  // A column that passes the test as it is needs no order statistics: skip the sort (unless within 1e-9 of a
  // threshold, where the summation order could tip the decision; then the sorted path below decides as before).
  const { skew: skew0, kurt: kurt0 } = opts.initial ?? skewnessAndKurtosis(src);
  const nearly = (a: number, t: number): boolean => Math.abs(a - t) <= 1e-9 * Math.max(1, Math.abs(t));
  if (!(Math.abs(skew0) > ts && kurt0 > tk) && !nearly(Math.abs(skew0), ts) && !nearly(kurt0, tk)) {
    const [lo, hi] = range(src);
    return { low: 0, high: 0, lo, hi, skew: skew0, kurt: kurt0 };
  }
  const s = finiteValues(src).sort();
  const m = s.length;
  if (m === 0) return { low: 0, high: 0, lo: Number.NaN, hi: Number.NaN, skew: Number.NaN, kurt: Number.NaN };
  const c = mean(s);
  const med = m >> 1;
  // L[4k + p - 1] = sum over positions [k, med) of (s - c)^p; R[4r + p - 1] = sum over [med, med + r)
  const L = new Float64Array(4 * (med + 1));
  const R = new Float64Array(4 * (m - med + 1));
  for (let k = med - 1; k >= 0; k--) {
    const d = (s[k] as number) - c;
    for (let p = 0, dp = d; p < 4; p++, dp *= d) L[4 * k + p] = (L[4 * (k + 1) + p] as number) + dp;
  }
  for (let r = 0; med + r < m; r++) {
    const d = (s[med + r] as number) - c;
    for (let p = 0, dp = d; p < 4; p++, dp *= d) R[4 * (r + 1) + p] = (R[4 * r + p] as number) + dp;
  }

  let lo = s[0] as number;
  let hi = s[m - 1] as number;
  let bot = 1; // positions [0, bot) hold values clamped to lo
  while (bot < m && s[bot] === lo) bot++;
  let top = 1; // positions [m - top, m) hold values clamped to hi
  while (top < m && s[m - 1 - top] === hi) top++;

  const exact = (): [number, number] => {
    const v = new Float64Array(m);
    for (let i = 0; i < m; i++) v[i] = Math.min(Math.max(s[i] as number, lo), hi);
    return [sampleSkewness(v), sampleExcessKurtosis(v)];
  };
  const evaluate = (): [number, number] => {
    if (bot > med || m - top < med || bot + top > m) return exact();
    const sums = [0, 0, 0, 0];
    const dl = lo - c;
    const dh = hi - c;
    for (let p = 0, pl = dl, ph = dh; p < 4; p++, pl *= dl, ph *= dh) {
      sums[p] = bot * pl + top * ph + (L[4 * bot + p] as number) + (R[4 * (m - top - med) + p] as number);
    }
    const [s1, s2, s3, s4] = sums as [number, number, number, number];
    const mu = s1 / m;
    const e2 = s2 / m;
    const e3 = s3 / m;
    const e4 = s4 / m;
    const m2 = e2 - mu * mu;
    const m3 = e3 - 3 * mu * e2 + 2 * mu * mu * mu;
    const m4 = e4 - 4 * mu * e3 + 6 * mu * mu * e2 - 3 * mu * mu * mu * mu;
    const skew = skewnessFromMoments(m, m2, m3);
    const kurt = kurtosisFromMoments(m, m2, m4);
    const near = (a: number, t: number): boolean => Math.abs(a - t) <= 1e-9 * Math.max(1, Math.abs(t));
    return near(Math.abs(skew), ts) || near(kurt, tk) ? exact() : [skew, kurt];
  };
  const fails = (sk: number, ku: number): boolean => Math.abs(sk) > ts && ku > tk;

  let [skew, kurt] = exact();
  let low = 0;
  let high = 0;
  while (fails(skew, kurt) && low + high < winmax) {
    const unclamped = m - top - bot; // positions [bot, m - top)
    if (skew >= 0) {
      if (unclamped > 0) hi = s[m - top - 1] as number;
      else if (lo < hi) hi = lo;
      else break;
      while (m - top - 1 >= bot && (s[m - top - 1] as number) >= hi) top++;
      high++;
    } else {
      if (unclamped > 0) lo = s[bot] as number;
      else if (lo < hi) lo = hi;
      else break;
      while (bot < m - top && (s[bot] as number) <= lo) bot++;
      low++;
    }
    [skew, kurt] = evaluate();
  }
  return { low, high, lo, hi, skew, kurt };
}
