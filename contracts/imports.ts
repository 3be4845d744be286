import { z } from 'zod';

export const IMPORT_STATUSES = ['parsing', 'validated', 'failed', 'committed', 'expired'] as const;

export const ZRowError = z.object({
  row: z.number().int(),
  column: z.string(),
  message: z.string(),
  messageEn: z.string().optional(),
});
export type RowErrorDto = z.infer<typeof ZRowError>;

/** A pending or finished import with its row-level report. */
export const ZImportJob = z.object({
  id: z.number().int(),
  kind: z.string(),
  status: z.enum(IMPORT_STATUSES),
  fileName: z.string(),
  format: z.enum(['xlsx', 'csv']).nullable(),
  encoding: z.string().nullable(),
  rowCount: z.number().int(),
  errorCount: z.number().int(),
  /** 0-100. */
  progress: z.number().int(),
  errors: z.array(ZRowError),
  /** More errors exist than the report keeps. */
  errorsTruncated: z.boolean(),
  createdAt: z.string(),
  committedAt: z.string().nullable(),
});
export type ImportJob = z.infer<typeof ZImportJob>;

export const ZUploadQuery = z.object({
  /** Original file name, for the report. */
  name: z.string().trim().max(200).optional(),
  /** `false`: answer 202 at once and let the client poll GET /api/imports/{id} for progress. */
  wait: z.enum(['true', 'false']).default('true'),
});

/** A downloaded file (xlsx or CSV bytes); documented as a binary body. */
export const ZFileDownload = z.unknown().describe('file: xlsx or CSV bytes');
