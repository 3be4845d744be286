/**
 * Outputs of `qixian index run` besides the data sets: the coherence statistics of every aggregate (Cronbach's alpha,
 * correlations; `dimensionStatistics` of the engine, COINr `get_cronbach` / `get_corr`) and the stage warnings.
 */
import {
  type DataSet,
  type DimensionStatistics,
  type Framework,
  type PipelineResult,
  type StageWarning,
  csvField,
  dimensionStatistics,
} from '@qixian/composite-index';

/** A stage warning with the name of the stage that raised it. */
export type RunWarning = StageWarning & { readonly stage: string };

/** Every warning of the run, in stage order. */
export function runWarnings(result: PipelineResult): RunWarning[] {
  return result.log.flatMap((l) => (l.warnings ?? []).map((w) => ({ stage: l.name, ...w })));
}

const num = (v: number): string => (Number.isNaN(v) ? 'NA' : String(v));
const csv = (rows: readonly (readonly string[])[]): string =>
  `${rows.map((r) => r.map(csvField).join(',')).join('\n')}\n`;

/**
 * The statistics of the aggregated data set of the last aggregate stage (indicators and aggregates as columns), or
 * undefined when the method has no aggregate stage or the tree has no single root.
 */
export function coherenceStatistics(r: PipelineResult, fw: Framework): DimensionStatistics[] | undefined {
  const name = [...r.log].reverse().find((l) => l.spec.op === 'aggregate')?.name;
  const agg: DataSet | undefined = name === undefined ? undefined : r.datasets[name];
  if (!agg || fw.aggregates.filter((a) => a.parent === undefined || a.parent === '').length !== 1) return undefined;
  return dimensionStatistics(agg, fw);
}

/** reliability.csv: one row per aggregate with the alpha, mean correlation and first-component share of its children. */
export function reliabilityCsv(stats: readonly DimensionStatistics[]): string {
  return csv([
    ['aggregate', 'level', 'children', 'alpha', 'meanCorrelation', 'firstComponentShare'],
    ...stats.map((s) => [
      s.code,
      String(s.level),
      s.children.join(' '),
      num(s.alpha),
      num(s.meanCorrelation),
      num(s.firstComponentShare),
    ]),
  ]);
}

/**
 * correlations.csv, long format `aggregate,child,with,r`: every pair of an aggregate's children, then each child with
 * the aggregate and with the index (Pearson, pairwise complete).
 */
export function correlationsCsv(stats: readonly DimensionStatistics[], root: string): string {
  const rows: string[][] = [['aggregate', 'child', 'with', 'r']];
  for (const s of stats) {
    const k = s.children.length;
    for (let a = 0; a < k; a++)
      for (let b = a + 1; b < k; b++)
        rows.push([s.code, s.children[a] ?? '', s.children[b] ?? '', num(s.correlations[a * k + b] ?? Number.NaN)]);
    for (const c of s.children) {
      rows.push([s.code, c, s.code, num(s.withParent[c] ?? Number.NaN)]);
      if (s.code !== root) rows.push([s.code, c, root, num(s.withIndex[c] ?? Number.NaN)]);
    }
  }
  return csv(rows);
}
