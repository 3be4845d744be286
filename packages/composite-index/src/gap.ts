/**
 * Gap analysis for one unit (查找差距): strengths and weaknesses against a peer group (COINr `get_str_weak`) and the
 * distance to targets with the years needed at the current linear trend. Pure functions over data sets; the
 * improvement simulator is in improve.ts.
 */
import { rankColumn } from './rank.ts';
import { median } from './stats.ts';
import { type DataSet, type Framework, indicatorMetaByCode } from './types.ts';

/** Where a unit stands on one indicator among its peers. */
export interface IndicatorStanding {
  readonly indicator: string;
  /** Parent aggregate (dimension) of the indicator. */
  readonly parent: string;
  /** The unit's value in the data given (e.g. raw or denominated). */
  readonly value: number;
  /** Rank among the peers with data, 1 = best (ties share the best rank). */
  readonly rank: number;
  /** Peers with data on this indicator (the unit included). */
  readonly peers: number;
  /** Share of those peers the unit is at least as good as: (peers - rank) / (peers - 1); 1 = best. */
  readonly percentile: number;
  /** Peer median of the indicator (in the data's own orientation). */
  readonly peerMedian: number;
}

/** Options of {@link strengthsAndWeaknesses}. */
export interface StrengthsOptions {
  readonly unit: string;
  /** Unit codes of the peer group (the unit is added if absent); default every unit. */
  readonly peers?: readonly string[];
  /** Number of strengths and of weaknesses. Default 5 each. */
  readonly top?: number;
  readonly bottom?: number;
  /**
   * Multiply by the framework direction before ranking (true for raw data, false for normalised data where higher
   * is already better). Default true, as COINr does for "Raw".
   */
  readonly adjustDirection?: boolean;
  /**
   * Skip indicators whose share of distinct values among the peers is not above this (COINr unq_discard; binary
   * yes/no indicators would otherwise show up). Default: keep all.
   */
  readonly uniqueShare?: number;
  /** Do not call an indicator a strength when the unit has the worst rank on it (COINr min_discard). Default true. */
  readonly discardWorst?: boolean;
}

/** The unit's standings, best first, with the strengths and weaknesses picked from them. */
export interface StrengthsWeaknesses {
  readonly unit: string;
  readonly peerCount: number;
  readonly standings: readonly IndicatorStanding[];
  readonly strengths: readonly IndicatorStanding[];
  readonly weaknesses: readonly IndicatorStanding[];
}

/**
 * Ranks the unit on every indicator among its peers (after the direction, ties at the best rank) and returns its
 * best-ranked indicators as strengths and its worst-ranked as weaknesses (COINr `get_str_weak`: sorted by rank;
 * ties keep framework order). An indicator the unit has no value for is left out. Strengths and weaknesses never
 * overlap: with few indicators the weaknesses are what is left after the strengths.
 */
export function strengthsAndWeaknesses(
  data: DataSet,
  framework: Framework,
  opts: StrengthsOptions,
): StrengthsWeaknesses {
  const self = data.units.indexOf(opts.unit);
  if (self < 0) throw new Error(`strengths: unit ${opts.unit} is not in the data set`);
  const peerSet = new Set(opts.peers ?? data.units);
  peerSet.add(opts.unit);
  const rows = data.units.flatMap((u, i) => (peerSet.has(u) ? [i] : []));
  const meta = indicatorMetaByCode(framework);
  const adjust = opts.adjustDirection ?? true;
  const standings: IndicatorStanding[] = [];
  for (const m of framework.indicators) {
    const j = data.indicators.indexOf(m.code);
    if (j < 0) throw new Error(`strengths: indicator ${m.code} is not in the data set`);
    const col = data.columns[j] as Float64Array;
    const value = col[self] as number;
    if (Number.isNaN(value)) continue;
    const sign = adjust ? (meta.get(m.code)?.direction ?? 1) : 1;
    const peerValues = Float64Array.from(rows, (i) => (col[i] as number) * sign);
    const present = peerValues.filter((v) => !Number.isNaN(v));
    if (opts.uniqueShare !== undefined && !(new Set(present).size / present.length > opts.uniqueShare)) continue;
    const ranks = rankColumn(peerValues);
    const rank = ranks[rows.indexOf(self)] as number;
    const peers = present.length;
    standings.push({
      indicator: m.code,
      parent: m.parent,
      value,
      rank,
      peers,
      percentile: peers > 1 ? (peers - rank) / (peers - 1) : 1,
      peerMedian: median(Float64Array.from(rows, (i) => col[i] as number)),
    });
  }
  standings.sort((a, b) => a.rank - b.rank); // stable: framework order within a rank
  const worst = (s: IndicatorStanding): boolean => {
    const j = data.indicators.indexOf(s.indicator);
    const col = data.columns[j] as Float64Array;
    const sign = adjust ? (meta.get(s.indicator)?.direction ?? 1) : 1;
    return !rows.some((i) => (col[i] as number) * sign < s.value * sign);
  };
  const discard = opts.discardWorst ?? true;
  const strengths = standings.filter((s) => !(discard && s.peers > 1 && worst(s))).slice(0, opts.top ?? 5);
  const taken = new Set(strengths.map((s) => s.indicator));
  const weaknesses = standings
    .filter((s) => !taken.has(s.indicator))
    .reverse()
    .slice(0, opts.bottom ?? 5);
  return { unit: opts.unit, peerCount: rows.length, standings, strengths, weaknesses };
}

/** One observation of a time series. */
export interface YearValue {
  readonly year: number;
  readonly value: number | null;
}

/** Progress of one indicator towards a target. */
export interface TargetProgress {
  readonly latestYear: number;
  readonly latestValue: number;
  readonly target: number;
  /** Remaining distance in the indicator's own unit (0 when reached). */
  readonly gap: number;
  /** latest / target (target / latest for a lower-is-better indicator), capped at 1. */
  readonly achieved: number;
  /** Linear trend per year (ordinary least squares over the window). */
  readonly slope: number;
  /** 0 when reached; Infinity when the trend does not move towards the target; NaN with fewer than 2 points. */
  readonly yearsToTarget: number;
  /** latestYear + yearsToTarget (fractional), when finite. */
  readonly expectedYear: number;
  /** With a deadline: the trend's value in that year and whether it reaches the target by then. */
  readonly projectedAtDeadline?: number;
  readonly onTrack?: boolean;
}

/**
 * Distance to a target and years to reach it at the current linear trend (the trend is the OLS slope of the value
 * on the year over the last `window` years with data, default all). Direction +1: the target is reached when the
 * value is at or above it; -1: at or below.
 */
export function distanceToTarget(
  series: readonly YearValue[],
  target: number,
  opts: { readonly direction?: 1 | -1; readonly window?: number; readonly deadline?: number } = {},
): TargetProgress {
  const dir = opts.direction ?? 1;
  const points = series
    .filter((p): p is { year: number; value: number } => p.value !== null && Number.isFinite(p.value))
    .sort((a, b) => a.year - b.year);
  if (points.length === 0) throw new Error('distance to target: the series has no value');
  const used = opts.window === undefined ? points : points.slice(-opts.window);
  const latest = used[used.length - 1] as { year: number; value: number };
  let slope = Number.NaN;
  if (used.length >= 2) {
    const my = used.reduce((s, p) => s + p.year, 0) / used.length;
    const mv = used.reduce((s, p) => s + p.value, 0) / used.length;
    let sxy = 0;
    let sxx = 0;
    for (const p of used) {
      sxy += (p.year - my) * (p.value - mv);
      sxx += (p.year - my) ** 2;
    }
    slope = sxx > 0 ? sxy / sxx : Number.NaN;
  }
  const shortfall = dir * (target - latest.value); // > 0 while the target is not reached
  const gap = Math.max(0, shortfall);
  let yearsToTarget: number;
  if (shortfall <= 0) yearsToTarget = 0;
  else if (Number.isNaN(slope)) yearsToTarget = Number.NaN;
  else yearsToTarget = dir * slope > 0 ? shortfall / (dir * slope) : Number.POSITIVE_INFINITY;
  const ratio = dir === 1 ? latest.value / target : target / latest.value;
  const out: TargetProgress = {
    latestYear: latest.year,
    latestValue: latest.value,
    target,
    gap,
    achieved: Number.isFinite(ratio) ? Math.min(1, Math.max(0, ratio)) : Number.NaN,
    slope,
    yearsToTarget,
    expectedYear: Number.isFinite(yearsToTarget) ? latest.year + yearsToTarget : Number.NaN,
  };
  if (opts.deadline === undefined) return out;
  const projected = Number.isNaN(slope) ? latest.value : latest.value + slope * (opts.deadline - latest.year);
  return { ...out, projectedAtDeadline: projected, onTrack: dir * (projected - target) >= 0 };
}

/**
 * Distance to target for every indicator of one unit that has a target, from yearly data sets (same indicators;
 * `years[k]` is the year of `datasets[k]`), sorted by years to target (reached first, never last).
 */
export function unitTargetProgress(
  years: readonly number[],
  datasets: readonly DataSet[],
  framework: Framework,
  unit: string,
  targets: Readonly<Record<string, number | { readonly value: number; readonly deadline?: number }>>,
  opts: { readonly window?: number } = {},
): ({ readonly indicator: string } & TargetProgress)[] {
  if (years.length !== datasets.length) throw new Error('distance to target: one year per data set');
  const meta = indicatorMetaByCode(framework);
  const rows = Object.entries(targets).map(([code, t]) => {
    const series = datasets.map((ds, k): YearValue => {
      const i = ds.units.indexOf(unit);
      const j = ds.indicators.indexOf(code);
      const v = i < 0 || j < 0 ? Number.NaN : ((ds.columns[j] as Float64Array)[i] as number);
      return { year: years[k] as number, value: Number.isNaN(v) ? null : v };
    });
    const { value, deadline } = typeof t === 'number' ? { value: t, deadline: undefined } : t;
    const direction = meta.get(code)?.direction ?? 1;
    return { indicator: code, ...distanceToTarget(series, value, { direction, window: opts.window, deadline }) };
  });
  const key = (y: number): number => (Number.isNaN(y) ? Number.POSITIVE_INFINITY : y);
  return rows.sort((a, b) => key(a.yearsToTarget) - key(b.yearsToTarget));
}
