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

/** Turns parsed CSV rows (header first) into a table; blank lines are skipped. */
export function rowsToTable(rows: readonly string[][]): CsvTable {
  const [header = [], ...body] = rows;
  const records = body
    .filter((r) => !(r.length === 1 && r[0] === ''))
    .map((r) => Object.fromEntries(header.map((h, j) => [h, r[j] ?? ''])));
  return { header, records };
}

/** Reads a UTF-8 CSV file into a table. */
export function readCsvFile(file: string): CsvTable {
  return rowsToTable(parseCsv(readFileSync(file, 'utf8')));
}

/** Parses a cell: 'NA' or empty is null, anything else must be a number. */
export function parseNumber(cell: string | undefined): number | null {
  if (cell === undefined || cell.trim() === '' || cell === 'NA') return null;
  const v = Number(cell);
  if (Number.isNaN(v)) throw new Error(`not a number: ${cell}`);
  return v;
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
          throw new Error(`row ${i + 2} (${r[unitColumn] ?? ''}), column ${c}: not a number: ${r[c] ?? ''}`);
        }
      }),
    ),
  );
}

/** Quotes a CSV field when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Writes a data set as CSV text: `unitColumn` then one column per indicator; missing cells are written as NA. */
export function dataSetToCsv(ds: DataSet, unitColumn = 'UnitCode'): string {
  const lines = [[unitColumn, ...ds.indicators].map(csvField).join(',')];
  ds.units.forEach((u, i) => {
    const cells = ds.columns.map((col) => {
      const v = col[i] as number;
      return Number.isNaN(v) ? 'NA' : String(v);
    });
    lines.push([csvField(u), ...cells].join(','));
  });
  return `${lines.join('\n')}\n`;
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
    const weight = parseNumber(r[weightC]) ?? 1;
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
    const low = lowC === undefined ? null : parseNumber(r[lowC]);
    const high = highC === undefined ? null : parseNumber(r[highC]);
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
