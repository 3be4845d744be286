/**
 * Front door of platform/documents (报告文档): build a ReportDocument, render it as docx or PDF, send it as a
 * download.
 *
 * The renderers (docx, pdfkit, ECharts, resvg, fontkit: ~50 MB once loaded) are loaded on the first document, not at
 * start-up: most app processes never render one, and the memory of those that do stays for the next.
 */
import type { FastifyReply } from 'fastify';
import { contentDisposition } from '../spreadsheets/export.ts';
import type { RenderedChart } from './chart.ts';
import { DOCUMENT_CONTENT_TYPES, type ChartSpec, type DocumentFormat, type ReportDocument } from './model.ts';

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
export { isReportMapRegistered, registerReportMap, type ReportMapGeometry } from './map-registry.ts';
export type { RenderedChart } from './chart.ts';

/** Renders `doc` as a Word document. */
export async function renderDocx(doc: ReportDocument): Promise<Buffer> {
  return (await import('./docx.ts')).renderDocx(doc);
}

/** Renders `doc` as a PDF. */
export async function renderPdf(doc: ReportDocument): Promise<Buffer> {
  return (await import('./pdf.ts')).renderPdf(doc);
}

/** Renders `doc` in `format`. */
export function renderDocument(format: DocumentFormat, doc: ReportDocument): Promise<Buffer> {
  return format === 'docx' ? renderDocx(doc) : renderPdf(doc);
}

/** A chart as PNG (drawn in the chart worker). */
export async function renderChartPng(spec: ChartSpec): Promise<RenderedChart> {
  return (await import('./chart.ts')).renderChartPng(spec);
}

/** A chart as SVG. */
export async function renderChartSvg(spec: ChartSpec): Promise<string> {
  return (await import('./chart.ts')).renderChartSvg(spec);
}

/** The characters of `text` the report font cannot draw. */
export async function missingGlyphs(text: string): Promise<string[]> {
  return (await import('./fonts.ts')).missingGlyphs(text);
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
