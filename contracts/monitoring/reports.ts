/** Background jobs (后台任务) with progress, and the monitoring reports requested as jobs. */
import { z } from 'zod';
import { ZDivisionCode } from '../common.ts';

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
