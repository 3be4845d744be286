/**
 * Test helper: a small RFC 4180 CSV reader and loaders for the conformance suites in ../shared/conformance.
 * 'NA' and empty cells are missing values.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type DataSet, dataSetFromRows } from './types.ts';

/** Root of the composite-index conformance suites, resolved from the repository root. */
export const CONFORMANCE_DIR = path.resolve(process.cwd(), '../shared/conformance/composite-index');

/** True when the conformance folder is present (it is in CI and on every developer machine). */
export const hasConformance = existsSync(CONFORMANCE_DIR);

/** Parses RFC 4180 CSV text: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  while (i < src.length) {
    const ch = src[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (ch === '\r' && src[i + 1] === '\n') i++;
    } else field += ch;
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** A CSV table: header and records keyed by column name. */
export interface CsvTable {
  readonly header: readonly string[];
  readonly records: readonly Record<string, string>[];
}

/** Reads a CSV file (path relative to the conformance folder) into a table. */
export function readTable(relative: string): CsvTable {
  const [header = [], ...rows] = parseCsv(readFileSync(path.join(CONFORMANCE_DIR, relative), 'utf8'));
  const records = rows.map((r) => Object.fromEntries(header.map((h, j) => [h, r[j] ?? ''])));
  return { header, records };
}

/** Parses a cell: 'NA' or empty is null, anything else must be a number. */
export function parseNumber(cell: string | undefined): number | null {
  if (cell === undefined || cell === '' || cell === 'NA') return null;
  const v = Number(cell);
  if (Number.isNaN(v)) throw new Error(`not a number: ${cell}`);
  return v;
}

/** Builds a data set from a table: units from `unitColumn`, the given indicator columns. */
export function tableToDataSet(table: CsvTable, unitColumn: string, indicators: readonly string[]): DataSet {
  return dataSetFromRows(
    table.records.map((r) => r[unitColumn] ?? ''),
    indicators,
    table.records.map((r) => indicators.map((c) => parseNumber(r[c]))),
  );
}
