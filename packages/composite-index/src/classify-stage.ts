/**
 * The classify stage of a method: performance groups, tiers by thresholds or by distribution for every ranked
 * aggregate, written as a data set of class numbers (1 = best) with the labels and counts in the log.
 */
import {
  EIS_THRESHOLDS,
  TIER_THRESHOLDS,
  classCounts,
  defaultClassLabels,
  performanceGroups,
  tiersByDistribution,
  tiersByThresholds,
} from './classify.ts';
import { type ClassifyStageSpec } from './method.ts';
import { roundTo } from './stats.ts';
import { type DataSet, type Framework, getColumn } from './types.ts';

/** What a classify stage adds to the log. */
export interface ClassifyStageReport {
  readonly method: ClassifyStageSpec['method'];
  readonly columns: readonly string[];
  /** Class labels, best first (class k is labels[k - 1]). */
  readonly labels: readonly string[];
  /** Units per class and column. */
  readonly counts: Record<string, number[]>;
  /** performanceGroups: the reference (average) per column. */
  readonly reference?: Record<string, number>;
}

const KEYS_FOR: Readonly<Record<string, readonly ClassifyStageSpec['method'][]>> = {
  thresholds: ['performanceGroups', 'thresholds'],
  counts: ['distribution'],
  reference: ['performanceGroups'],
  order: ['distribution'],
};

/** Classifies the `columns` of `data` (default: every aggregate of the framework present in it). */
export function runClassifyStage(
  s: ClassifyStageSpec,
  data: DataSet,
  framework: Framework,
): { data: DataSet; report: ClassifyStageReport } {
  for (const [key, methods] of Object.entries(KEYS_FOR)) {
    if (s[key as keyof ClassifyStageSpec] !== undefined && !methods.includes(s.method))
      throw new Error(`classify ${s.method} does not take ${key} (only ${methods.join(', ')})`);
  }
  const columns = s.columns ?? framework.aggregates.map((a) => a.code).filter((c) => data.indicators.includes(c));
  let k: number;
  let classify: (scores: Float64Array) => { classes: Float64Array; reference?: number };
  switch (s.method) {
    case 'performanceGroups': {
      const thresholds = s.thresholds ?? EIS_THRESHOLDS;
      k = thresholds.length + 1;
      classify = (scores) => {
        const d = s.decimals;
        const rounded = d === undefined ? scores : scores.map((v) => roundTo(v, d));
        const g = performanceGroups(rounded, { thresholds, reference: s.reference });
        return { classes: g.groups, reference: g.reference };
      };
      break;
    }
    case 'thresholds': {
      const thresholds = s.thresholds ?? TIER_THRESHOLDS;
      k = thresholds.length + 1;
      classify = (scores) => ({ classes: tiersByThresholds(scores, { thresholds, decimals: s.decimals }) });
      break;
    }
    case 'distribution': {
      const counts = s.counts;
      if (!counts) throw new Error('classify distribution needs counts, e.g. [10, 15, 78]');
      k = counts.length;
      classify = (scores) => ({
        classes: tiersByDistribution(scores, counts, { decimals: s.decimals, order: s.order }),
      });
      break;
    }
    default: {
      const never: never = s.method;
      throw new Error(`unknown classification ${String(never)}`);
    }
  }
  const labels = s.labels ?? defaultClassLabels(s.method === 'performanceGroups' ? 'performanceGroups' : 'tiers', k);
  if (labels.length !== k) throw new Error(`classify ${s.method}: ${k} classes but ${labels.length} labels`);
  const counts: Record<string, number[]> = {};
  const reference: Record<string, number> = {};
  const out = columns.map((c) => {
    const r = classify(getColumn(data, c));
    counts[c] = classCounts(r.classes, k);
    if (r.reference !== undefined) reference[c] = r.reference;
    return r.classes;
  });
  const report: ClassifyStageReport = {
    method: s.method,
    columns,
    labels,
    counts,
    ...(s.method === 'performanceGroups' ? { reference } : {}),
  };
  return { data: { units: data.units, indicators: columns, columns: out }, report };
}
