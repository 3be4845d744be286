/**
 * Descriptive statistics over Float64Array columns; NaN cells are skipped everywhere.
 * Formulas follow R (e1071 type 2 skewness/kurtosis, as COINr uses): G1 and G2 are the sample-size
 * adjusted skewness and excess kurtosis.
 */

/** Number of non-missing values. */
export function countFinite(x: Float64Array): number {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) n++;
  return n;
}

/** Arithmetic mean of the non-missing values (NaN when none). */
export function mean(x: Float64Array): number {
  let s = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (!Number.isNaN(v)) {
      s += v;
      n++;
    }
  }
  return n === 0 ? Number.NaN : s / n;
}

/** Median of the non-missing values (NaN when none); mean of the two middle values for an even count. */
export function median(x: Float64Array): number {
  const v = finiteValues(x).sort();
  const n = v.length;
  if (n === 0) return Number.NaN;
  const h = n >> 1;
  return n % 2 === 1 ? (v[h] as number) : ((v[h - 1] as number) + (v[h] as number)) / 2;
}

/** Sample standard deviation (n - 1 denominator) of the non-missing values. */
export function sd(x: Float64Array): number {
  const m = mean(x);
  let s = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (!Number.isNaN(v)) {
      s += (v - m) * (v - m);
      n++;
    }
  }
  return n < 2 ? Number.NaN : Math.sqrt(s / (n - 1));
}

/** Minimum and maximum of the non-missing values ([NaN, NaN] when none). */
export function range(x: Float64Array): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo > hi ? [Number.NaN, Number.NaN] : [lo, hi];
}

/** Copy of the non-missing values. */
export function finiteValues(x: Float64Array): Float64Array {
  const out = new Float64Array(countFinite(x));
  let k = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (!Number.isNaN(v)) out[k++] = v;
  }
  return out;
}

/** Central moments m2, m3, m4 (population, divided by n) and the count n. */
function moments(x: Float64Array): { n: number; m2: number; m3: number; m4: number } {
  const m = mean(x);
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i] as number;
    if (Number.isNaN(v)) continue;
    const d = v - m;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
    n++;
  }
  return { n, m2: m2 / n, m3: m3 / n, m4: m4 / n };
}

/** Sample skewness G1 from population central moments (NaN for n < 3 or constant data). */
export function skewnessFromMoments(n: number, m2: number, m3: number): number {
  if (n < 3 || !(m2 > 0)) return Number.NaN;
  const g1 = m3 / Math.pow(m2, 1.5);
  return (g1 * Math.sqrt(n * (n - 1))) / (n - 2);
}

/** Sample excess kurtosis G2 from population central moments (NaN for n < 4 or constant data). */
export function kurtosisFromMoments(n: number, m2: number, m4: number): number {
  if (n < 4 || !(m2 > 0)) return Number.NaN;
  const g2 = m4 / (m2 * m2) - 3;
  return (((n + 1) * g2 + 6) * (n - 1)) / ((n - 2) * (n - 3));
}

/** Sample skewness G1 and excess kurtosis G2 from one pass over the central moments. */
export function skewnessAndKurtosis(x: Float64Array): { skew: number; kurt: number } {
  const { n, m2, m3, m4 } = moments(x);
  return { skew: skewnessFromMoments(n, m2, m3), kurt: kurtosisFromMoments(n, m2, m4) };
}

/** Sample skewness G1 = g1 * sqrt(n(n-1)) / (n-2), g1 = m3 / m2^1.5 (NaN for n < 3 or constant data). */
export function sampleSkewness(x: Float64Array): number {
  const { n, m2, m3 } = moments(x);
  return skewnessFromMoments(n, m2, m3);
}

/** Sample excess kurtosis G2 = ((n+1)(m4/m2^2 - 3) + 6)(n-1) / ((n-2)(n-3)) (NaN for n < 4 or constant data). */
export function sampleExcessKurtosis(x: Float64Array): number {
  const { n, m2, m4 } = moments(x);
  return kurtosisFromMoments(n, m2, m4);
}

const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * Rounds to `decimals` decimal places using the exact decimal expansion of the double (Number#toFixed),
 * so 2.675 (stored as 2.67499…) becomes 2.67 as in R.
 *
 * Fast path: for |x| 10^d < 1e9 the product s = x 10^d is within 1.2e-7 of the exact value, so when s is more than
 * 1e-6 from a half, Math.round(s) is the integer toFixed rounds to and Math.round(s) / 10^d (a correctly rounded
 * division) is the double nearest that decimal, as Number(toFixed) is. Near a half, for larger magnitudes and beyond
 * 15 decimals it defers to toFixed.
 */
export function roundTo(x: number, decimals: number): number {
  if (!Number.isFinite(x)) return x;
  if (decimals <= 15) {
    const f = POW10[decimals] as number;
    const s = x * f;
    if (Math.abs(s) < 1e9) {
      const frac = s - Math.floor(s);
      if (Math.abs(frac - 0.5) > 1e-6) return Math.round(s) / f;
    }
  }
  return Number(x.toFixed(decimals));
}

/**
 * Sample quantile of the non-missing values by linear interpolation between order statistics (R `quantile` type 7,
 * its default): h = (n - 1) p, q = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]). NaN when empty.
 */
export function quantile(x: Float64Array, p: number): number {
  return quantileSorted(finiteValues(x).sort(), p);
}

/** {@link quantile} of values already sorted ascending, with no NaN. */
export function quantileSorted(v: Float64Array, p: number): number {
  const n = v.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * Math.min(Math.max(p, 0), 1);
  const lo = Math.floor(h);
  const a = v[lo] as number;
  return lo + 1 < n ? a + (h - lo) * ((v[lo + 1] as number) - a) : a;
}
