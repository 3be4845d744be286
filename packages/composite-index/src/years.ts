/**
 * Other years of a data set: the time coordinate of each year and the alignment of another year's columns to the
 * units and indicators of the current one (by code, so a county added or dropped between years does not shift rows).
 */
import { type DataSet } from './types.ts';

/** Earlier and later years of the current data set, with optional year labels. */
export interface YearContext {
  /** Earlier years, oldest first. */
  readonly history?: readonly DataSet[];
  /** Labels of the earlier years (same length as `history`), e.g. [2019, 2020, 2021]. */
  readonly historyYears?: readonly number[];
  /** Label of the current year; default: the last history label + 1, else 0. */
  readonly year?: number;
  /** Later years, oldest first (back-casting an earlier year from the ones after it). */
  readonly later?: readonly DataSet[];
  /** Labels of the later years (same length as `later`). */
  readonly laterYears?: readonly number[];
}

/** Time coordinates: the current year and one value per earlier and later year. */
export interface YearCoordinates {
  readonly year: number;
  readonly history: readonly number[];
  readonly later: readonly number[];
}

/**
 * Resolves the year labels: without labels the history sits at t = -H … -1, the current year at 0 and the later
 * years at 1 … L (consecutive years). Labels must increase strictly through history, the current year and later.
 */
export function yearCoordinates(ctx: YearContext): YearCoordinates {
  const h = ctx.history?.length ?? 0;
  const l = ctx.later?.length ?? 0;
  if (ctx.historyYears && ctx.historyYears.length !== h)
    throw new Error(`historyYears has ${ctx.historyYears.length} labels for ${h} history years`);
  if (ctx.laterYears && ctx.laterYears.length !== l)
    throw new Error(`laterYears has ${ctx.laterYears.length} labels for ${l} later years`);
  const lastHistory = ctx.historyYears?.[h - 1];
  const year = ctx.year ?? (lastHistory === undefined ? 0 : lastHistory + 1);
  const history = ctx.historyYears ? [...ctx.historyYears] : Array.from({ length: h }, (_, k) => year - h + k);
  const later = ctx.laterYears ? [...ctx.laterYears] : Array.from({ length: l }, (_, k) => year + 1 + k);
  const all = [...history, year, ...later];
  for (let k = 1; k < all.length; k++) {
    if (!((all[k] as number) > (all[k - 1] as number))) throw new Error(`year labels must increase: ${all.join(', ')}`);
  }
  return { year, history, later };
}

/**
 * The columns of `other` aligned to `data`: for each indicator of `data`, the column of the same code in `other`
 * with one value per unit of `data` (NaN where `other` lacks the unit or the indicator). Columns are shared when the
 * units are the same in the same order.
 */
export function alignColumns(data: DataSet, other: DataSet): Float64Array[] {
  const n = data.units.length;
  const sameUnits = other.units.length === n && other.units.every((u, i) => u === data.units[i]);
  let rowOf: Int32Array | undefined;
  if (!sameUnits) {
    const at = new Map(other.units.map((u, i) => [u, i]));
    rowOf = Int32Array.from(data.units, (u) => at.get(u) ?? -1);
  }
  const colOf = new Map(other.indicators.map((c, j) => [c, j]));
  return data.indicators.map((code) => {
    const j = colOf.get(code);
    if (j === undefined) return new Float64Array(n).fill(Number.NaN);
    const src = other.columns[j] as Float64Array;
    if (!rowOf) return src;
    return Float64Array.from(rowOf, (r) => (r < 0 ? Number.NaN : (src[r] as number)));
  });
}
