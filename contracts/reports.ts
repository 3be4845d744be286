import { z } from 'zod';
import { ZDivisionCode } from './common.ts';

export const REPORT_FORMATS = ['docx', 'pdf'] as const;

/** `GET /api/reports/region-overview.{docx,pdf}` */
export const ZRegionOverviewQuery = z.object({
  /** The division the report is about; defaults to the caller's own division. */
  division: ZDivisionCode.optional(),
});

/** A downloaded report (docx or PDF bytes); documented as a binary body. */
export const ZReportDownload = z.unknown().describe('file: docx or PDF bytes');
