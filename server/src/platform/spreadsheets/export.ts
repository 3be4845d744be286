/**
 * Export of any list to xlsx or CSV: Chinese headers, numbers as numbers, text neutralised against formula
 * injection, RFC 6266 file names. Writers take an async source of rows so lists are read in batches.
 */
import { PassThrough } from 'node:stream';
import { loadExcel } from './excel.ts';
import { UTF8_BOM, csvLine, neutraliseFormula } from './csv.ts';

export interface ExportColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | null;
}

export type ExportFormat = 'xlsx' | 'csv';

/** Writes rows to an xlsx buffer with the streaming writer (rows are committed as they come). */
export async function writeXlsx<T>(opts: {
  sheetName: string;
  columns: readonly ExportColumn<T>[];
  rows: AsyncIterable<readonly T[]>;
}): Promise<{ buffer: Buffer; count: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new (await loadExcel()).stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: true,
  });
  const ws = wb.addWorksheet(opts.sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = opts.columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  let count = 0;
  for await (const batch of opts.rows) {
    for (const row of batch) {
      ws.addRow(
        opts.columns.map((c) => {
          const v = c.value(row);
          return typeof v === 'string' ? neutraliseFormula(v) : v;
        }),
      ).commit();
      count++;
    }
  }
  ws.commit();
  await wb.commit();
  await done;
  return { buffer: Buffer.concat(chunks), count };
}

/** Writes rows to UTF-8 CSV with a BOM (Excel reads the Chinese headers correctly). */
export async function writeCsv<T>(opts: {
  columns: readonly ExportColumn<T>[];
  rows: AsyncIterable<readonly T[]>;
}): Promise<{ buffer: Buffer; count: number }> {
  const parts: string[] = [UTF8_BOM, csvLine(opts.columns.map((c) => c.header))];
  let count = 0;
  for await (const batch of opts.rows) {
    for (const row of batch) {
      parts.push(csvLine(opts.columns.map((c) => c.value(row))));
      count++;
    }
  }
  return { buffer: Buffer.from(parts.join(''), 'utf8'), count };
}

/** Writes rows in the requested format. */
export function writeExport<T>(
  format: ExportFormat,
  opts: { sheetName: string; columns: readonly ExportColumn<T>[]; rows: AsyncIterable<readonly T[]> },
): Promise<{ buffer: Buffer; count: number }> {
  return format === 'xlsx' ? writeXlsx(opts) : writeCsv(opts);
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/**
 * RFC 6266 / 5987 Content-Disposition: an ASCII fallback name and the real (Chinese) name as
 * filename*=UTF-8''percent-encoded.
 */
export function contentDisposition(fileName: string, asciiFallback: string): string {
  const safeAscii = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${safeAscii}"; filename*=UTF-8''${encoded}`;
}

/** Pages of rows by keyset (id descending), capped at `cap` rows. */
export async function* keysetPages<T extends { id: number }>(
  fetch: (afterId: number | null, limit: number) => Promise<T[]>,
  cap: number,
  batch = 5000,
): AsyncGenerator<T[]> {
  let after: number | null = null;
  let total = 0;
  while (total < cap) {
    const page = await fetch(after, Math.min(batch, cap - total));
    if (page.length === 0) return;
    total += page.length;
    yield page;
    after = page[page.length - 1]!.id;
    if (page.length < Math.min(batch, cap - total + page.length)) return;
  }
}
