/**
 * A sheet definition: one list of columns (Chinese header, English header, example, note, zod schema) that drives
 * the template, the header mapping and the row-level validation of an import.
 */
import type { z } from 'zod';
import type { Cell, Grid, GridRow } from './limits.ts';

export type ColumnType = 'text' | 'number' | 'date';

export interface ColumnSpec {
  key: string;
  /** Chinese header, as written in the template. */
  header: string;
  headerEn: string;
  example: string | number;
  /** Validation note shown in the template (Chinese). */
  note: string;
  schema: z.ZodType;
  type: ColumnType;
  required?: boolean;
  /** Allowed values, for a drop-down list in the template. */
  options?: readonly string[];
}

export interface SheetSpec<Row> {
  key: string;
  /** Chinese title: sheet name and file name of the template. */
  title: string;
  columns: readonly ColumnSpec[];
  /** Cross-field checks on the object built from the columns. */
  row: z.ZodType<Row>;
  /** Most data rows one file may carry. */
  maxRows?: number;
}

/** Declares a sheet; a typed identity so that definitions read as data. */
export function defineSheet<Row>(spec: SheetSpec<Row>): SheetSpec<Row> {
  return spec;
}

/** One problem of an import: spreadsheet row number (header = row 1), column header text and a Chinese message. */
export interface RowError {
  row: number;
  column: string;
  message: string;
  messageEn?: string;
}

export interface ValidRow<Row> {
  row: number;
  value: Row;
}

const normaliseHeader = (h: string): string =>
  h
    .replace(/[\s*＊]/g, '')
    .replace(/[（(]必填[)）]/g, '')
    .toLowerCase();

/**
 * Maps the header row to column specs by Chinese or English header. Returns the index of each column and the
 * required columns that are missing.
 */
export function mapHeaders(spec: SheetSpec<unknown>, header: readonly Cell[]) {
  const found = new Map<string, number>();
  header.forEach((h, i) => {
    const text = normaliseHeader(h === null ? '' : String(h));
    const col = spec.columns.find((c) => normaliseHeader(c.header) === text || normaliseHeader(c.headerEn) === text);
    if (col && !found.has(col.key)) found.set(col.key, i);
  });
  const missing = spec.columns.filter((c) => c.required && !found.has(c.key));
  return { index: found, missing };
}

/** Cell value as the column's schema expects it: trimmed text, numbers for number columns, undefined when empty. */
export function cellValue(col: ColumnSpec, cell: Cell | undefined): string | number | undefined {
  if (cell === null || cell === undefined) return undefined;
  if (typeof cell === 'number') return col.type === 'number' ? cell : String(cell);
  let text = cell.trim();
  // Undo the neutralising quote of our own exports (=, +, -, @ behind an apostrophe).
  if (/^'[=+\-@\t\r]/.test(text)) text = text.slice(1);
  if (text === '') return undefined;
  if (col.type === 'number') {
    const n = Number(text.replace(/,/g, ''));
    return Number.isFinite(n) ? n : text;
  }
  return text;
}

const ZH_ISSUE: Record<string, (i: z.core.$ZodIssue) => string> = {
  invalid_type: (i) => (i.input === undefined ? '必填项未填写' : '类型不正确'),
  too_small: (i) => `长度或数值过小（最小 ${String((i as { minimum?: unknown }).minimum)}）`,
  too_big: (i) => `长度或数值过大（最大 ${String((i as { maximum?: unknown }).maximum)}）`,
  invalid_format: () => '格式不正确',
  invalid_value: () => '取值不在允许范围内',
};

/** Chinese and English text of a zod issue; custom messages are written "中文 / English". */
export function issueMessage(issue: z.core.$ZodIssue): { message: string; messageEn: string } {
  const [zh, en] = issue.message.split(' / ');
  if (issue.code === 'custom' || /[\u4e00-\u9fff]/.test(zh ?? ''))
    return { message: zh ?? issue.message, messageEn: en ?? issue.message };
  const make = ZH_ISSUE[issue.code];
  return { message: make ? make(issue) : issue.message, messageEn: issue.message };
}

function isExample(spec: SheetSpec<unknown>, index: Map<string, number>, cells: readonly Cell[]): boolean {
  return spec.columns.every((c) => {
    const i = index.get(c.key);
    const v = i === undefined ? undefined : cells[i];
    return String(v ?? '').trim() === String(c.example).trim();
  });
}

/** Result of validating rows: the valid ones, the row errors and how many data rows there were. */
export interface Validated<Row> {
  rows: ValidRow<Row>[];
  errors: RowError[];
  rowCount: number;
}

/**
 * An incremental validator for a sheet with the given header row: `add` takes rows as they come (skipping rows that
 * are empty or identical to the template's example row) and keeps only what validation produced.
 */
export function rowValidator<Row>(spec: SheetSpec<Row>, header: readonly Cell[]) {
  const { index } = mapHeaders(spec, header);
  const result: Validated<Row> = { rows: [], errors: [], rowCount: 0 };
  const { rows, errors } = result;
  const add = (r: GridRow) => {
    if (r.cells.every((c) => c === null || String(c).trim() === '')) return;
    if (isExample(spec, index, r.cells)) return;
    result.rowCount++;
    const obj: Record<string, unknown> = {};
    let ok = true;
    for (const col of spec.columns) {
      const i = index.get(col.key);
      const parsed = col.schema.safeParse(cellValue(col, i === undefined ? undefined : r.cells[i]));
      if (parsed.success) {
        if (parsed.data !== undefined) obj[col.key] = parsed.data;
      } else {
        ok = false;
        const first = parsed.error.issues[0];
        const m = first ? issueMessage(first) : { message: '格式不正确', messageEn: 'invalid' };
        errors.push({ row: r.row, column: col.header, ...m });
      }
    }
    if (!ok) return;
    const whole = spec.row.safeParse(obj);
    if (whole.success) rows.push({ row: r.row, value: whole.data });
    else
      for (const issue of whole.error.issues) {
        const col = spec.columns.find((c) => c.key === issue.path[0]);
        errors.push({ row: r.row, column: col?.header ?? '', ...issueMessage(issue) });
      }
  };
  return {
    add(batch: readonly GridRow[]) {
      for (const r of batch) add(r);
    },
    result: () => result,
  };
}

/**
 * Validates every data row of a grid against the sheet (see rowValidator). Yields to the event loop between chunks
 * and reports progress (0-1).
 */
export async function validateGrid<Row>(
  spec: SheetSpec<Row>,
  grid: Grid,
  onProgress?: (fraction: number) => void | Promise<void>,
): Promise<Validated<Row>> {
  const validator = rowValidator(spec, grid.header);
  const CHUNK = 2000;
  for (let start = 0; start < grid.rows.length; start += CHUNK) {
    validator.add(grid.rows.slice(start, start + CHUNK));
    await onProgress?.(Math.min(1, (start + CHUNK) / Math.max(1, grid.rows.length)));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return validator.result();
}
