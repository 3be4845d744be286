/**
 * CSV input and output for the composite-index engine (used by `qixian index run`, the conformance runner and the
 * tests): a small RFC 4180 reader and writer, and the converters between CSV tables, data sets and frameworks.
 * 'NA' and empty cells are missing values.
 */
import { readFileSync } from 'node:fs';
import { parseCsv } from './parse-csv.ts';
import { type AggregateNode, type DataSet, type Framework, type IndicatorMeta, dataSetFromRows } from './types.ts';

export { parseCsv };

/** A CSV table: header and records keyed by column name. */
export interface CsvTable {
  readonly header: readonly string[];
  readonly records: readonly Record<string, string>[];
}

/** A bad CSV input (ragged row, bad number, wrong encoding): the message in English, `zh` in Chinese. */
export class CsvInputError extends Error {
  constructor(
    readonly zh: string,
    en: string,
  ) {
    super(en);
    this.name = 'CsvInputError';
  }
}

/** True for a blank line as the reader returns it (one empty field). */
export const isBlankRecord = (r: readonly string[]): boolean => r.length === 1 && r[0] === '';

/** The error for a record whose number of fields differs from the header's (row 1 = the header). */
export function raggedRowError(row: number, fields: number, columns: number): CsvInputError {
  return new CsvInputError(
    `第 ${row} 行有 ${fields} 个字段，表头有 ${columns} 列（行不整齐，请检查多余或缺少的逗号）`,
    `row ${row} has ${fields} fields but the header has ${columns} columns (ragged row: check for extra or missing commas)`,
  );
}

/**
 * Turns parsed CSV rows (header first) into a table; blank lines are skipped. A row with more or fewer fields than
 * the header is refused (never padded or cut).
 */
export function rowsToTable(rows: readonly string[][]): CsvTable {
  const [header = [], ...body] = rows;
  const records: Record<string, string>[] = [];
  body.forEach((r, k) => {
    if (isBlankRecord(r)) return;
    if (r.length !== header.length) throw raggedRowError(k + 2, r.length, header.length);
    records.push(Object.fromEntries(header.map((h, j) => [h, r[j] as string])));
  });
  return { header, records };
}

/**
 * Reads a UTF-8 CSV file into a table. Bytes that are not UTF-8 (a GBK export from Excel) are refused rather than read
 * as replacement characters; `qixian index run` detects GBK itself.
 */
export function readCsvFile(file: string): CsvTable {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    throw new CsvInputError(
      `${file} 不是 UTF-8 编码（可能是 GBK）：请另存为 UTF-8`,
      `${file} is not UTF-8 (GBK?): save it as UTF-8`,
    );
  }
  return rowsToTable(parseCsv(text));
}

/** A plain decimal number: optional sign, digits with an optional fraction, optional exponent. */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Why a cell is not a number: not written as a plain decimal, or too large for a double. */
export type NumberProblem = 'notDecimal' | 'notFinite';

/** Checks a cell: null when it is missing ('NA' or blank) or a number, else what is wrong with it. */
export function numberProblem(cell: string | undefined): NumberProblem | null {
  if (cell === undefined || cell === 'NA') return null;
  const t = cell.trim();
  if (t === '') return null;
  if (!DECIMAL.test(t)) return 'notDecimal';
  return Number.isFinite(Number(t)) ? null : 'notFinite';
}

/**
 * Parses a cell: 'NA' or blank is null; anything else must be a plain decimal number (`12`, `-0.5`, `1.5e-3`) that is
 * finite as a double. `Infinity`, `1e400`, hexadecimal, binary and octal literals (`0x10`, `0b1`, `0o7`) are refused:
 * `Number()` accepts them, and one infinite value makes min-max missing for every other unit.
 */
export function parseNumber(cell: string | undefined): number | null {
  const problem = numberProblem(cell);
  if (problem === 'notDecimal') throw new Error(`not a decimal number: ${cell ?? ''}`);
  if (problem === 'notFinite') throw new Error(`number out of range: ${cell ?? ''}`);
  return cell === undefined || cell === 'NA' || cell.trim() === '' ? null : Number(cell.trim());
}

/** The error for a bad numeric cell at a row (1 = the header) and column, in Chinese and English. */
export function cellError(at: { row: number; unit: string; column: string; cell: string }): CsvInputError {
  const p = numberProblem(at.cell);
  const [zh, en] =
    p === 'notFinite'
      ? ['数值超出范围（非有限数）', 'number out of range (not finite)']
      : ['不是十进制数', 'not a decimal number'];
  return new CsvInputError(
    `第 ${at.row} 行（${at.unit}）列 ${at.column}：${zh}：${at.cell}`,
    `row ${at.row} (${at.unit}), column ${at.column}: ${en}: ${at.cell}`,
  );
}

/** Builds a data set from a table: units from `unitColumn`, the given indicator columns. */
export function tableToDataSet(table: CsvTable, unitColumn: string, indicators: readonly string[]): DataSet {
  return dataSetFromRows(
    table.records.map((r) => r[unitColumn] ?? ''),
    indicators,
    table.records.map((r, i) =>
      indicators.map((c) => {
        try {
          return parseNumber(r[c]);
        } catch {
          throw cellError({ row: i + 2, unit: r[unitColumn] ?? '', column: c, cell: r[c] ?? '' });
        }
      }),
    ),
  );
}

/** Quotes a CSV field when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The CSV text of a data set in chunks of about `chunkChars` characters: `unitColumn` then one column per indicator;
 * missing cells are written as NA and numbers in full double precision. A caller writing a large data set to a file
 * writes the chunks as they come instead of holding the whole text (and a string per row) at once.
 */
export function* dataSetCsvChunks(ds: DataSet, unitColumn = 'UnitCode', chunkChars = 1 << 20): Generator<string> {
  let buf = `${[unitColumn, ...ds.indicators].map(csvField).join(',')}\n`;
  const cols = ds.columns;
  for (let i = 0; i < ds.units.length; i++) {
    let line = csvField(ds.units[i] ?? '');
    for (const col of cols) {
      const v = col[i] as number;
      line += Number.isNaN(v) ? ',NA' : `,${v}`;
    }
    buf += `${line}\n`;
    if (buf.length >= chunkChars) {
      yield buf;
      buf = '';
    }
  }
  if (buf !== '') yield buf;
}

/** Writes a data set as CSV text: `unitColumn` then one column per indicator; missing cells are written as NA. */
export function dataSetToCsv(ds: DataSet, unitColumn = 'UnitCode'): string {
  return [...dataSetCsvChunks(ds, unitColumn)].join('');
}

const META_ALIASES: Readonly<Record<string, readonly string[]>> = {
  code: ['code', 'icode', 'indcode'],
  type: ['type'],
  parent: ['parent'],
  weight: ['weight', 'indweight'],
  direction: ['direction'],
  denominator: ['denominator'],
  goalpostLow: ['goalpostlow', 'goalpost_low'],
  goalpostHigh: ['goalposthigh', 'goalpost_high'],
};

/**
 * Builds a framework from a metadata table with one row per indicator and per aggregate (columns `code`, `type`
 * Indicator/Aggregate, `parent`, `weight`, `direction`, `denominator`, `goalpostLow`, `goalpostHigh`; header names are
 * case-insensitive and the COINr names `iCode`, `IndCode`, `IndWeight` are accepted). Throws a descriptive Error.
 */
export function frameworkFromMeta(table: CsvTable): Framework {
  const column = (key: string): string | undefined =>
    table.header.find((h) => (META_ALIASES[key] ?? []).includes(h.trim().toLowerCase()));
  const need = (key: string): string => {
    const c = column(key);
    if (c === undefined) throw new Error(`metadata: missing column ${key}`);
    return c;
  };
  const [codeC, typeC, parentC, weightC] = [need('code'), need('type'), need('parent'), need('weight')];
  const [dirC, denC, lowC, highC] = [
    column('direction'),
    column('denominator'),
    column('goalpostLow'),
    column('goalpostHigh'),
  ];
  const indicators: IndicatorMeta[] = [];
  const aggregates: AggregateNode[] = [];
  const seen = new Set<string>();
  table.records.forEach((r, k) => {
    const at = `metadata row ${k + 2}`;
    const code = (r[codeC] ?? '').trim();
    if (code === '') throw new Error(`${at}: empty code`);
    if (seen.has(code)) throw new Error(`${at}: duplicate code ${code}`);
    seen.add(code);
    const num = (c: string | undefined): number | null => {
      if (c === undefined) return null;
      try {
        return parseNumber(r[c]);
      } catch (err) {
        throw new Error(`${at}, column ${c}: ${(err as Error).message}`);
      }
    };
    const weight = num(weightC) ?? 1;
    if (weight < 0) throw new Error(`${at}: the weight of ${code} is negative (${weight}); weights must be >= 0`);
    const parent = (r[parentC] ?? '').trim();
    const type = (r[typeC] ?? '').trim().toLowerCase();
    if (type === 'aggregate') {
      aggregates.push({ code, weight, parent: parent === '' ? undefined : parent });
      return;
    }
    if (type !== 'indicator') throw new Error(`${at}: type must be Indicator or Aggregate, got ${r[typeC] ?? ''}`);
    if (parent === '') throw new Error(`${at}: indicator ${code} has no parent`);
    const dirCell = dirC === undefined ? '' : (r[dirC] ?? '').trim();
    if (dirCell !== '' && dirCell !== '1' && dirCell !== '-1') throw new Error(`${at}: direction must be 1 or -1`);
    const den = denC === undefined ? '' : (r[denC] ?? '').trim();
    const low = num(lowC);
    const high = num(highC);
    indicators.push({
      code,
      direction: dirCell === '-1' ? -1 : 1,
      weight,
      parent,
      ...(den === '' ? {} : { denominator: den }),
      ...(low !== null && high !== null ? { goalposts: [low, high] as const } : {}),
    });
  });
  if (indicators.length === 0) throw new Error('metadata: no indicators');
  const codes = new Set(aggregates.map((a) => a.code));
  for (const n of [...indicators, ...aggregates]) {
    if (n.parent !== undefined && !codes.has(n.parent))
      throw new Error(`metadata: unknown parent ${n.parent} of ${n.code}`);
  }
  return { indicators, aggregates };
}
