import { mean, median } from './stats.ts';
import { type DataSet } from './types.ts';
import { type YearContext, alignColumns, yearCoordinates } from './years.ts';

/** Imputation method. `latestYear` and `linearTime` need other years of the same data set. */
export type ImputeMethod = 'mean' | 'median' | 'groupMean' | 'groupMedian' | 'latestYear' | 'linearTime';

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

/** How {@link imputeLinearTime} draws the line through a unit's other years. */
export interface LinearTimeParams {
  /**
   * 'ols' (default): the least-squares line through every available value of the unit in the other years (at least
   * 2). 'nearest': interpolation between the nearest earlier and the nearest later value; with values on one side
   * only, extrapolation of the line through the two nearest values on that side.
   */
  readonly fit?: 'ols' | 'nearest';
}

/** Value at `t0` of the least-squares line through (ts, vs) (n >= 2, distinct ts). */
function olsAt(ts: readonly number[], vs: readonly number[], t0: number): number {
  const n = ts.length;
  let mt = 0;
  let mv = 0;
  for (let k = 0; k < n; k++) {
    mt += ts[k] as number;
    mv += vs[k] as number;
  }
  mt /= n;
  mv /= n;
  let sxy = 0;
  let sxx = 0;
  for (let k = 0; k < n; k++) {
    const dt = (ts[k] as number) - mt;
    sxy += dt * ((vs[k] as number) - mv);
    sxx += dt * dt;
  }
  return mv + (sxy / sxx) * (t0 - mt);
}

/** Value at `t0` of the line through (t1, v1) and (t2, v2). */
const lineAt = (t1: number, v1: number, t2: number, v2: number, t0: number): number =>
  v1 + ((v2 - v1) * (t0 - t1)) / (t2 - t1);

/**
 * Replaces a missing cell by a linear function of time fitted to the same unit's values of the same indicator in the
 * other years (`history`, and `later` when given; rows and columns matched by unit and indicator code). A cell with
 * fewer than 2 values in the other years stays missing. Time is the year label (`historyYears`, `year`,
 * `laterYears`), or consecutive years without labels. Extrapolated values are not clipped (a count can turn negative).
 */
export function imputeLinearTime(data: DataSet, ctx: YearContext, params: LinearTimeParams = {}): ImputeResult {
  const coords = yearCoordinates(ctx);
  const fit = params.fit ?? 'ols';
  const others = [
    ...(ctx.history ?? []).map((ds, k) => ({ t: coords.history[k] as number, cols: alignColumns(data, ds) })),
    ...(ctx.later ?? []).map((ds, k) => ({ t: coords.later[k] as number, cols: alignColumns(data, ds) })),
  ];
  const t0 = coords.year;
  const flags: Uint8Array[] = [];
  const columns = data.columns.map((src, j) => {
    const out = src.slice();
    const flag = new Uint8Array(src.length);
    const ts: number[] = [];
    const vs: number[] = [];
    for (let i = 0; i < src.length; i++) {
      if (!Number.isNaN(src[i])) continue;
      ts.length = 0;
      vs.length = 0;
      for (const o of others) {
        const v = (o.cols[j] as Float64Array)[i] as number;
        if (Number.isNaN(v)) continue;
        ts.push(o.t);
        vs.push(v);
      }
      if (ts.length < 2) continue;
      let v: number;
      if (fit === 'ols') v = olsAt(ts, vs, t0);
      else {
        // ts is increasing: earlier years first, then later years
        const after = ts.findIndex((t) => t > t0);
        const a = after < 0 ? ts.length : after; // number of earlier points
        if (a > 0 && a < ts.length) v = lineAt(ts[a - 1]!, vs[a - 1]!, ts[a]!, vs[a]!, t0);
        else if (a === ts.length) v = lineAt(ts[a - 2]!, vs[a - 2]!, ts[a - 1]!, vs[a - 1]!, t0);
        else v = lineAt(ts[0]!, vs[0]!, ts[1]!, vs[1]!, t0);
      }
      out[i] = v;
      flag[i] = 1;
    }
    flags.push(flag);
    return out;
  });
  return finish(data, columns, flags);
}
