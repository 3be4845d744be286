import { mean, range, sd } from './stats.ts';
import { type DataSet, type Direction, type Framework, indicatorMetaByCode } from './types.ts';
import { alignColumns } from './years.ts';

/** Ties of the rank and percentile normalisations: the lowest rank of the tied block (COINr) or their average. */
export type RankTies = 'min' | 'average';

/** Normalisation method and its parameters. */
export type NormaliseParams =
  /**
   * (d*x - min) / (max - min) scaled to [lo, hi], where d is the direction. A constant column maps to NaN. With
   * `window` k > 1, min and max are taken over the current values pooled with the k - 1 latest history years.
   */
  | { readonly method: 'minMax'; readonly range?: readonly [number, number]; readonly window?: number }
  /** (d*x - mean) / sd * scale + centre (defaults: scale 1, centre 0). */
  | { readonly method: 'zScore'; readonly centre?: number; readonly scale?: number }
  /**
   * Fixed goalposts [gMin, gMax] per indicator (from the framework), values clipped to the goalposts, scaled to
   * [lo, hi]; a negative indicator maps gMax to lo.
   */
  | { readonly method: 'goalposts'; readonly range?: readonly [number, number]; readonly clip?: boolean }
  /**
   * Distance to a target S (CASTED standard-value index): min(x / S, 1) * scale, or min(S / x, 1) * scale for a
   * negative indicator. Targets per indicator code.
   */
  | { readonly method: 'target'; readonly targets: Readonly<Record<string, number>>; readonly scale?: number }
  /**
   * Distance to the best (COINr `n_fracmax`, direction-aware): x / best * scale with best = max, or best / x * scale
   * with best = min for a negative indicator; `references` (per indicator code) replace the best; `window` pools the
   * best over history years as for min-max. Not capped. Scale default 100.
   */
  | {
      readonly method: 'distanceToBest';
      readonly scale?: number;
      readonly references?: Readonly<Record<string, number>>;
      readonly window?: number;
    }
  /** Rank of d*x in ascending order (1 = worst, n = best; COINr `n_rank`), ties 'min' (default) or 'average'. */
  | { readonly method: 'rank'; readonly ties?: RankTies }
  /** Percentile rank (r - 1) / (n - 1) * 100 of the ascending rank r of d*x (COINr `n_prank` x 100); n < 2 is NaN. */
  | { readonly method: 'percentile'; readonly ties?: RankTies }
  /**
   * Growth index against a base year: x / b * scale, or b / x * scale for a negative indicator, b the unit's value in
   * the base year (scale default 100). A missing or non-positive base (or x <= 0 for a negative indicator) is NaN.
   */
  | { readonly method: 'growth'; readonly scale?: number };

/** Per-column inputs of {@link normaliseColumn} that come from the framework or other years. */
export interface NormaliseExtra {
  readonly goalposts?: readonly [number, number];
  readonly target?: number;
  /** Reference value of distanceToBest (replaces the best). */
  readonly reference?: number;
  /** Pooled values of d*x from other years (min-max and distance-to-best windows). */
  readonly pooled?: readonly Float64Array[];
  /** Base-year column of the growth index, aligned to the units. */
  readonly base?: Float64Array;
}

/** Range of d*x over the column and the pooled columns (already multiplied by d). */
function signedRange(signed: Float64Array, pooled: readonly Float64Array[] = []): [number, number] {
  let [mn, mx] = range(signed);
  for (const p of pooled) {
    const [a, b] = range(p);
    if (Number.isNaN(a)) continue;
    if (Number.isNaN(mn) || a < mn) mn = a;
    if (Number.isNaN(mx) || b > mx) mx = b;
  }
  return [mn, mx];
}

/** Ascending ranks of the present values (NaN stays NaN), ties at the lowest rank of the block or its average. */
export function ascendingRanks(x: Float64Array, ties: RankTies = 'min'): Float64Array {
  const idx: number[] = [];
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) idx.push(i);
  idx.sort((a, b) => (x[a] as number) - (x[b] as number));
  const out = new Float64Array(x.length).fill(Number.NaN);
  for (let k = 0; k < idx.length;) {
    let e = k + 1;
    while (e < idx.length && x[idx[e] as number] === x[idx[k] as number]) e++;
    const r = ties === 'min' ? k + 1 : (k + 1 + e) / 2; // block k..e-1 holds ranks k+1..e
    for (let q = k; q < e; q++) out[idx[q] as number] = r;
    k = e;
  }
  return out;
}

/** Normalises a single column with the given direction (see {@link NormaliseParams}). */
export function normaliseColumn(
  src: Float64Array,
  direction: Direction,
  params: NormaliseParams,
  extra: NormaliseExtra = {},
): Float64Array {
  const n = src.length;
  const out = new Float64Array(n);
  switch (params.method) {
    case 'minMax': {
      const [lo, hi] = params.range ?? [0, 100];
      const signed = new Float64Array(n);
      for (let i = 0; i < n; i++) signed[i] = (src[i] as number) * direction;
      const [mn, mx] = signedRange(signed, extra.pooled);
      const span = mx - mn;
      for (let i = 0; i < n; i++) out[i] = (((signed[i] as number) - mn) / span) * (hi - lo) + lo;
      return out;
    }
    case 'zScore': {
      const signed = new Float64Array(n);
      for (let i = 0; i < n; i++) signed[i] = (src[i] as number) * direction;
      const m = mean(signed);
      const s = sd(signed);
      const scale = params.scale ?? 1;
      const centre = params.centre ?? 0;
      for (let i = 0; i < n; i++) out[i] = (((signed[i] as number) - m) / s) * scale + centre;
      return out;
    }
    case 'goalposts': {
      const gp = extra.goalposts;
      if (!gp) throw new Error('goalposts normalisation needs goalposts for every indicator');
      const [gMin, gMax] = gp;
      const [lo, hi] = params.range ?? [0, 1];
      const clip = params.clip ?? true;
      for (let i = 0; i < n; i++) {
        let v = src[i] as number;
        if (clip) v = Math.min(Math.max(v, gMin), gMax);
        const share = direction === 1 ? (v - gMin) / (gMax - gMin) : (gMax - v) / (gMax - gMin);
        out[i] = share * (hi - lo) + lo;
      }
      return out;
    }
    case 'target': {
      const s = extra.target;
      if (s === undefined) throw new Error('target normalisation needs a target for every indicator');
      const scale = params.scale ?? 100;
      for (let i = 0; i < n; i++) {
        const v = src[i] as number;
        out[i] = Math.min(direction === 1 ? v / s : s / v, 1) * scale;
      }
      return out;
    }
    case 'distanceToBest': {
      const scale = params.scale ?? 100;
      let best = extra.reference;
      if (best === undefined) {
        const signed = src.map((v) => v * direction);
        best = signedRange(signed, extra.pooled)[1] * direction; // max of d*x, back on the scale of x
      }
      for (let i = 0; i < n; i++) {
        const v = src[i] as number;
        if (direction === 1) out[i] = best > 0 ? (v / best) * scale : Number.NaN;
        else out[i] = v === best ? scale : v > 0 ? (best / v) * scale : Number.NaN;
      }
      return out;
    }
    case 'rank':
    case 'percentile': {
      const ranks = ascendingRanks(
        src.map((v) => v * direction),
        params.ties,
      );
      if (params.method === 'rank') return ranks;
      let m = 0;
      for (let i = 0; i < n; i++) if (!Number.isNaN(src[i])) m++;
      for (let i = 0; i < n; i++) out[i] = m < 2 ? Number.NaN : (((ranks[i] as number) - 1) / (m - 1)) * 100;
      return out;
    }
    case 'growth': {
      const b = extra.base;
      if (!b) throw new Error('growth normalisation needs a base year');
      const scale = params.scale ?? 100;
      for (let i = 0; i < n; i++) {
        const v = src[i] as number;
        const bi = b[i] as number;
        if (!(bi > 0)) out[i] = Number.NaN;
        else if (direction === 1) out[i] = (v / bi) * scale;
        else out[i] = v > 0 ? (bi / v) * scale : Number.NaN;
      }
      return out;
    }
    default: {
      const never: never = params;
      throw new Error(`unknown normalisation ${JSON.stringify(never)}`);
    }
  }
}

/** Other years a normalisation reads: history for the windows, the base year for the growth index. */
export interface NormaliseContext {
  /** Earlier years, oldest first (indicators matched by code; the units need not match). */
  readonly history?: readonly DataSet[];
  /** The base year of the growth index (units and indicators matched by code). */
  readonly base?: DataSet;
}

/**
 * Normalises every indicator of a data set using the directions (and goalposts) of the framework; `context` gives
 * the other years read by the min-max and distance-to-best windows and by the growth index.
 */
export function normalise(
  data: DataSet,
  framework: Framework,
  params: NormaliseParams,
  context: NormaliseContext = {},
): DataSet {
  const meta = indicatorMetaByCode(framework);
  const window = params.method === 'minMax' || params.method === 'distanceToBest' ? (params.window ?? 1) : 1;
  const history = context.history ?? [];
  if (window - 1 > history.length)
    throw new Error(`normalise: a window of ${window} years needs ${window - 1} history years, got ${history.length}`);
  const pooledYears = history.slice(history.length - (window - 1));
  let base: Float64Array[] | undefined;
  if (params.method === 'growth') {
    if (!context.base) throw new Error('growth normalisation needs a base year');
    base = alignColumns(data, context.base);
  }
  const columns = data.indicators.map((code, j) => {
    const m = meta.get(code);
    if (!m) throw new Error(`normalise: indicator ${code} is not in the framework`);
    const pooled = pooledYears.flatMap((h) => {
      const k = h.indicators.indexOf(code);
      return k < 0 ? [] : [(h.columns[k] as Float64Array).map((v) => v * m.direction)];
    });
    return normaliseColumn(data.columns[j] as Float64Array, m.direction, params, {
      goalposts: m.goalposts,
      target: params.method === 'target' ? params.targets[code] : undefined,
      reference: params.method === 'distanceToBest' ? params.references?.[code] : undefined,
      pooled,
      base: base?.[j],
    });
  });
  return { units: data.units, indicators: data.indicators, columns };
}
