/**
 * Transforms for skewed indicators, used by the outlier treatment as the fallback when winsorisation does not fix a
 * column, or forced on listed indicators. Missing values stay missing; a value outside a transform's domain becomes
 * missing (never ±Infinity).
 */
import { range } from './stats.ts';

/** Transform applied to a whole column. */
export type TransformKind = 'logCT' | 'gii-log' | 'boxcox';

/** Parameters of a transform (Box-Cox only). */
export interface TransformParams {
  /** Box-Cox power λ (default 0: the natural log). */
  readonly lambda?: number;
  /** Box-Cox shift added first; default 0 when every value is > 0, else -min + 0.01 (max - min). */
  readonly shift?: number;
}

/** A transformed column; `shift` is the Box-Cox shift used, `warning` flags a doubtful result. */
export interface TransformedColumn {
  readonly values: Float64Array;
  readonly shift?: number;
  readonly warning?: string;
}

const finiteOrNaN = (v: number): number => (Number.isFinite(v) ? v : Number.NaN);

/** COIN Tool log (COINr `log_CT`): ln(x - min + 0.01 (max - min)); the minimum maps to ln(0.01 (max - min)). */
export function logCT(x: Float64Array): Float64Array {
  const [lo, hi] = range(x);
  const shift = lo - 0.01 * (hi - lo);
  return x.map((v) => finiteOrNaN(Math.log(v - shift)));
}

/**
 * GII log (COINr `log_GII`, the GII 2020 spreadsheet): ln((max - 1)(x - min) / (max - min) + 1), mapping the
 * minimum to 0 and the maximum to ln(max). With max < 1 the factor (max - 1) is negative and the order of the units
 * is reversed (reported as a warning); a constant column is missing.
 */
export function giiLog(x: Float64Array): TransformedColumn {
  const [lo, hi] = range(x);
  const values = x.map((v) => finiteOrNaN(Math.log(((hi - 1) * (v - lo)) / (hi - lo) + 1)));
  const warning =
    hi < 1 ? `GII log reverses the order of the values when max < 1 (max = ${hi}); 最大值小于 1 时次序颠倒` : undefined;
  return warning === undefined ? { values } : { values, warning };
}

/**
 * Box-Cox: ((x + s)^λ - 1) / λ, or ln(x + s) at λ = 0. The shift s defaults to 0 when every value is positive and to
 * -min + 0.01 (max - min) otherwise (as log_CT), so the minimum maps to the transform of 0.01 (max - min). A value
 * with x + s < 0, or x + s = 0 with λ <= 0, is missing.
 */
export function boxCox(x: Float64Array, params: TransformParams = {}): TransformedColumn {
  const lambda = params.lambda ?? 0;
  const [lo, hi] = range(x);
  const shift = params.shift ?? (lo > 0 ? 0 : -lo + 0.01 * (hi - lo));
  const values = x.map((v) => {
    const y = v + shift;
    if (y < 0) return Number.NaN;
    return finiteOrNaN(lambda === 0 ? Math.log(y) : (Math.pow(y, lambda) - 1) / lambda);
  });
  return { values, shift };
}

/** Applies the named transform to a column. */
export function transformColumn(x: Float64Array, kind: TransformKind, params: TransformParams = {}): TransformedColumn {
  switch (kind) {
    case 'logCT':
      return { values: logCT(x) };
    case 'gii-log':
      return giiLog(x);
    case 'boxcox':
      return boxCox(x, params);
    default: {
      const never: never = kind;
      throw new Error(`unknown transform ${String(never)}`);
    }
  }
}
