/**
 * Front door of platform/documents (报告文档): build a ReportDocument, render it as docx or PDF, send it as a
 * download.
 */
import type { FastifyReply } from 'fastify';
import { contentDisposition } from '../spreadsheets/export.ts';
import { renderDocx } from './docx.ts';
import { DOCUMENT_CONTENT_TYPES, type DocumentFormat, type ReportDocument } from './model.ts';
import { renderPdf } from './pdf.ts';

export type {
  Block,
  ChartSeries,
  ChartSpec,
  DocumentFormat,
  ReportDocument,
  Section,
  TableCell,
  TableColumn,
} from './model.ts';
export { DOCUMENT_CONTENT_TYPES, DOCUMENT_FORMATS } from './model.ts';
export { renderDocx } from './docx.ts';
export { renderPdf } from './pdf.ts';
export {
  isReportMapRegistered,
  registerReportMap,
  renderChartPng,
  renderChartSvg,
  type ReportMapGeometry,
} from './chart.ts';
export { missingGlyphs } from './fonts.ts';

/** Renders `doc` in `format`. */
export function renderDocument(format: DocumentFormat, doc: ReportDocument): Promise<Buffer> {
  return format === 'docx' ? renderDocx(doc) : renderPdf(doc);
}

/**
 * Sends a rendered document as an attachment: content type, RFC 6266 Content-Disposition with the Chinese name as
 * filename* and an ASCII fallback. `baseName` and `asciiBaseName` come without the extension.
 */
export function sendDocument(
  reply: FastifyReply,
  opts: { format: DocumentFormat; buffer: Buffer; baseName: string; asciiBaseName: string },
): FastifyReply {
  return reply
    .type(DOCUMENT_CONTENT_TYPES[opts.format])
    .header(
      'content-disposition',
      contentDisposition(`${opts.baseName}.${opts.format}`, `${opts.asciiBaseName}.${opts.format}`),
    )
    .send(opts.buffer);
}
