import { z } from 'zod';
import { ZDivisionCode } from './common.ts';

export const FACT_LEVELS = ['province', 'prefecture', 'county'] as const;
export const PERIOD_TYPES = ['year', 'month', 'snapshot'] as const;
export const AGGREGATIONS = ['sum', 'max', 'latest'] as const;

const ZTitle = z.object({ zh: z.string(), en: z.string() });

export const ZFactParams = z.object({
  fact: z
    .string()
    .max(100)
    .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, {
      message: '指标事实名称应形如 module.fact / a fact name looks like module.fact',
    }),
});

export const ZFactQuery = z.object({
  /** Root of the answer; defaults to the caller's own division. */
  division: ZDivisionCode.optional(),
  /** `YYYY`, `YYYY-MM` or `current`, by the fact's period type; defaults to the present period. */
  period: z
    .string()
    .trim()
    .regex(/^(\d{4}(-\d{2})?|current)$/, {
      message: '期间应为 YYYY、YYYY-MM 或 current / period is YYYY, YYYY-MM or current',
    })
    .optional(),
  /** Level of the rows; defaults to the level just below `division` (county stays county). */
  level: z.enum(FACT_LEVELS).optional(),
  /** A dimension of the fact to break values down by (e.g. `type`). */
  by: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/)
    .max(50)
    .optional(),
});

export const ZFactValue = z.object({
  divisionCode: z.string(),
  divisionName: z.string(),
  level: z.enum(FACT_LEVELS),
  value: z.number(),
  /** Value per dimension value when `by` was given, otherwise absent. */
  breakdown: z.record(z.string(), z.number()).optional(),
});
export type FactValue = z.infer<typeof ZFactValue>;

export const ZFactResult = z.object({
  fact: z.string(),
  title: ZTitle,
  unit: z.string(),
  periodType: z.enum(PERIOD_TYPES),
  aggregation: z.enum(AGGREGATIONS),
  period: z.string(),
  level: z.enum(FACT_LEVELS),
  by: z.string().nullable(),
  /**
   * The requested division with the total of its whole subtree (records attached to divisions above `level`, such
   * as a league's own government units, count here but in no row).
   */
  total: ZFactValue,
  items: z.array(ZFactValue),
  /** When the values were computed (they may come from the cache, at most its TTL old). */
  computedAt: z.string(),
});
export type FactResult = z.infer<typeof ZFactResult>;

export const ZFactInfo = z.object({
  name: z.string(),
  title: ZTitle,
  unit: z.string(),
  periodType: z.enum(PERIOD_TYPES),
  aggregation: z.enum(AGGREGATIONS),
  dimensions: z.array(z.string()),
});

export const ZFactList = z.object({ items: z.array(ZFactInfo) });
