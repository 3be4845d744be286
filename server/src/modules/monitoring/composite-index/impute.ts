import { mean, median } from './stats.ts';
import { type DataSet } from './types.ts';

/** Imputation method. `latestYear` needs earlier years of the same data set. */
export type ImputeMethod = 'mean' | 'median' | 'groupMean' | 'groupMedian' | 'latestYear';

/** Result of an imputation: the new data set, a flag per imputed cell and counts for the log. */
export interface ImputeResult {
  readonly data: DataSet;
  /** flags[j][i] = 1 when cell (unit i, indicator j) was imputed. */
  readonly flags: readonly Uint8Array[];
  /** indicator -> number of imputed cells. */
  readonly imputed: Record<string, number>;
  /** indicator -> number of cells still missing after imputation. */
  readonly stillMissing: Record<string, number>;
}

function finish(data: DataSet, columns: Float64Array[], flags: Uint8Array[]): ImputeResult {
  const imputed: Record<string, number> = {};
  const stillMissing: Record<string, number> = {};
  data.indicators.forEach((code, j) => {
    const f = flags[j] as Uint8Array;
    const c = columns[j] as Float64Array;
    let k = 0;
    let miss = 0;
    for (let i = 0; i < f.length; i++) {
      k += f[i] as number;
      if (Number.isNaN(c[i])) miss++;
    }
    imputed[code] = k;
    stillMissing[code] = miss;
  });
  return { data: { units: data.units, indicators: data.indicators, columns }, flags, imputed, stillMissing };
}

/**
 * Replaces missing cells by the mean or median of the same indicator over the non-missing units of the same
 * group (`groups[i]` is unit i's group; omit for one group of all units). A group with no data stays missing.
 */
export function imputeByGroup(data: DataSet, statistic: 'mean' | 'median', groups?: readonly string[]): ImputeResult {
  const n = data.units.length;
  const labels = groups ?? new Array<string>(n).fill('');
  if (labels.length !== n) throw new Error('imputeByGroup: one group label per unit is required');
  const groupIndex = new Map<string, number[]>();
  labels.forEach((g, i) => {
    const list = groupIndex.get(g);
    if (list) list.push(i);
    else groupIndex.set(g, [i]);
  });
  const stat = statistic === 'mean' ? mean : median;
  const flags: Uint8Array[] = [];
  const columns = data.columns.map((src) => {
    const out = src.slice();
    const flag = new Uint8Array(n);
    for (const members of groupIndex.values()) {
      const sub = new Float64Array(members.length);
      let hasMissing = false;
      members.forEach((i, k) => {
        const v = src[i] as number;
        sub[k] = v;
        if (Number.isNaN(v)) hasMissing = true;
      });
      if (!hasMissing) continue;
      const fill = stat(sub);
      if (Number.isNaN(fill)) continue;
      for (const i of members) {
        if (Number.isNaN(src[i])) {
          out[i] = fill;
          flag[i] = 1;
        }
      }
    }
    flags.push(flag);
    return out;
  });
  return finish(data, columns, flags);
}

/**
 * Replaces missing cells by the value of the latest earlier year that has one (carry forward).
 * `history` lists earlier years oldest first, each with the same units and indicators as `data`.
 */
export function imputeLatestYear(data: DataSet, history: readonly DataSet[]): ImputeResult {
  for (const h of history) {
    if (h.units.length !== data.units.length || h.indicators.length !== data.indicators.length) {
      throw new Error('imputeLatestYear: every year must have the same units and indicators');
    }
  }
  const flags: Uint8Array[] = [];
  const columns = data.columns.map((src, j) => {
    const out = src.slice();
    const flag = new Uint8Array(src.length);
    for (let i = 0; i < src.length; i++) {
      if (!Number.isNaN(src[i])) continue;
      for (let y = history.length - 1; y >= 0; y--) {
        const v = ((history[y] as DataSet).columns[j] as Float64Array)[i] as number;
        if (!Number.isNaN(v)) {
          out[i] = v;
          flag[i] = 1;
          break;
        }
      }
    }
    flags.push(flag);
    return out;
  });
  return finish(data, columns, flags);
}
