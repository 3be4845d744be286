/**
 * The report document model (报告文档模型): a title, a marking, and sections of paragraphs, tables and charts. Use
 * cases build one of these from their data; the docx and PDF renderers turn the same model into files, so a report
 * is written once and offered in both formats. Pure data, no I/O.
 */

/** A table cell: text, a number (formatted with digit grouping), or nothing (shown as an em dash). */
export type TableCell = string | number | null;

export interface TableColumn {
  header: string;
  /** Default: right for columns whose first non-empty cell is a number, else left. */
  align?: 'left' | 'center' | 'right';
  /** Relative width (default 1). */
  width?: number;
}

export interface ChartSeries {
  name: string;
  /** One value per category. */
  values: readonly number[];
}

/**
 * What to draw, not how: the chart helper turns it into an ECharts option. Sizes are in points (1/72 inch) on the
 * page; the drawing is rasterised at a higher density for print.
 */
export interface ChartSpec {
  /**
   * `radar`: one axis per category, one polygon per series. `map`: a choropleth of the map registered as `map`
   * (`registerReportMap`); the categories are feature ids, coloured by the first series on a continuous scale.
   */
  type: 'bar' | 'line' | 'pie' | 'radar' | 'map';
  categories: readonly string[];
  /** `pie` and `map` draw the first series only. */
  series: readonly ChartSeries[];
  /** `radar`: the common maximum of the axes (default: the largest value). */
  max?: number;
  /** `map`: the registered map's name. Features without a value are drawn grey. */
  map?: string;
  /** `map`: the colour scale's ends (default: the values' minimum and maximum). */
  range?: readonly [number, number];
  /** Bars/lines of all series stacked (bar and line). */
  stacked?: boolean;
  /** Bars run left to right with the categories down the side (long names read better). */
  horizontal?: boolean;
  /** Unit of the values, shown with the value axis (e.g. 个). */
  unit?: string;
  /** Default 480 x 300 points. */
  width?: number;
  height?: number;
}

export type Block =
  | { kind: 'paragraph'; text: string; tone?: 'normal' | 'note' | 'warning' }
  /** A heading one level below the section heading. */
  | { kind: 'subheading'; text: string }
  | { kind: 'list'; items: readonly string[] }
  /** Tables are numbered 表 1, 表 2 … with the caption above; `footer` rows (totals) are set in bold. */
  | {
      kind: 'table';
      caption: string;
      columns: readonly TableColumn[];
      rows: readonly (readonly TableCell[])[];
      footer?: readonly (readonly TableCell[])[];
    }
  /** Charts are numbered 图 1, 图 2 … with the caption below; the caption is also the image's alternative text. */
  | { kind: 'chart'; caption: string; chart: ChartSpec };

export interface Section {
  heading: string;
  blocks: readonly Block[];
}

export interface ReportDocument {
  title: string;
  /** Short lines under the title (division, generation date …). */
  subtitle?: readonly string[];
  /** A marking repeated in every page header and under the title, e.g. 演示数据. */
  marking?: string;
  sections: readonly Section[];
  /** Document properties written into the file. */
  meta: { author: string; subject?: string; keywords?: readonly string[]; createdAt: Date };
}

export const DOCUMENT_FORMATS = ['docx', 'pdf'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

export const DOCUMENT_CONTENT_TYPES: Record<DocumentFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

export const DEFAULT_CHART_SIZE = { width: 480, height: 300 } as const;

const NUMBER_FORMAT = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });

/** The text of a table cell as both renderers print it. */
export function formatCell(cell: TableCell): string {
  if (cell === null) return '—';
  return typeof cell === 'number' ? NUMBER_FORMAT.format(cell) : cell;
}

/** The alignment of column `index`: declared, else right for numbers. */
export function columnAlign(
  table: { columns: readonly TableColumn[]; rows: readonly (readonly TableCell[])[] },
  index: number,
): 'left' | 'center' | 'right' {
  const declared = table.columns[index]?.align;
  if (declared) return declared;
  const first = table.rows.map((r) => r[index]).find((c) => c !== null && c !== undefined);
  return typeof first === 'number' ? 'right' : 'left';
}

/** Relative column widths normalised to sum 1. */
export function columnFractions(columns: readonly TableColumn[]): number[] {
  const weights = columns.map((c) => (c.width !== undefined && c.width > 0 ? c.width : 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / sum);
}

/**
 * Throws on a malformed document (a programming error, not user input): ragged tables, series of the wrong length,
 * non-finite values, empty headings.
 */
export function assertValidDocument(doc: ReportDocument): void {
  const fail = (msg: string): never => {
    throw new Error(`Invalid report document "${doc.title}": ${msg}`);
  };
  if (!doc.title.trim()) fail('empty title');
  for (const [s, section] of doc.sections.entries()) {
    if (!section.heading.trim()) fail(`section ${s + 1} has no heading`);
    for (const block of section.blocks) {
      switch (block.kind) {
        case 'paragraph':
        case 'subheading':
        case 'list':
          break;
        case 'table': {
          if (block.columns.length === 0) fail(`table "${block.caption}" has no columns`);
          for (const row of [...block.rows, ...(block.footer ?? [])])
            if (row.length !== block.columns.length)
              fail(`table "${block.caption}" has a row of ${row.length} cells for ${block.columns.length} columns`);
          break;
        }
        case 'chart': {
          const { chart } = block;
          if (chart.series.length === 0) fail(`chart "${block.caption}" has no series`);
          if (chart.type === 'map' && !chart.map) fail(`map chart "${block.caption}" names no map`);
          for (const series of chart.series) {
            if (series.values.length !== chart.categories.length)
              fail(`chart "${block.caption}" series "${series.name}" does not have one value per category`);
            if (series.values.some((v) => !Number.isFinite(v)))
              fail(`chart "${block.caption}" series "${series.name}" has a non-finite value`);
          }
          break;
        }
      }
    }
  }
}

/** Numbers for tables and charts in reading order: 表 n and 图 n. */
export function numberFigures(doc: ReportDocument): { tables: Map<object, number>; charts: Map<object, number> } {
  const tables = new Map<object, number>();
  const charts = new Map<object, number>();
  for (const section of doc.sections)
    for (const block of section.blocks) {
      if (block.kind === 'table') tables.set(block, tables.size + 1);
      if (block.kind === 'chart') charts.set(block, charts.size + 1);
    }
  return { tables, charts };
}

/** 表 n or 图 n followed by an ideographic space and the caption, as Chinese reports label figures. */
export function figureLabel(kind: 'table' | 'chart', number: number, caption: string): string {
  return `${kind === 'table' ? '表' : '图'} ${number}\u3000${caption}`;
}
