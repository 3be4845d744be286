/**
 * Printable A4 sheets of trace labels (追溯标签): a grid of labels (3 x 8 by default), each with the QR code of the
 * label's URL drawn as vectors, the trace code in large monospace grouped for reading, the product and operator names
 * in Chinese, the batch and certificate numbers when given, and "演示数据" on demo data. Chinese text uses the
 * platform's report font (Noto Sans SC, a subset embedded); the trace code, ASCII, uses the PDF core font
 * Courier-Bold (nothing embedded). Thin dashed cut lines frame each label. No I/O besides reading the font.
 */
import PDFDocument from 'pdfkit';
import { reportFont } from '../../../platform/documents/fonts.ts';
import { qrMatrix } from './qr.ts';

export interface TraceLabel {
  traceCode: string;
  productName: string;
  operatorName: string;
  batchNo?: string;
  /** What the QR code holds: the consumer page or a Digital Link URI. */
  url: string;
  certificateNo?: string;
  /** Marks this label 演示数据 (also set for all labels by the sheet's `demo`). */
  demo?: boolean;
}

export interface LabelSheet {
  title: string;
  labels: TraceLabel[];
  /** Labels across, 1-6. Default 3. */
  columns?: number;
  /** Labels down, 1-12. Default 8. */
  rows?: number;
  demo?: boolean;
}

const A4 = { width: 595.28, height: 841.89 };
const PAGE_MARGIN = { x: 22, top: 34, bottom: 22 };
const PAD = 6;
const MAX_LABELS = 5000;

/**
 * The trace code grouped for reading aloud and typing: its own segments (split at hyphens or spaces) stay whole up
 * to 6 characters (the county code stays one group), longer ones are cut into groups of 4.
 */
export function groupTraceCode(code: string): string {
  return code
    .split(/[\s-]+/)
    .filter(Boolean)
    .flatMap((part) => (part.length <= 6 ? [part] : (part.match(/.{1,4}/g) ?? [])))
    .join(' ');
}

function checkSheet(sheet: LabelSheet): { columns: number; rows: number } {
  const columns = sheet.columns ?? 3;
  const rows = sheet.rows ?? 8;
  if (!Number.isInteger(columns) || columns < 1 || columns > 6)
    throw new RangeError('每行标签数应为 1-6 / columns must be 1-6');
  if (!Number.isInteger(rows) || rows < 1 || rows > 12) throw new RangeError('每列标签数应为 1-12 / rows must be 1-12');
  if (sheet.labels.length === 0) throw new RangeError('没有要打印的标签 / no labels to print');
  if (sheet.labels.length > MAX_LABELS) {
    throw new RangeError(`一次最多打印 ${MAX_LABELS} 个标签 / at most ${MAX_LABELS} labels per sheet`);
  }
  for (const [i, label] of sheet.labels.entries()) {
    if (!label.traceCode || !label.url) {
      throw new RangeError(`第 ${i + 1} 个标签缺少追溯码或网址 / label ${i + 1} has no trace code or URL`);
    }
  }
  return { columns, rows };
}

type Doc = PDFKit.PDFDocument;

/** `text` cut with an ellipsis to fit `width` in the current font. */
function fit(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let s = text;
  while (s.length > 1 && doc.widthOfString(`${s}…`) > width) s = s.slice(0, -1);
  return `${s}…`;
}

/** `text` on at most two lines of `width` (the second cut with an ellipsis). */
function wrapTwo(doc: Doc, text: string, width: number): string[] {
  if (doc.widthOfString(text) <= width) return [text];
  let cut = 1;
  while (cut < text.length && doc.widthOfString(text.slice(0, cut + 1)) <= width) cut++;
  return [text.slice(0, cut), fit(doc, text.slice(cut), width)];
}

function drawQr(doc: Doc, text: string, x: number, y: number, size: number): void {
  const matrix = qrMatrix(text, 'M');
  const n = matrix.length + 4; // 2-module quiet zone on each side
  const m = size / n;
  doc.save().fillColor('#000000');
  matrix.forEach((row, r) =>
    row.forEach((dark, c) => {
      if (dark) doc.rect(x + (c + 2) * m, y + (r + 2) * m, m + 0.01, m + 0.01);
    }),
  );
  doc.fill().restore();
}

function drawLabel(doc: Doc, label: TraceLabel, demo: boolean, x: number, y: number, w: number, h: number): void {
  doc.save().lineWidth(0.4).dash(2, { space: 2 }).strokeColor('#b0b0b0').rect(x, y, w, h).stroke().undash().restore();

  const codeText = groupTraceCode(label.traceCode);
  const codeSize = Math.min(13, (w - 2 * PAD) / (0.6 * codeText.length));
  const codeBand = codeSize + 4;
  const qrSize = Math.min(h - 2 * PAD - codeBand, w * 0.46);
  drawQr(doc, label.url, x + PAD - 2, y + PAD - 2, qrSize);

  const tx = x + PAD + qrSize + 2;
  const tw = x + w - PAD - tx;
  let ty = y + PAD;
  doc.font('bold').fontSize(10).fillColor('#1f1f1f');
  doc.text(fit(doc, label.productName, tw), tx, ty, { lineBreak: false });
  ty += 14;
  doc.font('regular').fontSize(7.5).fillColor('#333333');
  const lines = [
    ...wrapTwo(doc, label.operatorName, tw),
    label.batchNo ? `批次 ${label.batchNo}` : null,
    label.certificateNo ? `合格证 ${label.certificateNo}` : null,
  ].filter((l): l is string => Boolean(l));
  const isDemo = demo || label.demo === true;
  const textBottom = y + PAD + qrSize - (isDemo ? 11 : 0);
  for (const line of lines) {
    if (ty + 10 > textBottom) break;
    doc.text(fit(doc, line, tw), tx, ty, { lineBreak: false });
    ty += 10.5;
  }
  if (isDemo) {
    doc.font('bold').fontSize(8).fillColor('#c62828');
    doc.text('演示数据', tx, y + PAD + qrSize - 10, { lineBreak: false });
  }

  doc.font('Courier-Bold').fontSize(codeSize).fillColor('#000000');
  doc.text(codeText, x + PAD, y + h - PAD - codeSize, { width: w - 2 * PAD, align: 'center', lineBreak: false });
}

/** Renders the label sheet as an A4 PDF (as many pages as the labels need). */
export async function renderLabelSheetPdf(sheet: LabelSheet): Promise<Buffer> {
  const { columns, rows } = checkSheet(sheet);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    lang: 'zh-CN',
    info: { Title: sheet.title, Creator: 'Qixian trace' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // pdfkit accepts a parsed fontkit font where its types say Buffer (the report renderer does the same).
  doc.registerFont('regular', reportFont('regular') as unknown as Buffer);
  doc.registerFont('bold', reportFont('bold') as unknown as Buffer);

  const perPage = columns * rows;
  const pages = Math.ceil(sheet.labels.length / perPage);
  const w = (A4.width - 2 * PAGE_MARGIN.x) / columns;
  const h = (A4.height - PAGE_MARGIN.top - PAGE_MARGIN.bottom) / rows;
  for (let p = 0; p < pages; p++) {
    doc.addPage();
    doc.font('regular').fontSize(8).fillColor('#666666');
    const header = `${sheet.title}${sheet.demo ? '（演示数据）' : ''}`;
    doc.text(fit(doc, header, A4.width - 2 * PAGE_MARGIN.x - 80), PAGE_MARGIN.x, 14, { lineBreak: false });
    doc.text(`第 ${p + 1} 页，共 ${pages} 页`, A4.width - PAGE_MARGIN.x - 80, 14, {
      width: 80,
      align: 'right',
      lineBreak: false,
    });
    sheet.labels.slice(p * perPage, (p + 1) * perPage).forEach((label, i) => {
      const x = PAGE_MARGIN.x + (i % columns) * w;
      const y = PAGE_MARGIN.top + Math.floor(i / columns) * h;
      drawLabel(doc, label, sheet.demo ?? false, x, y, w, h);
    });
  }
  doc.end();
  return done;
}
