/**
 * Small-number robustness: a county with 3 patents a year or 20,000 people jumps around from year to year. Two
 * remedies: the mean over several years, and empirical-Bayes shrinkage of rates towards the mean rate, strongest for
 * the smallest denominators.
 */
import { type DataSet } from './types.ts';
import { alignColumns } from './years.ts';

/** Outcome of {@link multiYearMean}. */
export interface MultiYearMean {
  readonly data: DataSet;
  /** 1 where the current value was missing and the mean of the earlier years filled it. */
  readonly flags: readonly Uint8Array[];
  /** Years averaged: min(years, 1 + history length). */
  readonly years: number;
  /** indicator -> cells filled from earlier years only (flagged). */
  readonly filled: Record<string, number>;
  /** indicator -> cells averaged over fewer years than `years` because of missing values. */
  readonly partial: Record<string, number>;
}

/**
 * Mean of each cell over the current year and the `years - 1` latest history years (units and indicators matched by
 * code), missing values skipped; a cell missing in every year stays missing, one missing now but present earlier is
 * filled and flagged.
 */
export function multiYearMean(data: DataSet, history: readonly DataSet[], years: number): MultiYearMean {
  if (!(Number.isInteger(years) && years >= 1)) throw new Error(`multiYearMean: years must be >= 1, got ${years}`);
  const earlier = history.slice(Math.max(0, history.length - (years - 1))).map((h) => alignColumns(data, h));
  const used = earlier.length + 1;
  const filled: Record<string, number> = {};
  const partial: Record<string, number> = {};
  const flags: Uint8Array[] = [];
  const columns = data.columns.map((src, j) => {
    const n = src.length;
    const out = new Float64Array(n);
    const flag = new Uint8Array(n);
    let nFilled = 0;
    let nPartial = 0;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      let count = 0;
      const v = src[i] as number;
      if (!Number.isNaN(v)) {
        sum += v;
        count++;
      }
      for (const cols of earlier) {
        const w = (cols[j] as Float64Array)[i] as number;
        if (!Number.isNaN(w)) {
          sum += w;
          count++;
        }
      }
      out[i] = count === 0 ? Number.NaN : sum / count;
      if (count > 0 && Number.isNaN(v)) {
        flag[i] = 1;
        nFilled++;
      }
      if (count > 0 && count < used) nPartial++;
    }
    const code = data.indicators[j] as string;
    filled[code] = nFilled;
    partial[code] = nPartial;
    flags.push(flag);
    return out;
  });
  return { data: { units: data.units, indicators: data.indicators, columns }, flags, years: used, filled, partial };
}

/** Per group: the mean rate m, the between-unit variance A and the units used. */
export interface ShrinkageGroup {
  readonly group: string;
  readonly units: number;
  readonly mean: number;
  readonly variance: number;
}

/** Outcome of {@link empiricalBayesRates}. */
export interface ShrunkRates {
  /** Shrunk rates m + C (r - m); NaN where the count or the exposure is missing or the exposure is <= 0. */
  readonly rates: Float64Array;
  /** Weight C of the unit's own rate (1 = no shrinkage, 0 = the mean rate). */
  readonly weights: Float64Array;
  readonly groups: readonly ShrinkageGroup[];
}

/**
 * Empirical-Bayes rates (Marshall 1991, the global EB smoother of GeoDa), for counts y_i (patents, enterprises with
 * R&D) over exposures n_i (people, enterprises — the real count, not in 10k, as the Poisson variance m / n_i depends
 * on it). Per group (all units by default) over the units with y present and n > 0: r_i = y_i / n_i,
 * m = sum y / sum n, s^2 = sum n_i (r_i - m)^2 / sum n, A = max(0, s^2 - m / mean n), C_i = A / (A + m / n_i),
 * shrunk rate m + C_i (r_i - m). A small exposure has a large m / n_i and is pulled towards m; with A = 0 (the rates
 * vary no more than chance would make them) every rate becomes m.
 */
export function empiricalBayesRates(
  counts: Float64Array,
  exposures: Float64Array,
  opts: { readonly groups?: readonly string[] } = {},
): ShrunkRates {
  const n = counts.length;
  if (exposures.length !== n) throw new Error('empiricalBayesRates: counts and exposures differ in length');
  const labels = opts.groups ?? new Array<string>(n).fill('');
  if (labels.length !== n) throw new Error('empiricalBayesRates: one group label per unit is required');
  const members = new Map<string, number[]>();
  for (let i = 0; i < n; i++) {
    const y = counts[i] as number;
    const e = exposures[i] as number;
    if (Number.isNaN(y) || !(e > 0)) continue;
    const g = labels[i] as string;
    const list = members.get(g);
    if (list) list.push(i);
    else members.set(g, [i]);
  }
  const rates = new Float64Array(n).fill(Number.NaN);
  const weights = new Float64Array(n).fill(Number.NaN);
  const groups: ShrinkageGroup[] = [];
  for (const [group, idx] of members) {
    let sy = 0;
    let sn = 0;
    for (const i of idx) {
      sy += counts[i] as number;
      sn += exposures[i] as number;
    }
    const m = sy / sn;
    let ss = 0;
    for (const i of idx) {
      const r = (counts[i] as number) / (exposures[i] as number);
      ss += (exposures[i] as number) * (r - m) * (r - m);
    }
    const variance = Math.max(0, ss / sn - m / (sn / idx.length));
    for (const i of idx) {
      const e = exposures[i] as number;
      const r = (counts[i] as number) / e;
      const denom = variance + m / e;
      const c = denom > 0 ? variance / denom : 1; // m = 0: every rate is 0 already
      weights[i] = c;
      rates[i] = m + c * (r - m);
    }
    groups.push({ group, units: idx.length, mean: m, variance });
  }
  return { rates, weights, groups };
}
