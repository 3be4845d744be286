/** Frameworks (指标体系) of county innovation monitoring: versioned indicator trees, indicator definitions, settings. */
import { z } from 'zod';

export const FRAMEWORK_STATUSES = ['draft', 'active', 'retired'] as const;
export const NODE_KINDS = ['index', 'dimension', 'subdimension', 'indicator'] as const;
export const ZNodeCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
    message: '编码只能包含字母、数字、点、下划线和连字符（最多 64 位） / code: letters, digits, . _ - (max 64)',
  });
export const ZPeriod = z.coerce
  .number()
  .int()
  .min(2000, { message: '年份应在 2000-2100 之间 / year must be 2000-2100' })
  .max(2100, { message: '年份应在 2000-2100 之间 / year must be 2000-2100' });

/** Binding of an indicator to a live platform metrics fact (指标事实), e.g. experts.count. */
export const ZFactBinding = z.strictObject({
  fact: z.string().min(1).max(64),
  /** Dimension filter of the fact (e.g. { type: 'enterprise' }). */
  filter: z.record(z.string(), z.string()).optional(),
});

/** Definition of one indicator (stored as mon_node.spec JSON). */
export const ZIndicatorSpec = z.strictObject({
  unit: z.string().max(50).default(''),
  /** 1 = higher is better (正向), -1 = lower is better (逆向). */
  direction: z.union([z.literal(1), z.literal(-1)]).default(1),
  /** Default points (分值) in the official-style 100-point scheme. */
  points: z.number().min(0).max(100).nullable().default(null),
  /** Denominator as described in the statistical definition (分母口径), free text. */
  denominator: z.string().max(200).default(''),
  /**
   * Ranking mode: divide by a county base figure before normalising (density variant). `population` = 2020 census
   * resident population in 10k people.
   */
  density: z.enum(['none', 'population']).default('none'),
  /** Ranking mode: log(1+x) for small counts. */
  log: z.boolean().default(false),
  source: z.string().max(300).default(''),
  periodType: z.enum(['year']).default('year'),
  /** Months after the end of the period when the value is normally available. */
  lagMonths: z.number().int().min(0).max(36).default(6),
  /** Target values by year ("2025": 1.5). */
  targets: z.record(z.string().regex(/^\d{4}$/), z.number()).default({}),
  targetNote: z.string().max(500).default(''),
  /** CASTED standard value S for monitoring mode: score = min(x/S, 1) x 100 (S/x for negative indicators). */
  standardValue: z.number().positive().nullable().default(null),
  goalposts: z.tuple([z.number(), z.number()]).nullable().default(null),
  fact: ZFactBinding.nullable().default(null),
  /** Validation range: values outside are errors. */
  min: z.number().nullable().default(null),
  max: z.number().nullable().default(null),
  /** Largest accepted relative year-on-year change (0.5 = ±50 %); beyond it the value is flagged for a note. */
  maxYoyChange: z.number().positive().nullable().default(null),
  /** Expert-scored qualitative indicator (定性). */
  qualitative: z.boolean().default(false),
  /** `text`: a free-text indicator (特色指标, at most 200 characters), not scored. */
  valueType: z.enum(['number', 'text']).default('number'),
  /** Optional: the county may leave it empty (e.g. scientific literacy, often only at league level). */
  optional: z.boolean().default(false),
  evidence: z.string().max(1000).default(''),
});
export type IndicatorSpec = z.infer<typeof ZIndicatorSpec>;

export const ZFrameworkNode = z.strictObject({
  code: ZNodeCode,
  /** null only for the root (the index). */
  parentCode: ZNodeCode.nullable(),
  kind: z.enum(NODE_KINDS),
  nameZh: z.string().trim().min(1).max(300),
  nameEn: z.string().trim().max(300).default(''),
  weight: z.number().min(0).max(1000).default(1),
  /** Present for indicators only. */
  spec: ZIndicatorSpec.nullable().default(null),
});
export type FrameworkNode = z.infer<typeof ZFrameworkNode>;

/** Cross-indicator validation rule: value(left) <= value(right) (e.g. part <= whole). */
export const ZValidationRule = z.strictObject({
  code: ZNodeCode,
  kind: z.literal('lte'),
  left: ZNodeCode,
  right: ZNodeCode,
  messageZh: z.string().max(200),
  messageEn: z.string().max(200).default(''),
});

/** How scores become tiers (一类/二类/三类). */
export const ZTierRule = z.union([
  /** Thresholds on the 0-100 score, descending: [80, 60] = >=80 一类, 60-80 二类, <60 三类. */
  z.strictObject({ kind: z.literal('thresholds'), thresholds: z.array(z.number()).min(1).max(5) }),
  /** Counts matched to a distribution by rank: [10, 15, 78]. */
  z.strictObject({ kind: z.literal('counts'), counts: z.array(z.number().int().min(0)).min(2).max(6) }),
]);

export const ZFrameworkSettings = z.strictObject({
  rules: z.array(ZValidationRule).default([]),
  tiers: ZTierRule.default({ kind: 'thresholds', thresholds: [80, 60] }),
  /** Data collection deadline, month-day after the period year (e.g. "06-30" = 30 June of the next year). */
  deadline: z
    .string()
    .regex(/^\d{2}-\d{2}$/)
    .default('06-30'),
});
export type FrameworkSettings = z.infer<typeof ZFrameworkSettings>;

export const ZFrameworkSummary = z.object({
  id: z.number().int(),
  code: z.string(),
  version: z.number().int(),
  nameZh: z.string(),
  nameEn: z.string(),
  description: z.string(),
  status: z.enum(FRAMEWORK_STATUSES),
  /** The shipped default (to be replaced by the official list). */
  isDefault: z.boolean(),
  indicatorCount: z.number().int(),
  createdAt: z.string(),
  activatedAt: z.string().nullable(),
});
export type FrameworkSummary = z.infer<typeof ZFrameworkSummary>;

export const ZFramework = ZFrameworkSummary.extend({
  settings: ZFrameworkSettings,
  /** Depth-first order (root, dimension, its indicators, next dimension …). */
  nodes: z.array(ZFrameworkNode),
});
export type Framework = z.infer<typeof ZFramework>;

/** Replaces a draft's content (PUT /api/monitoring/frameworks/:id). */
export const ZSaveFrameworkRequest = z.strictObject({
  nameZh: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().max(200).default(''),
  description: z.string().max(2000).default(''),
  settings: ZFrameworkSettings,
  nodes: z.array(ZFrameworkNode).min(2).max(500),
});
export type SaveFrameworkRequest = z.infer<typeof ZSaveFrameworkRequest>;

/** GET /api/monitoring/frameworks: every version, newest first within a code. */
export const ZFrameworkList = z.object({ items: z.array(ZFrameworkSummary) });

/** GET /api/monitoring/frameworks/active[?code=]: the active version of a code, or the latest activated of any. */
export const ZActiveFrameworkQuery = z.object({ code: ZNodeCode.optional() });

/**
 * POST /api/monitoring/frameworks/import (raw xlsx/CSV body, one row per node): a new draft, as the next version of
 * `code` when it exists (names default to its latest version's) or as version 1 of a new code (nameZh required).
 */
export const ZImportFrameworkQuery = z.object({
  code: ZNodeCode,
  nameZh: z.string().trim().min(1).max(200).optional(),
  nameEn: z.string().trim().max(200).optional(),
  description: z.string().max(2000).optional(),
  /** Original file name, for the audit row. */
  name: z.string().trim().max(200).optional(),
});
