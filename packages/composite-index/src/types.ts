/**
 * Core data model of the composite-index engine.
 *
 * A data set is a units x indicators matrix stored column by column in Float64Arrays; a missing cell is NaN
 * (the public API converts to and from `number | null`). Data sets are treated as immutable: every stage returns
 * new columns and never writes into its input.
 */

/** Units x indicators matrix, column-major; `columns[j][i]` is unit i, indicator j; NaN means missing. */
export interface DataSet {
  readonly units: readonly string[];
  readonly indicators: readonly string[];
  readonly columns: readonly Float64Array[];
}

/** Direction of an indicator: +1 higher is better, -1 lower is better. */
export type Direction = 1 | -1;

/** Metadata of one indicator (a leaf of the aggregation tree). */
export interface IndicatorMeta {
  readonly code: string;
  readonly direction: Direction;
  readonly weight: number;
  /** Code of the aggregate this indicator belongs to (pillar, dimension …). */
  readonly parent: string;
  /** Code of the denominator column, if the indicator is divided by one. */
  readonly denominator?: string;
  /** Lower and upper goalposts for the goalpost normalisation. */
  readonly goalposts?: readonly [number, number];
}

/** One aggregate node (pillar, sub-index, index …); `parent` is absent at the root. */
export interface AggregateNode {
  readonly code: string;
  readonly weight: number;
  readonly parent?: string;
}

/** The indicator framework: leaves plus the aggregation tree above them (any depth). */
export interface Framework {
  readonly indicators: readonly IndicatorMeta[];
  readonly aggregates: readonly AggregateNode[];
}

/**
 * Builds a data set from row-major `number | null` values (`rows[i][j]` = unit i, indicator j).
 * Throws if a row has the wrong length.
 */
export function dataSetFromRows(
  units: readonly string[],
  indicators: readonly string[],
  rows: readonly (readonly (number | null)[])[],
): DataSet {
  if (rows.length !== units.length) throw new Error(`expected ${units.length} rows, got ${rows.length}`);
  const columns = indicators.map(() => new Float64Array(units.length));
  rows.forEach((row, i) => {
    if (row.length !== indicators.length) throw new Error(`row ${units[i]}: expected ${indicators.length} values`);
    row.forEach((v, j) => {
      (columns[j] as Float64Array)[i] = v ?? Number.NaN;
    });
  });
  return { units: [...units], indicators: [...indicators], columns };
}

/** Converts a data set back to row-major `number | null` values (NaN becomes null). */
export function dataSetToRows(ds: DataSet): (number | null)[][] {
  return ds.units.map((_, i) =>
    ds.columns.map((col) => {
      const v = col[i] as number;
      return Number.isNaN(v) ? null : v;
    }),
  );
}

/** Returns the column of `indicator`, throwing when it is not in the data set. */
export function getColumn(ds: DataSet, indicator: string): Float64Array {
  const j = ds.indicators.indexOf(indicator);
  if (j < 0) throw new Error(`indicator ${indicator} is not in the data set`);
  return ds.columns[j] as Float64Array;
}

/** Returns the value for a unit and indicator, or null when missing. */
export function getValue(ds: DataSet, unit: string, indicator: string): number | null {
  const i = ds.units.indexOf(unit);
  if (i < 0) throw new Error(`unit ${unit} is not in the data set`);
  const v = getColumn(ds, indicator)[i] as number;
  return Number.isNaN(v) ? null : v;
}

/** Returns a new data set restricted to (and ordered as) `indicators`; columns are shared, not copied. */
export function selectIndicators(ds: DataSet, indicators: readonly string[]): DataSet {
  return { units: ds.units, indicators: [...indicators], columns: indicators.map((c) => getColumn(ds, c)) };
}

/** Returns a new data set with `extra` columns appended (same units, same order). */
export function appendColumns(ds: DataSet, extra: DataSet): DataSet {
  if (extra.units.length !== ds.units.length) throw new Error('appendColumns: unit counts differ');
  return {
    units: ds.units,
    indicators: [...ds.indicators, ...extra.indicators],
    columns: [...ds.columns, ...extra.columns],
  };
}

/** Looks up indicator metadata by code, throwing when absent. */
export function indicatorMetaByCode(framework: Framework): Map<string, IndicatorMeta> {
  return new Map(framework.indicators.map((m) => [m.code, m]));
}
