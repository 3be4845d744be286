/**
 * Word (.docx) renderer with the npm `docx` package: A4, real Word styles (Title, Heading 1/2, Caption) so the
 * reader's navigation pane and table of contents work, tables with a repeating header row, charts as PNG pictures
 * with alternative text, the marking in every page header and "第 n 页，共 m 页" in the footer.
 *
 * Fonts are named, not embedded: 宋体 for text and 黑体 for headings, present wherever Word or WPS reads Chinese
 * (other readers substitute their CJK font). Charts are pictures, so their labels need no font at all.
 */
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell as DocxTableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { renderChartPng, type RenderedChart } from './chart.ts';
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

type TableBlock = Extract<Block, { kind: 'table' }>;

/** A4 in twentieths of a point, and margins of 2.3 cm. */
const PAGE = { width: 11906, height: 16838, margin: 1304 };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体' };
const HEADING_FONT = { ascii: 'Arial', hAnsi: 'Arial', eastAsia: '黑体' };
const MARKING_COLOR = 'C62828';
const MUTED_COLOR = '666666';
/** Half-points: 10.5 pt (五号) body, 9 pt notes and cells. */
const SIZE = { body: 21, small: 18, caption: 20, h1: 28, h2: 24, title: 40 };
/** docx sizes pictures in pixels at 96 per inch; the model in points (72 per inch). */
const PX_PER_PT = 96 / 72;

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

/** Renders the document to a .docx file. */
export async function renderDocx(model: ReportDocument): Promise<Buffer> {
  assertValidDocument(model);
  const charts = new Map<object, RenderedChart>();
  await Promise.all(
    model.sections
      .flatMap((s) => s.blocks)
      .map(async (b) => {
        if (b.kind === 'chart') charts.set(b, await renderChartPng(b.chart));
      }),
  );
  const { tables, charts: chartNumbers } = numberFigures(model);

  const children: (Paragraph | Table)[] = [...titleBlock(model)];
  for (const section of model.sections) {
    children.push(new Paragraph({ text: section.heading, heading: HeadingLevel.HEADING_1, keepNext: true }));
    for (const block of section.blocks) {
      switch (block.kind) {
        case 'paragraph':
          children.push(paragraph(block.text, block.tone ?? 'normal'));
          break;
        case 'subheading':
          children.push(new Paragraph({ text: block.text, heading: HeadingLevel.HEADING_2, keepNext: true }));
          break;
        case 'list':
          for (const item of block.items) children.push(new Paragraph({ text: item, bullet: { level: 0 } }));
          break;
        case 'table':
          children.push(...table(block, tables.get(block) ?? 0));
          break;
        case 'chart': {
          const chart = charts.get(block);
          if (chart) children.push(...picture(chart, chartNumbers.get(block) ?? 0, block.caption));
          break;
        }
      }
    }
  }

  const doc = new Document({
    title: model.title,
    subject: model.meta.subject,
    creator: model.meta.author,
    keywords: model.meta.keywords?.join(', '),
    styles: {
      default: {
        // lineRule must be explicit: LibreOffice reads a bare w:line as an exact height and clips pictures to it.
        document: {
          run: { font: BODY_FONT, size: SIZE.body },
          paragraph: { spacing: { line: 360, lineRule: LineRuleType.AUTO, after: 120 } },
        },
        title: {
          run: { font: HEADING_FONT, size: SIZE.title, bold: true, color: '000000' },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 120 } },
        },
        heading1: {
          run: { font: HEADING_FONT, size: SIZE.h1, bold: true, color: '000000' },
          paragraph: { spacing: { before: 360, after: 120 } },
        },
        heading2: {
          run: { font: HEADING_FONT, size: SIZE.h2, bold: true, color: '000000' },
          paragraph: { spacing: { before: 240, after: 80 } },
        },
        caption: {
          run: { font: BODY_FONT, size: SIZE.caption, bold: true, italics: false, color: '000000' },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { before: 120, after: 120 } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: 1440, bottom: 1440, left: PAGE.margin, right: PAGE.margin },
          },
        },
        headers: { default: runningHeader(model) },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    size: SIZE.small,
                    color: MUTED_COLOR,
                    children: ['第 ', PageNumber.CURRENT, ' 页，共 ', PageNumber.TOTAL_PAGES, ' 页'],
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function titleBlock(model: ReportDocument): Paragraph[] {
  const out = [new Paragraph({ text: model.title, heading: HeadingLevel.TITLE })];
  for (const line of model.subtitle ?? [])
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 0 },
        children: [new TextRun({ text: line, color: MUTED_COLOR })],
      }),
    );
  if (model.marking)
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 120 },
        children: [new TextRun({ text: `【${model.marking}】`, bold: true, color: MARKING_COLOR })],
      }),
    );
  return out;
}

function runningHeader(model: ReportDocument): Header {
  const runs = [new TextRun({ text: model.title, size: SIZE.small, color: MUTED_COLOR })];
  if (model.marking)
    runs.push(new TextRun({ text: `\t${model.marking}`, size: SIZE.small, bold: true, color: MARKING_COLOR }));
  return new Header({
    children: [
      new Paragraph({
        children: runs,
        tabStops: [{ type: 'right', position: CONTENT_WIDTH }],
        border: { bottom: { style: 'single', size: 4, color: '9A9A9A', space: 1 } },
      }),
    ],
  });
}

function paragraph(text: string, tone: 'normal' | 'note' | 'warning'): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    // Chinese paragraphs start two characters in; notes are set flush.
    indent: tone === 'note' ? undefined : { firstLineChars: 200, firstLine: 2 * SIZE.body * 10 },
    children: [
      new TextRun({
        text,
        size: tone === 'note' ? SIZE.small : SIZE.body,
        color: tone === 'warning' ? MARKING_COLOR : tone === 'note' ? MUTED_COLOR : undefined,
      }),
    ],
  });
}

function table(block: TableBlock, number: number): (Paragraph | Table)[] {
  const widths = columnFractions(block.columns).map((f) => Math.floor(f * CONTENT_WIDTH));
  const aligns = block.columns.map((_c, i) => columnAlign(block, i));
  const cell = (text: string, i: number, opts: { header: boolean; bold: boolean }): DocxTableCell =>
    new DocxTableCell({
      width: { size: widths[i] ?? 0, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      shading: opts.header ? { type: ShadingType.CLEAR, fill: 'EEF1F5', color: 'auto' } : undefined,
      children: [
        new Paragraph({
          alignment: opts.header ? AlignmentType.CENTER : ALIGN[aligns[i] ?? 'left'],
          spacing: { line: 276, lineRule: LineRuleType.AUTO, after: 0 },
          children: [new TextRun({ text, bold: opts.bold, size: SIZE.small })],
        }),
      ],
    });
  const row = (cells: readonly TableCell[], opts: { bold: boolean }): TableRow =>
    new TableRow({
      cantSplit: true,
      children: cells.map((c, i) => cell(formatCell(c), i, { header: false, bold: opts.bold })),
    });
  return [
    new Paragraph({ text: figureLabel('table', number, block.caption), style: 'Caption', keepNext: true }),
    new Table({
      width: { size: CONTENT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      rows: [
        new TableRow({
          tableHeader: true,
          cantSplit: true,
          children: block.columns.map((c, i) => cell(c.header, i, { header: true, bold: true })),
        }),
        ...block.rows.map((r) => row(r, { bold: false })),
        ...(block.footer ?? []).map((r) => row(r, { bold: true })),
      ],
    }),
    new Paragraph({ text: '', spacing: { after: 120 } }),
  ];
}

function picture(chart: RenderedChart, number: number, caption: string): Paragraph[] {
  const maxWidthPt = CONTENT_WIDTH / 20;
  const widthPt = Math.min(chart.width, maxWidthPt);
  const heightPt = (chart.height * widthPt) / chart.width;
  const label = figureLabel('chart', number, caption);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { before: 120, line: 240, lineRule: LineRuleType.AUTO },
      children: [
        new ImageRun({
          type: 'png',
          data: chart.png,
          transformation: { width: Math.round(widthPt * PX_PER_PT), height: Math.round(heightPt * PX_PER_PT) },
          altText: { name: `图 ${number}`, title: caption, description: label },
        }),
      ],
    }),
    new Paragraph({ text: label, style: 'Caption' }),
  ];
}
