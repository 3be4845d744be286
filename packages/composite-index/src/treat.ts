import { sampleExcessKurtosis, sampleSkewness, skewnessAndKurtosis } from './stats.ts';
import { type TransformKind, type TransformParams, transformColumn } from './transform.ts';
import { winsoriseBounds } from './winsorise.ts';
import { type DataSet } from './types.ts';

/** A transform forced on listed indicators, without the skew/kurtosis rule. */
export interface ForcedTransform extends TransformParams {
  readonly method: TransformKind;
  readonly indicators: readonly string[];
}

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
  /** Transform of the original column when winsorisation does not fix it ('none': keep the winsorised column). */
  readonly fallback?: TransformKind | 'none';
  /** Box-Cox λ of the fallback (default 0). */
  readonly lambda?: number;
  /** Box-Cox shift of the fallback (default: 0 for positive data, else -min + 0.01 (max - min)). */
  readonly shift?: number;
  /** Transforms applied to listed indicators instead of the rule (winsorisation is skipped). */
  readonly transform?: readonly ForcedTransform[];
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
  /** True when a transform (the fallback or a forced one; see `transform`) replaced the column. */
  readonly logTransformed: boolean;
  /** The transform that replaced the column, when one did. */
  readonly transform?: TransformKind;
  /** True when the transform was forced by the `transform` list rather than by the failing rule. */
  readonly forced?: boolean;
  /** Box-Cox λ and shift used. */
  readonly lambda?: number;
  readonly shift?: number;
  /** A doubtful transform (GII log with max < 1 reverses the order). */
  readonly warning?: string;
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
 * If the column still fails, the `fallback` transform (default log_CT, ln(x - min + 0.01 (max - min))) replaces the
 * original column instead; see transform.ts for GII log and Box-Cox.
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
  const fallback = params.fallback ?? 'logCT';
  if (fails(skew, kurt, ts, tk) && fallback !== 'none') {
    return transformWhole(indicator, src, { method: fallback, lambda: params.lambda, shift: params.shift }, false);
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

/**
 * Replaces a whole column by a transform of it (the fallback of {@link treatColumn}, or a forced transform); every
 * present cell is flagged.
 */
export function transformWhole(
  indicator: string,
  src: Float64Array,
  spec: TransformParams & { readonly method: TransformKind },
  forced: boolean,
): ColumnTreatment {
  const { skew: skewBefore, kurt: kurtBefore } = skewnessAndKurtosis(src);
  const t = transformColumn(src, spec.method, spec);
  const flags = new Uint8Array(src.length);
  for (let i = 0; i < src.length; i++) if (!Number.isNaN(src[i])) flags[i] = 1;
  const boxcox = spec.method === 'boxcox' ? { lambda: spec.lambda ?? 0, shift: t.shift } : {};
  return {
    values: t.values,
    flags,
    summary: {
      indicator,
      winsorisedLow: 0,
      winsorisedHigh: 0,
      cellsChanged: 0,
      logTransformed: true,
      transform: spec.method,
      ...(forced ? { forced } : {}),
      ...boxcox,
      ...(t.warning === undefined ? {} : { warning: t.warning }),
      skewBefore,
      kurtBefore,
      skewAfter: sampleSkewness(t.values),
      kurtAfter: sampleExcessKurtosis(t.values),
    },
  };
}

/** Forced transforms by indicator; an indicator listed twice, or also excluded, or not in the data is an error. */
function forcedByIndicator(data: DataSet, params: TreatParams): Map<string, ForcedTransform> {
  const out = new Map<string, ForcedTransform>();
  const excluded = new Set(params.exclude ?? []);
  for (const f of params.transform ?? []) {
    for (const code of f.indicators) {
      if (!data.indicators.includes(code)) throw new Error(`treat: transform names ${code}, not in the data set`);
      if (out.has(code) || excluded.has(code)) throw new Error(`treat: ${code} is listed twice in transform/exclude`);
      out.set(code, f);
    }
  }
  return out;
}

/**
 * Treats every indicator of a data set (see {@link treatColumn}); indicators in a `transform` list get that transform
 * instead. Returns the data, flags and summaries.
 */
export function treatOutliers(
  data: DataSet,
  params: TreatParams = {},
): { data: DataSet; flags: readonly Uint8Array[]; summary: readonly TreatmentSummary[] } {
  const excluded = new Set(params.exclude ?? []);
  const forced = forcedByIndicator(data, params);
  const flags: Uint8Array[] = [];
  const summary: TreatmentSummary[] = [];
  const columns = data.indicators.map((code, j) => {
    const src = data.columns[j] as Float64Array;
    if (excluded.has(code)) {
      flags.push(new Uint8Array(src.length));
      return src;
    }
    const f = forced.get(code);
    const t = f ? transformWhole(code, src, f, true) : treatColumn(code, src, params);
    flags.push(t.flags);
    summary.push(t.summary);
    return t.values;
  });
  return { data: { units: data.units, indicators: data.indicators, columns }, flags, summary };
}
