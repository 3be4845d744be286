import { range, sampleExcessKurtosis, sampleSkewness, skewnessAndKurtosis } from './stats.ts';
import { winsoriseBounds } from './winsorise.ts';
import { type DataSet } from './types.ts';

/** Parameters of the outlier treatment (COINr defaults). */
export interface TreatParams {
  /** Maximum winsorisation passes as a share of the unit count: winmax = ceil(winmaxShare * N). Default 0.1. */
  readonly winmaxShare?: number;
  /** Absolute winmax; overrides `winmaxShare` when set. */
  readonly winmax?: number;
  /** Treat when |skew| > skewThreshold … Default 2 (GII uses 2.25). */
  readonly skewThreshold?: number;
  /** … and kurtosis > kurtThreshold. Default 3.5. */
  readonly kurtThreshold?: number;
  /** What to do when winsorisation does not fix the column. Default 'logCT'. */
  readonly fallback?: 'logCT' | 'none';
  /** Indicators left untouched. */
  readonly exclude?: readonly string[];
}

/** Per-indicator outcome, as in COINr's treatment summary. */
export interface TreatmentSummary {
  readonly indicator: string;
  /** Winsorisation passes at the low end (each pass counts once, even when ties are replaced together). */
  readonly winsorisedLow: number;
  /** Winsorisation passes at the high end. */
  readonly winsorisedHigh: number;
  /** Cells whose value was changed by winsorisation. */
  readonly cellsChanged: number;
  /** True when the fallback log transform replaced the column. */
  readonly logTransformed: boolean;
  readonly skewBefore: number;
  readonly kurtBefore: number;
  readonly skewAfter: number;
  readonly kurtAfter: number;
}

/** Outcome of treating one column. */
export interface ColumnTreatment {
  readonly values: Float64Array;
  /** 1 for a winsorised or log-transformed cell. */
  readonly flags: Uint8Array;
  readonly summary: TreatmentSummary;
}

function fails(skew: number, kurt: number, ts: number, tk: number): boolean {
  return Math.abs(skew) > ts && kurt > tk;
}

/**
 * Treats one column with the COINr rule: while |G1| > skewThreshold and G2 > kurtThreshold and passes < winmax,
 * set every value equal to the max (skew >= 0) or min (skew < 0) to the next-highest / next-lowest value.
 * If the column still fails, apply ln(x - min + 0.01 (max - min)) to the original column instead.
 */
export function treatColumn(indicator: string, src: Float64Array, params: TreatParams = {}): ColumnTreatment {
  const ts = params.skewThreshold ?? 2;
  const tk = params.kurtThreshold ?? 3.5;
  const n = src.length;
  const winmax = params.winmax ?? Math.ceil((params.winmaxShare ?? 0.1) * n);
  const { skew: skewBefore, kurt: kurtBefore } = skewnessAndKurtosis(src);
  const w = winsoriseBounds(src, {
    skewThreshold: ts,
    kurtThreshold: tk,
    winmax,
    initial: { skew: skewBefore, kurt: kurtBefore },
  });
  const values = new Float64Array(n);
  const flags = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = src[i] as number;
    if (v > w.hi) {
      values[i] = w.hi;
      flags[i] = 1;
    } else if (v < w.lo) {
      values[i] = w.lo;
      flags[i] = 1;
    } else values[i] = v;
  }
  const { low, high, skew, kurt } = w;
  let cellsChanged = 0;
  for (let i = 0; i < n; i++) cellsChanged += flags[i] as number;
  if (fails(skew, kurt, ts, tk) && (params.fallback ?? 'logCT') === 'logCT') {
    const [lo, hi] = range(src);
    const shift = lo - 0.01 * (hi - lo);
    const logged = new Float64Array(n);
    const logFlags = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const v = src[i] as number;
      logged[i] = Math.log(v - shift);
      if (!Number.isNaN(v)) logFlags[i] = 1;
    }
    return {
      values: logged,
      flags: logFlags,
      summary: {
        indicator,
        winsorisedLow: 0,
        winsorisedHigh: 0,
        cellsChanged: 0,
        logTransformed: true,
        skewBefore,
        kurtBefore,
        skewAfter: sampleSkewness(logged),
        kurtAfter: sampleExcessKurtosis(logged),
      },
    };
  }
  return {
    values,
    flags,
    summary: {
      indicator,
      winsorisedLow: low,
      winsorisedHigh: high,
      cellsChanged,
      logTransformed: false,
      skewBefore,
      kurtBefore,
      skewAfter: skew,
      kurtAfter: kurt,
    },
  };
}

/** Treats every indicator of a data set (see {@link treatColumn}); returns the data, flags and summaries. */
export function treatOutliers(
  data: DataSet,
  params: TreatParams = {},
): { data: DataSet; flags: readonly Uint8Array[]; summary: readonly TreatmentSummary[] } {
  const excluded = new Set(params.exclude ?? []);
  const flags: Uint8Array[] = [];
  const summary: TreatmentSummary[] = [];
  const columns = data.indicators.map((code, j) => {
    const src = data.columns[j] as Float64Array;
    if (excluded.has(code)) {
      flags.push(new Uint8Array(src.length));
      return src;
    }
    const t = treatColumn(code, src, params);
    flags.push(t.flags);
    summary.push(t.summary);
    return t.values;
  });
  return { data: { units: data.units, indicators: data.indicators, columns }, flags, summary };
}
