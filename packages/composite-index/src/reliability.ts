/**
 * Statistical coherence of each dimension (OECD/JRC Handbook 2008, step 4 "Multivariate analysis"; COINr
 * `get_cronbach`, `get_corr`): Cronbach's alpha of an aggregate's children, their correlation matrix, and the
 * correlation of each child with its parent and with the index.
 */
import { resolveTree, rootCode } from './aggregate.ts';
import { correlationMatrix, covariance, pearson, symmetricEigen } from './linalg.ts';
import { type DataSet, type Framework, getColumn } from './types.ts';

/**
 * Cronbach's alpha (Cronbach 1951, "Coefficient alpha and the internal structure of tests", Psychometrika 16) from
 * the pairwise-complete covariance matrix C of the k columns, as COINr `get_cronbach`:
 * alpha = k / (k - 1) (1 - trace(C) / sum(C)). NaN for fewer than 2 columns.
 */
export function cronbachAlpha(cols: readonly Float64Array[]): number {
  const k = cols.length;
  if (k < 2) return Number.NaN;
  let trace = 0;
  let total = 0;
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      const c = covariance(cols[a] as Float64Array, cols[b] as Float64Array);
      if (Number.isNaN(c)) continue; // R: sum(cvtrix, na.rm = TRUE)
      if (a === b) trace += c;
      total += a === b ? c : 2 * c;
    }
  }
  return (k / (k - 1)) * (1 - trace / total);
}

/** Coherence statistics of one aggregate. */
export interface DimensionStatistics {
  readonly code: string;
  readonly level: number;
  readonly children: readonly string[];
  /** Cronbach's alpha of the children (NaN with one child). */
  readonly alpha: number;
  /** Pearson correlations between the children (row-major, children x children). */
  readonly correlations: readonly number[];
  /** Mean of the off-diagonal correlations. */
  readonly meanCorrelation: number;
  /** Share of the children's variance on the first principal component (1 = one dimension). */
  readonly firstComponentShare: number;
  /** Correlation of each child with this aggregate. */
  readonly withParent: Readonly<Record<string, number>>;
  /** Correlation of each child with the index. */
  readonly withIndex: Readonly<Record<string, number>>;
}

/**
 * Statistics for every aggregate of an aggregated data set (indicators and aggregates as columns, as the aggregate
 * stage writes), bottom-up. Correlations are pairwise complete.
 */
export function dimensionStatistics(aggregated: DataSet, framework: Framework): DimensionStatistics[] {
  const index = getColumn(aggregated, rootCode(framework));
  return resolveTree(framework).map((node) => {
    const cols = node.children.map((c) => getColumn(aggregated, c));
    const k = cols.length;
    const r = correlationMatrix(cols);
    let off = 0;
    for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) off += r[a * k + b] as number;
    const parent = getColumn(aggregated, node.code);
    let firstComponentShare = Number.NaN;
    if (k === 1) firstComponentShare = 1;
    else if (!r.some((v) => Number.isNaN(v))) firstComponentShare = (symmetricEigen(r, k).values[0] as number) / k;
    return {
      code: node.code,
      level: node.level,
      children: node.children,
      alpha: cronbachAlpha(cols),
      correlations: Array.from(r),
      meanCorrelation: k < 2 ? Number.NaN : off / ((k * (k - 1)) / 2),
      firstComponentShare,
      withParent: Object.fromEntries(node.children.map((c, j) => [c, pearson(cols[j] as Float64Array, parent)])),
      withIndex: Object.fromEntries(node.children.map((c, j) => [c, pearson(cols[j] as Float64Array, index)])),
    };
  });
}
