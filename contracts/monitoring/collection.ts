/**
 * Data collection and approval (数据填报与审核): the entry form of a county-year, values, findings, the workflow,
 * submission lists and completeness, file imports and attachments.
 */
import { z } from 'zod';
import { ZDivisionCode, ZPageQuery, zPage } from '../common.ts';
import { ZRowError } from '../imports.ts';
import { ZFrameworkNode, ZFrameworkSummary, ZNodeCode, ZPeriod, ZValidationRule } from './frameworks.ts';

export * from './checks.ts';

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
  /** Past the deadline and not submitted, or submitted after it (as the review list's 逾期). */
  late: z.boolean(),
  /** The framework's cross-indicator rules, so the console checks them while the officer types. */
  rules: z.array(ZValidationRule),
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
