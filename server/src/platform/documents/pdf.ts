/**
 * PDF renderer: A4 pages laid out with pdfkit, text in Noto Sans SC (a subset of the glyphs used is embedded, so the
 * file needs no font on the reader's side), tables drawn cell by cell with the header repeated after a page break,
 * charts as 216 dpi PNGs, a running header (title, marking) and "第 n 页，共 m 页" on every page.
 */
import PDFDocument from 'pdfkit';
import { renderChartPng, type RenderedChart } from './chart.ts';
import { reportFont } from './fonts.ts';
import {
  assertValidDocument,
  columnAlign,
  columnFractions,
  figureLabel,
  formatCell,
  numberFigures,
  type Block,
  type ReportDocument,
  type TableCell,
} from './model.ts';

type Doc = PDFKit.PDFDocument;
type TableBlock = Extract<Block, { kind: 'table' }>;

const MARGIN = { top: 72, bottom: 68, left: 64, right: 64 };
const SIZE = { body: 10.5, note: 9, cell: 9.5, caption: 10, heading: 14, subheading: 12, title: 20, running: 8 };
const COLOR = { text: '#1f1f1f', muted: '#666666', rule: '#9a9a9a', headerFill: '#eef1f5', marking: '#c62828' };
const CELL_PAD = { x: 4, y: 3.5 };
const A4 = { width: 595.28, height: 841.89 };
const LEFT = MARGIN.left;
const WIDTH = A4.width - MARGIN.left - MARGIN.right;
const BOTTOM = A4.height - MARGIN.bottom;

/** Renders the document to a PDF file. */
export async function renderPdf(model: ReportDocument): Promise<Buffer> {
  assertValidDocument(model);
  const charts = new Map<object, RenderedChart>();
  await Promise.all(
    model.sections
      .flatMap((s) => s.blocks)
      .map(async (b) => {
        if (b.kind === 'chart') charts.set(b, await renderChartPng(b.chart));
      }),
  );

  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    // pdfkit rejects undefined entries in the info dictionary.
    info: {
      Title: model.title,
      Author: model.meta.author,
      CreationDate: model.meta.createdAt,
      ...(model.meta.subject ? { Subject: model.meta.subject } : {}),
      ...(model.meta.keywords ? { Keywords: model.meta.keywords.join(', ') } : {}),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  // pdfkit also takes a parsed fontkit font (its typings list only files and buffers): the fonts are parsed once per
  // process instead of once per document; each document still embeds its own subset.
  doc.registerFont('regular', reportFont('regular') as unknown as Buffer);
  doc.registerFont('bold', reportFont('bold') as unknown as Buffer);

  drawTitle(doc, model);
  const { tables, charts: chartNumbers } = numberFigures(model);
  // A heading stays with what follows it: a few lines, or the whole chart when a chart comes next.
  const keepWith = (next: Block | undefined): number => {
    const chart = next?.kind === 'chart' ? charts.get(next) : undefined;
    if (!chart) return 60;
    return 6 + (chart.height * Math.min(chart.width, WIDTH)) / chart.width + 4 + 2 * SIZE.caption;
  };
  for (const section of model.sections) {
    drawHeading(doc, section.heading, SIZE.heading, 14, keepWith(section.blocks[0]));
    for (const [i, block] of section.blocks.entries()) {
      switch (block.kind) {
        case 'paragraph':
          drawParagraph(doc, block.text, block.tone ?? 'normal');
          break;
        case 'subheading':
          drawHeading(doc, block.text, SIZE.subheading, 8, keepWith(section.blocks[i + 1]));
          break;
        case 'list':
          drawList(doc, block.items);
          break;
        case 'table':
          drawTable(doc, block, tables.get(block) ?? 0);
          break;
        case 'chart': {
          const chart = charts.get(block);
          if (chart) drawChart(doc, chart, figureLabel('chart', chartNumbers.get(block) ?? 0, block.caption));
          break;
        }
      }
    }
  }
  drawRunningHeadersAndFooters(doc, model);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

// The drawing primitives below manage doc.y themselves (pdfkit's flow is used for running text only).

/** Starts a new page unless `height` points still fit on this one. */
function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > BOTTOM) {
    doc.addPage();
    doc.y = MARGIN.top;
  }
}

function gap(doc: Doc, points: number): void {
  doc.y += points;
}

function drawTitle(doc: Doc, model: ReportDocument): void {
  doc.font('bold').fontSize(SIZE.title).fillColor(COLOR.text);
  doc.text(model.title, LEFT, MARGIN.top, { width: WIDTH, align: 'center' });
  gap(doc, 4);
  doc.font('regular').fontSize(SIZE.body).fillColor(COLOR.muted);
  for (const line of model.subtitle ?? []) doc.text(line, LEFT, doc.y, { width: WIDTH, align: 'center' });
  if (model.marking) {
    gap(doc, 6);
    doc.font('bold').fontSize(SIZE.body);
    const w = doc.widthOfString(model.marking) + 16;
    const h = doc.currentLineHeight() + 6;
    const x = LEFT + (WIDTH - w) / 2;
    const y = doc.y;
    doc.lineWidth(1).strokeColor(COLOR.marking).rect(x, y, w, h).stroke();
    doc.fillColor(COLOR.marking).text(model.marking, x, y + 3, { width: w, align: 'center', lineBreak: false });
    doc.y = y + h;
  }
  gap(doc, 10);
  doc
    .lineWidth(0.75)
    .strokeColor(COLOR.rule)
    .moveTo(LEFT, doc.y)
    .lineTo(LEFT + WIDTH, doc.y)
    .stroke();
  gap(doc, 6);
}

function drawHeading(doc: Doc, text: string, size: number, before: number, keepWith: number): void {
  doc.font('bold').fontSize(size);
  // Keep the heading with `keepWith` points of what follows it (capped: a chart taller than a page cannot be kept).
  ensureSpace(doc, before + doc.heightOfString(text, { width: WIDTH }) + Math.min(keepWith, BOTTOM - MARGIN.top - 60));
  gap(doc, before);
  doc.fillColor(COLOR.text).text(text, LEFT, doc.y, { width: WIDTH });
  gap(doc, 4);
}

function drawParagraph(doc: Doc, text: string, tone: 'normal' | 'note' | 'warning'): void {
  const size = tone === 'note' ? SIZE.note : SIZE.body;
  doc
    .font('regular')
    .fontSize(size)
    .fillColor(tone === 'warning' ? COLOR.marking : tone === 'note' ? COLOR.muted : COLOR.text);
  doc.text(text, LEFT, doc.y, {
    width: WIDTH,
    align: 'justify',
    lineGap: 3,
    // Chinese paragraphs start two characters in; notes are set flush.
    indent: tone === 'note' ? 0 : 2 * size,
  });
  gap(doc, 6);
}

function drawList(doc: Doc, items: readonly string[]): void {
  doc.font('regular').fontSize(SIZE.body).fillColor(COLOR.text);
  for (const item of items) {
    const height = doc.heightOfString(item, { width: WIDTH - 14 });
    ensureSpace(doc, height);
    const y = doc.y;
    doc.text('•', LEFT + 2, y, { lineBreak: false });
    doc.text(item, LEFT + 14, y, { width: WIDTH - 14, lineGap: 3 });
    gap(doc, 2);
  }
  gap(doc, 4);
}

function drawTable(doc: Doc, block: TableBlock, number: number): void {
  const widths = columnFractions(block.columns).map((f) => f * WIDTH);
  const aligns = block.columns.map((_c, i) => columnAlign(block, i));
  const header = block.columns.map((c) => c.header);
  const rowHeight = (cells: readonly string[], bold: boolean): number => {
    doc.font(bold ? 'bold' : 'regular').fontSize(SIZE.cell);
    return (
      Math.max(...cells.map((t, i) => doc.heightOfString(t, { width: (widths[i] ?? 0) - 2 * CELL_PAD.x }))) +
      2 * CELL_PAD.y
    );
  };
  const drawRow = (cells: readonly string[], opts: { bold: boolean; fill?: string }): void => {
    const h = rowHeight(cells, opts.bold);
    const y = doc.y;
    let x = LEFT;
    for (const [i, text] of cells.entries()) {
      const w = widths[i] ?? 0;
      if (opts.fill) doc.rect(x, y, w, h).fill(opts.fill);
      doc.lineWidth(0.5).strokeColor(COLOR.rule).rect(x, y, w, h).stroke();
      doc
        .font(opts.bold ? 'bold' : 'regular')
        .fontSize(SIZE.cell)
        .fillColor(COLOR.text)
        .text(text, x + CELL_PAD.x, y + CELL_PAD.y, {
          width: w - 2 * CELL_PAD.x,
          align: opts.fill ? 'center' : (aligns[i] ?? 'left'),
        });
      x += w;
    }
    doc.y = y + h;
  };
  const text = (row: readonly TableCell[]): string[] => row.map(formatCell);

  const caption = figureLabel('table', number, block.caption);
  doc.font('bold').fontSize(SIZE.caption);
  const captionHeight = doc.heightOfString(caption, { width: WIDTH }) + 4;
  const first = block.rows[0] ?? block.footer?.[0];
  // The caption, the header and the first row stay together.
  ensureSpace(doc, 6 + captionHeight + rowHeight(header, true) + (first ? rowHeight(text(first), false) : 0));
  gap(doc, 6);
  doc.fillColor(COLOR.text).text(caption, LEFT, doc.y, { width: WIDTH, align: 'center' });
  gap(doc, 4);
  drawRow(header, { bold: true, fill: COLOR.headerFill });
  const body = [
    ...block.rows.map((r) => ({ cells: text(r), bold: false })),
    ...(block.footer ?? []).map((r) => ({ cells: text(r), bold: true })),
  ];
  for (const row of body) {
    if (doc.y + rowHeight(row.cells, row.bold) > BOTTOM) {
      doc.addPage();
      doc.y = MARGIN.top;
      drawRow(header, { bold: true, fill: COLOR.headerFill });
    }
    drawRow(row.cells, { bold: row.bold });
  }
  doc.x = LEFT;
  gap(doc, 10);
}

function drawChart(doc: Doc, chart: RenderedChart, caption: string): void {
  const width = Math.min(chart.width, WIDTH);
  const height = (chart.height * width) / chart.width;
  doc.font('regular').fontSize(SIZE.caption);
  const captionHeight = doc.heightOfString(caption, { width: WIDTH });
  ensureSpace(doc, 6 + height + 4 + captionHeight);
  gap(doc, 6);
  const y = doc.y;
  doc.image(chart.png, LEFT + (WIDTH - width) / 2, y, { width, height });
  doc.y = y + height + 4;
  doc.fillColor(COLOR.text).text(caption, LEFT, doc.y, { width: WIDTH, align: 'center' });
  gap(doc, 10);
}

/** Writes the running header and the page numbers on every buffered page. */
function drawRunningHeadersAndFooters(doc: Doc, model: ReportDocument): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Text outside the margins would make pdfkit open a new page; lift the bottom margin while writing there.
    const margins = { ...doc.page.margins };
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    const headerY = MARGIN.top - 28;
    doc.font('regular').fontSize(SIZE.running).fillColor(COLOR.muted);
    doc.text(model.title, LEFT, headerY, { width: WIDTH, align: 'left', lineBreak: false });
    if (model.marking)
      doc
        .font('bold')
        .fillColor(COLOR.marking)
        .text(model.marking, LEFT, headerY, { width: WIDTH, align: 'right', lineBreak: false });
    doc
      .lineWidth(0.5)
      .strokeColor(COLOR.rule)
      .moveTo(LEFT, headerY + 13)
      .lineTo(LEFT + WIDTH, headerY + 13)
      .stroke();
    doc
      .font('regular')
      .fillColor(COLOR.muted)
      .text(`第 ${i - range.start + 1} 页，共 ${range.count} 页`, LEFT, doc.page.height - MARGIN.bottom + 24, {
        width: WIDTH,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins = margins;
  }
}
