/**
 * The method file: an ordered list of named stages with their parameters (the JSON read by
 * `qixian index run --method FILE.json`). Documented in docs/INDEX-METHOD.md.
 */
import { z } from 'zod';

const ZRange = z.tuple([z.number(), z.number()]);
const ZAggregationMethod = z.enum(['arithmetic', 'geometric', 'harmonic']);
const base = {
  /** Name of the data set this stage writes; defaults per op (Denominated, Imputed …). */
  name: z.string().min(1).optional(),
  /** Name of the data set this stage reads; defaults to the previous stage's output ('Raw' first). */
  input: z.string().min(1).optional(),
};

export const ZStage = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('denominate'), ...base, scale: z.number().positive().optional() }),
  z.strictObject({
    op: z.literal('impute'),
    ...base,
    method: z.enum(['mean', 'median', 'groupMean', 'groupMedian', 'latestYear']),
    groupBy: z.string().min(1).optional(),
  }),
  z.strictObject({
    op: z.literal('treat'),
    ...base,
    winmaxShare: z.number().min(0).max(1).optional(),
    winmax: z.number().int().min(0).optional(),
    skewThreshold: z.number().positive().optional(),
    kurtThreshold: z.number().optional(),
    fallback: z.enum(['logCT', 'none']).optional(),
    exclude: z.array(z.string()).optional(),
  }),
  z.strictObject({
    op: z.literal('normalise'),
    ...base,
    method: z.enum(['minMax', 'zScore', 'goalposts', 'target']),
    range: ZRange.optional(),
    centre: z.number().optional(),
    scale: z.number().optional(),
    clip: z.boolean().optional(),
    targets: z.record(z.string(), z.number()).optional(),
  }),
  z.strictObject({
    op: z.literal('aggregate'),
    ...base,
    method: ZAggregationMethod.optional(),
    methodByLevel: z.record(z.string().regex(/^[1-9][0-9]*$/), ZAggregationMethod).optional(),
    dataThreshold: z.number().min(0).max(1).optional(),
  }),
  z.strictObject({
    op: z.literal('rank'),
    ...base,
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
/** A whole method file. */
export type MethodSpec = z.infer<typeof ZMethod>;

/** Validates a parsed method file, throwing a ZodError that locates the bad field. */
export function parseMethod(json: unknown): MethodSpec {
  return ZMethod.parse(json);
}

/** Default output names per op. */
export const DEFAULT_STAGE_NAMES: Readonly<Record<StageSpec['op'], string>> = {
  denominate: 'Denominated',
  impute: 'Imputed',
  treat: 'Treated',
  normalise: 'Normalised',
  aggregate: 'Aggregated',
  rank: 'Ranks',
};
