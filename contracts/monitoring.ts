/**
 * 县域创新能力监测和评价 (county innovation monitoring): shared shapes of frameworks, data collection and results.
 * Backend (server/src/modules/monitoring) and console (web/src/console/modules/monitoring) both read these.
 */
import { z } from 'zod';
import { ZDivisionCode, ZPageQuery, zPage } from './common.ts';
import { ZRowError } from './imports.ts';

// ---------------------------------------------------------------------------------------------------------------
// Frameworks (指标体系)
// ---------------------------------------------------------------------------------------------------------------

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
  deadline: z.string().regex(/^\d{2}-\d{2}$/).default('06-30'),
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

// ---------------------------------------------------------------------------------------------------------------
// Data collection (数据填报与审核)
// ---------------------------------------------------------------------------------------------------------------

export const VALUE_FLAGS = ['estimated', 'imputed', 'carried_forward', 'provisional', 'outlier'] as const;
export type ValueFlag = (typeof VALUE_FLAGS)[number];
export const SUBMISSION_STATUSES = ['draft', 'submitted', 'league_approved', 'approved', 'returned'] as const;
export type SubmissionStatusDto = (typeof SUBMISSION_STATUSES)[number];

export const ZFormParams = z.object({ division: ZDivisionCode, period: ZPeriod });

export const ZValue = z.object({
  indicatorCode: z.string(),
  value: z.number().nullable(),
  textValue: z.string().nullable(),
  source: z.string(),
  note: z.string(),
  flags: z.array(z.enum(VALUE_FLAGS)),
  version: z.number().int(),
  updatedAt: z.string(),
  reporterName: z.string().nullable(),
});
export type Value = z.infer<typeof ZValue>;

/** A validation finding on a form: errors block submission, warnings need a note. */
export const ZFinding = z.object({
  indicatorCode: z.string().nullable(),
  severity: z.enum(['error', 'warning']),
  /** range | rule | missing | yoy | outlier | text_length */
  kind: z.string(),
  message: z.string(),
  messageEn: z.string(),
  /** Warnings only: the value carries a note explaining it, so the warning no longer blocks submission. */
  explained: z.boolean().optional(),
});
export type Finding = z.infer<typeof ZFinding>;

export const ZSubmissionEvent = z.object({
  action: z.enum(['submit', 'return', 'approve', 'unlock']),
  fromStatus: z.enum(SUBMISSION_STATUSES),
  toStatus: z.enum(SUBMISSION_STATUSES),
  comment: z.string(),
  actorName: z.string().nullable(),
  at: z.string(),
});

export const ZAttachment = z.object({
  id: z.number().int(),
  indicatorCode: z.string().nullable(),
  fileName: z.string(),
  mime: z.string(),
  bytes: z.number().int(),
  createdAt: z.string(),
});

/** The entry form of one county and year (GET /api/monitoring/forms/:division/:period). */
export const ZForm = z.object({
  divisionCode: z.string(),
  divisionName: z.string(),
  period: z.number().int(),
  framework: ZFrameworkSummary,
  /** The framework's indicators in order (with their dimension code as parentCode). */
  indicators: z.array(ZFrameworkNode),
  dimensions: z.array(ZFrameworkNode),
  values: z.array(ZValue),
  /** Last year's values, for the year-on-year column. */
  previous: z.array(z.object({ indicatorCode: z.string(), value: z.number().nullable() })),
  /** not_started: no value saved yet (no submission row). */
  status: z.enum(SUBMISSION_STATUSES).or(z.literal('not_started')),
  /** The caller may edit values now (status draft/returned and monitoring:enter within scope). */
  editable: z.boolean(),
  /** Actions open to the caller now. */
  actions: z.array(z.enum(['submit', 'return', 'approve', 'unlock'])),
  findings: z.array(ZFinding),
  events: z.array(ZSubmissionEvent),
  attachments: z.array(ZAttachment),
  /** Filled numeric indicators / numeric indicators that are not optional. */
  completeness: z.number(),
  deadline: z.string(),
});
export type Form = z.infer<typeof ZForm>;

export const ZValueInput = z.strictObject({
  indicatorCode: ZNodeCode,
  value: z.number().finite().nullable().default(null),
  textValue: z.string().max(200, { message: '文本不超过 200 字 / at most 200 characters' }).nullable().default(null),
  source: z.string().trim().max(300).default(''),
  note: z.string().trim().max(1000).default(''),
  flags: z.array(z.enum(['estimated', 'carried_forward'])).default([]),
});

/** PUT /api/monitoring/forms/:division/:period/values: saves the given cells (others unchanged). */
export const ZSaveValuesRequest = z.strictObject({ values: z.array(ZValueInput).min(1).max(500) });

/** POST …/submit | approve: optional comment; return | unlock: comment required. */
export const ZWorkflowRequest = z.strictObject({ comment: z.string().trim().max(1000).default('') });

export const ZSubmissionRow = z.object({
  divisionCode: z.string(),
  divisionName: z.string(),
  leagueCode: z.string(),
  leagueName: z.string(),
  period: z.number().int(),
  status: z.enum(SUBMISSION_STATUSES).or(z.literal('not_started')),
  completeness: z.number(),
  findings: z.number().int(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  /** Submitted after the deadline, or not yet submitted and the deadline passed. */
  late: z.boolean(),
  updatedAt: z.string().nullable(),
});
export const ZListSubmissionsQuery = ZPageQuery.extend({
  period: ZPeriod,
  division: ZDivisionCode.optional(),
  status: z.enum([...SUBMISSION_STATUSES, 'not_started']).optional(),
  /** Only what waits for the caller's action. */
  mine: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(50).optional(),
});
export const ZSubmissionPage = zPage(ZSubmissionRow);

/** GET /api/monitoring/completeness?period=: completeness and timeliness (填报进度). */
export const ZCompleteness = z.object({
  period: z.number().int(),
  deadline: z.string(),
  counties: z.number().int(),
  byStatus: z.record(z.string(), z.number().int()),
  onTime: z.number().int(),
  late: z.number().int(),
  /** Mean completeness of all county forms, 0-1. */
  completeness: z.number(),
  leagues: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      counties: z.number().int(),
      byStatus: z.record(z.string(), z.number().int()),
      completeness: z.number(),
      late: z.number().int(),
    }),
  ),
});

/** POST …/forms/:division/:period/import: xlsx/CSV of one county-year, all rows or none (200 saved, 422 failed). */
export const ZValuesImportReport = z.object({
  status: z.enum(['saved', 'failed']),
  fileName: z.string(),
  format: z.enum(['xlsx', 'csv']).nullable(),
  /** Data rows read (empty rows skipped). */
  rowCount: z.number().int(),
  /** Indicator codes whose value changed. */
  changed: z.array(z.string()),
  errors: z.array(ZRowError),
});
export type ValuesImportReport = z.infer<typeof ZValuesImportReport>;

export const ZFileNameQuery = z.object({ name: z.string().trim().max(200).optional() });

/** POST /api/monitoring/values/import.csv (统计年鉴批量导入): `approve=true` also approves the county-years loaded. */
export const ZBulkImportQuery = z.object({
  name: z.string().trim().max(200).optional(),
  approve: z.enum(['true', 'false']).default('false'),
});

export const ZBulkImportReport = z.object({
  status: z.enum(['saved', 'failed']),
  fileName: z.string(),
  encoding: z.string().nullable(),
  rowCount: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** County-years touched (and approved when asked). */
  countyYears: z.number().int(),
  approved: z.number().int(),
  errorCount: z.number().int(),
  errors: z.array(ZRowError),
  errorsTruncated: z.boolean(),
});
export type BulkImportReport = z.infer<typeof ZBulkImportReport>;

/** POST …/attachments: raw file bytes, `?name=` the file name, `?indicator=` optionally the indicator it supports. */
export const ZAttachmentUploadQuery = z.object({
  name: z.string().trim().min(1).max(200),
  indicator: ZNodeCode.optional(),
});

// ---------------------------------------------------------------------------------------------------------------
// Runs and results (测算与结果)
// ---------------------------------------------------------------------------------------------------------------

export const RUN_MODES = ['monitoring', 'ranking'] as const;
export const RUN_STATUSES = ['queued', 'running', 'done', 'failed'] as const;

export const ZCreateRunRequest = z.strictObject({
  period: ZPeriod,
  mode: z.enum(RUN_MODES),
  title: z.string().trim().max(200).optional(),
  /** Defaults to the active framework. */
  frameworkId: z.number().int().positive().optional(),
  weights: z.enum(['framework', 'equal', 'entropy']).default('framework'),
  aggregation: z.enum(['arithmetic', 'geometric']).default('arithmetic'),
  /** Monte Carlo replications for rank intervals (0 = none). */
  replications: z.number().int().min(0).max(2000).default(500),
  /** Use values not yet approved and live provisional values (result marked provisional, cannot be published). */
  includeUnapproved: z.boolean().default(false),
});

export const ZRunSummary = z.object({
  id: z.number().int(),
  frameworkId: z.number().int(),
  frameworkCode: z.string(),
  frameworkVersion: z.number().int(),
  period: z.number().int(),
  mode: z.enum(RUN_MODES),
  title: z.string(),
  status: z.enum(RUN_STATUSES),
  progress: z.number().int(),
  error: z.string().nullable(),
  provisional: z.boolean(),
  isDemo: z.boolean(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export type RunSummary = z.infer<typeof ZRunSummary>;

export const TIERS = [1, 2, 3, 4, 5, 6] as const;

export const ZCountyResult = z.object({
  code: z.string(),
  name: z.string(),
  leagueCode: z.string(),
  leagueName: z.string(),
  /** County functional type (county_attribute), for peer groups. */
  countyType: z.string().nullable(),
  score: z.number().nullable(),
  rank: z.number().int().nullable(),
  /** 5-95 % rank interval and median from the Monte Carlo analysis (null without replications). */
  rankLow: z.number().nullable(),
  rankHigh: z.number().nullable(),
  rankMedian: z.number().nullable(),
  /** 1 = 一类 … */
  tier: z.number().int().nullable(),
  /** Previous published run of the same framework code and mode, one period earlier. */
  previousRank: z.number().int().nullable(),
  previousScore: z.number().nullable(),
  previousTier: z.number().int().nullable(),
  rankInLeague: z.number().int().nullable(),
  rankInType: z.number().int().nullable(),
  /** Dimension code -> score. */
  dimensions: z.record(z.string(), z.number().nullable()),
  /** Indicator code -> normalised score. */
  indicators: z.record(z.string(), z.number().nullable()),
  /** Indicator code -> raw value as used (after density/denomination). */
  raw: z.record(z.string(), z.number().nullable()),
  /** Indicator codes whose value was imputed or provisional. */
  imputed: z.array(z.string()),
});
export type CountyResult = z.infer<typeof ZCountyResult>;

export const ZRunResult = z.object({
  run: ZRunSummary,
  framework: ZFramework,
  counties: z.array(ZCountyResult),
  /** Effective weights and statistics. */
  statistics: z.object({
    cronbachAlpha: z.record(z.string(), z.number().nullable()),
    /** Indicator code -> Pearson correlation with the index. */
    correlationWithIndex: z.record(z.string(), z.number().nullable()),
    /** Indicator code -> share of the 103 with data. */
    availability: z.record(z.string(), z.number()),
    /** Indicator code -> mean rank shift when removed. */
    removalImpact: z.record(z.string(), z.number()),
    /** Factor -> first-order and total sensitivity indices (when computed). */
    sensitivity: z.array(z.object({ factor: z.string(), first: z.number(), total: z.number() })),
    tierCounts: z.record(z.string(), z.number().int()),
  }),
  /** The engine's parameter log (stages and what each found). */
  log: z.array(z.unknown()),
});
export type RunResult = z.infer<typeof ZRunResult>;

export const ZListRunsQuery = ZPageQuery.extend({
  period: ZPeriod.optional(),
  published: z.enum(['true', 'false']).optional(),
});
export const ZRunPage = zPage(ZRunSummary);

/** Per-county diagnosis (查找差距): GET /api/monitoring/runs/:id/counties/:code. */
export const ZCountyDiagnosis = z.object({
  run: ZRunSummary,
  county: ZCountyResult,
  /** Published scores of the same framework code and mode over the years. */
  trend: z.array(
    z.object({
      period: z.number().int(),
      runId: z.number().int(),
      score: z.number().nullable(),
      rank: z.number().int().nullable(),
      tier: z.number().int().nullable(),
    }),
  ),
  strengths: z.array(
    z.object({ indicatorCode: z.string(), nameZh: z.string(), score: z.number(), peerMean: z.number(), gap: z.number() }),
  ),
  weaknesses: z.array(
    z.object({ indicatorCode: z.string(), nameZh: z.string(), score: z.number(), peerMean: z.number(), gap: z.number() }),
  ),
  peerGroup: z.enum(['type', 'league', 'neighbours', 'all']),
  peers: z.array(z.object({ code: z.string(), name: z.string(), score: z.number().nullable(), rank: z.number().nullable() })),
  targets: z.array(
    z.object({
      indicatorCode: z.string(),
      nameZh: z.string(),
      unit: z.string(),
      year: z.number().int(),
      target: z.number(),
      current: z.number().nullable(),
      /** Share of the target reached (0-1+). */
      reached: z.number().nullable(),
      /** Years to reach the target at the current linear trend (null: no data, 0: reached, Infinity as null + note). */
      yearsToTarget: z.number().nullable(),
      note: z.string(),
    }),
  ),
  improvements: z.array(
    z.object({
      indicatorCode: z.string(),
      nameZh: z.string(),
      /** Raw-value change simulated (e.g. +10 % or to the peer median). */
      step: z.string(),
      scoreGain: z.number(),
      newRank: z.number().int().nullable(),
      rankGain: z.number().int(),
    }),
  ),
});
export type CountyDiagnosis = z.infer<typeof ZCountyDiagnosis>;
export const ZDiagnosisQuery = z.object({ peers: z.enum(['type', 'league', 'neighbours', 'all']).default('type') });

/** Public published results (门户): GET /api/public/monitoring/results[?period=&mode=]. */
export const ZPublishedResultsQuery = z.object({
  /** Default: the latest period with a published run. */
  period: ZPeriod.optional(),
  /** Default: the latest published run of the period, whatever its mode. */
  mode: z.enum(RUN_MODES).optional(),
});
export const ZPublishedResults = z.object({
  run: ZRunSummary.nullable(),
  periods: z.array(z.number().int()),
  counties: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      leagueName: z.string(),
      score: z.number().nullable(),
      rank: z.number().int().nullable(),
      rankLow: z.number().nullable(),
      rankHigh: z.number().nullable(),
      tier: z.number().int().nullable(),
      rankChange: z.number().int().nullable(),
    }),
  ),
});

// ---------------------------------------------------------------------------------------------------------------
// Jobs (后台任务): report generation with progress
// ---------------------------------------------------------------------------------------------------------------

export const ZJob = z.object({
  id: z.number().int(),
  kind: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.number().int(),
  message: z.string(),
  error: z.string().nullable(),
  fileName: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type Job = z.infer<typeof ZJob>;
/** GET /api/jobs: the caller's recent jobs, newest first. */
export const ZJobList = z.object({ items: z.array(ZJob) });

/** POST /api/monitoring/runs/:id/reports: a region report or a county diagnostic report, as a job. */
export const ZCreateReportRequest = z.strictObject({
  kind: z.enum(['region', 'county']),
  division: ZDivisionCode.optional(),
  format: z.enum(['docx', 'pdf']),
});
