/**
 * The method file: an ordered list of named stages with their parameters (the JSON read by
 * `qixian index run --method FILE.json`). Documented in docs/INDEX-METHOD.md.
 */
import { z } from 'zod';
import { type AggregateParams, type AggregationSpec } from './aggregate.ts';

const ZRange = z.tuple([z.number(), z.number()]);
const ZAggregationName = z.enum(['arithmetic', 'geometric', 'harmonic', 'generalised', 'copeland']);
/** A method name, or `{ "method": "generalised", "p": 0.5 }`. */
const ZAggregationChoice = z.union([
  ZAggregationName,
  z.strictObject({ method: ZAggregationName, p: z.number().optional() }),
]);
const ZTransform = z.enum(['logCT', 'gii-log', 'boxcox']);
const ZLevelKey = z.string().regex(/^[1-9][0-9]*$/);
const base = {
  /** Name of the data set this stage writes; defaults per op (Denominated, Imputed …). */
  name: z.string().min(1).optional(),
  /** Name of the data set this stage reads; defaults to the previous stage's output ('Raw' first). */
  input: z.string().min(1).optional(),
};
/** How to aggregate: shared by the aggregate stage and weight optimisation. */
const aggregation = {
  method: ZAggregationName.optional(),
  /** Power of the generalised mean (`method: "generalised"`). */
  p: z.number().optional(),
  methodByLevel: z.record(ZLevelKey, ZAggregationChoice).optional(),
  dataThreshold: z.number().min(0).max(1).optional(),
};
const ZLevel = z.number().int().min(1);
const weightBase = {
  op: z.literal('weight'),
  ...base,
  /** Weight set to start from (default: the framework's weights). */
  base: z.string().min(1).optional(),
};
const ZJudgement = z.union([z.number().positive(), z.string().min(1)]);

/** The `weight` stage: computes a named weight set (not a data set) for later `aggregate` stages. */
export const ZWeightStage = z.discriminatedUnion('method', [
  z.strictObject({ ...weightBase, method: z.literal('equal'), levels: z.array(ZLevel).optional() }),
  z.strictObject({ ...weightBase, method: z.literal('fixed'), weights: z.record(z.string(), z.number().min(0)) }),
  z.strictObject({
    ...weightBase,
    method: z.literal('entropy'),
    level: ZLevel.optional(),
    scope: z.enum(['group', 'global']).optional(),
    shift: z.number().min(0).optional(),
  }),
  z.strictObject({
    ...weightBase,
    method: z.literal('ahp'),
    matrices: z.record(
      z.string(),
      z.strictObject({
        items: z.array(z.string().min(1)).min(1),
        matrix: z.array(z.array(ZJudgement)),
        randomIndex: z.number().positive().optional(),
      }),
    ),
    maxCR: z.number().positive().optional(),
  }),
  z.strictObject({
    ...weightBase,
    method: z.literal('pca'),
    level: ZLevel.optional(),
    scope: z.enum(['group', 'global']).optional(),
    scheme: z.enum(['handbook', 'firstComponent']).optional(),
    /** firstComponent: refuse negative weights ('signed', default) or take |loading| normalised to sum 1. */
    loadings: z.enum(['signed', 'absolute']).optional(),
    rotation: z.enum(['varimax', 'none']).optional(),
    factors: z.number().int().min(1).optional(),
    minEigenvalue: z.number().min(0).optional(),
    minVarianceShare: z.number().min(0).max(1).optional(),
    cumulativeVariance: z.number().min(0).max(1).optional(),
  }),
  z.strictObject({
    ...weightBase,
    method: z.literal('optimise'),
    level: ZLevel.optional(),
    targets: z.record(z.string(), z.number().min(0)).optional(),
    aggregation: z.strictObject(aggregation).optional(),
    tolerance: z.number().positive().optional(),
    maxIterations: z.number().int().min(1).optional(),
  }),
]);

export const ZStage = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('denominate'),
    ...base,
    scale: z.number().positive().optional(),
    /** Empirical-Bayes shrinkage of the rates towards the mean rate (of each group of `groupBy`). */
    shrink: z
      .strictObject({
        method: z.literal('empiricalBayes'),
        groupBy: z.string().min(1).optional(),
        indicators: z.array(z.string().min(1)).optional(),
      })
      .optional(),
  }),
  z.strictObject({
    op: z.literal('smooth'),
    ...base,
    /** Mean over the current year and the years - 1 latest history years. */
    method: z.literal('multiYearMean'),
    years: z.number().int().min(1),
  }),
  z.strictObject({
    op: z.literal('impute'),
    ...base,
    method: z.enum(['mean', 'median', 'groupMean', 'groupMedian', 'latestYear', 'linearTime']),
    groupBy: z.string().min(1).optional(),
    /** `linearTime`: least-squares line through all other years ('ols') or the nearest years ('nearest'). */
    fit: z.enum(['ols', 'nearest']).optional(),
  }),
  z.strictObject({
    op: z.literal('treat'),
    ...base,
    winmaxShare: z.number().min(0).max(1).optional(),
    winmax: z.number().int().min(0).optional(),
    skewThreshold: z.number().positive().optional(),
    kurtThreshold: z.number().optional(),
    fallback: z.enum(['logCT', 'gii-log', 'boxcox', 'none']).optional(),
    /** Box-Cox λ and shift of the fallback. */
    lambda: z.number().optional(),
    shift: z.number().optional(),
    /** Transforms forced on listed indicators (no skew/kurtosis rule, no winsorisation). */
    transform: z
      .array(
        z.strictObject({
          method: ZTransform,
          lambda: z.number().optional(),
          shift: z.number().optional(),
          indicators: z.array(z.string().min(1)).min(1),
        }),
      )
      .optional(),
    exclude: z.array(z.string()).optional(),
  }),
  z.strictObject({
    op: z.literal('normalise'),
    ...base,
    method: z.enum(['minMax', 'zScore', 'goalposts', 'target', 'distanceToBest', 'rank', 'percentile', 'growth']),
    range: ZRange.optional(),
    centre: z.number().optional(),
    scale: z.number().optional(),
    clip: z.boolean().optional(),
    targets: z.record(z.string(), z.number()).optional(),
    /** minMax, distanceToBest: years pooled for min/max (or the best), the current one included (1). */
    window: z.number().int().min(1).optional(),
    /** distanceToBest: reference value per indicator instead of the best. */
    references: z.record(z.string(), z.number()).optional(),
    /** rank, percentile: ties at the lowest rank ('min', COINr) or the average rank. */
    ties: z.enum(['min', 'average']).optional(),
    /** growth: the base year as a data set name, a year label (historyYears) or a history index (0 oldest, -1 latest). */
    base: z.string().min(1).optional(),
    baseYear: z.number().optional(),
    baseIndex: z.number().int().optional(),
  }),
  ZWeightStage,
  z.strictObject({
    op: z.literal('aggregate'),
    ...base,
    ...aggregation,
    /** Weight set written by an earlier `weight` stage (default: the framework's weights). */
    weights: z.string().min(1).optional(),
  }),
  z.strictObject({
    op: z.literal('rank'),
    ...base,
    decimals: z.number().int().min(0).max(15).optional(),
    order: z.enum(['descending', 'ascending']).optional(),
    columns: z.array(z.string()).optional(),
    /** Rank within peer groups: a grouping variable (county type, league …). */
    groupBy: z.string().min(1).optional(),
  }),
  z.strictObject({
    op: z.literal('classify'),
    ...base,
    method: z.enum(['performanceGroups', 'thresholds', 'distribution']),
    /** performanceGroups: percent of the reference ([125, 100, 70]); thresholds: scores ([80, 60]); decreasing. */
    thresholds: z.array(z.number()).min(1).optional(),
    /** distribution: units per tier in rank order, e.g. [10, 15, 78]. */
    counts: z.array(z.number().int().min(0)).min(1).optional(),
    /** performanceGroups: 'mean' (default), 'median' or a value. */
    reference: z.union([z.enum(['mean', 'median']), z.number()]).optional(),
    /** One label per class, best first. */
    labels: z.array(z.string().min(1)).optional(),
    decimals: z.number().int().min(0).max(15).optional(),
    order: z.enum(['descending', 'ascending']).optional(),
    columns: z.array(z.string()).optional(),
  }),
]);

export const ZMethod = z.strictObject({
  name: z.string().optional(),
  version: z.string().optional(),
  stages: z.array(ZStage).min(1),
});

/** One stage of a method. */
export type StageSpec = z.infer<typeof ZStage>;
/** The normalise stage. */
export type NormaliseStageSpec = Extract<StageSpec, { op: 'normalise' }>;
/** The classify stage. */
export type ClassifyStageSpec = Extract<StageSpec, { op: 'classify' }>;
/** The weight stage. */
export type WeightStageSpec = z.infer<typeof ZWeightStage>;
/** A whole method file. */
export type MethodSpec = z.infer<typeof ZMethod>;

/** Validates a parsed method file, throwing a ZodError that locates the bad field. */
export function parseMethod(json: unknown): MethodSpec {
  return ZMethod.parse(json);
}

/** Default output names per op. */
export const DEFAULT_STAGE_NAMES: Readonly<Record<StageSpec['op'], string>> = {
  denominate: 'Denominated',
  smooth: 'Smoothed',
  impute: 'Imputed',
  treat: 'Treated',
  normalise: 'Normalised',
  weight: 'Weights',
  aggregate: 'Aggregated',
  rank: 'Ranks',
  classify: 'Classes',
};

/** The aggregation fields of a stage (aggregate, or weight optimisation) as aggregate() parameters. */
export function toAggregateParams(s: {
  readonly method?: z.infer<typeof ZAggregationName>;
  readonly p?: number;
  readonly methodByLevel?: Readonly<Record<string, z.infer<typeof ZAggregationChoice>>>;
  readonly dataThreshold?: number;
}): AggregateParams {
  const methodByLevel: Record<number, AggregationSpec> = {};
  for (const [k, v] of Object.entries(s.methodByLevel ?? {})) methodByLevel[Number(k)] = v;
  const method: AggregationSpec | undefined =
    s.p === undefined ? s.method : { method: s.method ?? 'generalised', p: s.p };
  return { method, methodByLevel, dataThreshold: s.dataThreshold };
}
