/**
 * Worker entry: turns untrusted bytes into a bounded grid of cells. Runs under resourceLimits and a timeout set by
 * parse.ts; everything it trusts has been checked here first (size, zip directory, inflated bytes).
 */
import { Readable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { decodeText, parseCsv } from './csv.ts';
import { RejectionError, reject, type Cell, type Grid, type GridRow, type ParseLimits } from './limits.ts';
import { inspectZip } from './zip-guard.ts';

export interface WorkerInput {
  bytes: Uint8Array;
  limits: ParseLimits;
}

export type WorkerMessage =
  | { type: 'progress'; rows: number }
  | { type: 'done'; grid: Grid; heapUsed: number }
  | { type: 'rejected'; rejection: RejectionError['rejection'] };

function toCell(v: unknown, maxChars: number): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string') return v.length > maxChars ? v.slice(0, maxChars + 1) : v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    const iso = v.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (typeof v === 'object') {
    const o = v as { richText?: { text?: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(o.richText)) return toCell(o.richText.map((r) => r.text ?? '').join(''), maxChars);
    if ('result' in o) return toCell(o.result, maxChars);
    if ('text' in o) return toCell(o.text, maxChars);
  }
  return null;
}

async function parseXlsx(bytes: Buffer, limits: ParseLimits, progress: (n: number) => void): Promise<Grid> {
  await inspectZip(bytes, limits);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  });
  let header: Cell[] | null = null;
  const rows: GridRow[] = [];
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = row.values as unknown[];
      const cells: Cell[] = [];
      const width = Math.min(values.length - 1, limits.maxColumns);
      for (let c = 1; c <= width; c++) cells.push(toCell(values[c], limits.maxCellChars));
      if (header === null) {
        header = cells;
        continue;
      }
      rows.push({ row: row.number, cells });
      if (rows.length > limits.maxRows)
        throw new RejectionError(
          reject(
            413,
            'rows',
            `行数超过上限 ${limits.maxRows} 行，请拆分文件`,
            `More than ${limits.maxRows} rows; split the file`,
          ),
        );
      if (rows.length % 5000 === 0) progress(rows.length);
    }
    break; // the first worksheet only
  }
  return { format: 'xlsx', header: header ?? [], rows };
}

/** Parses the bytes: xlsx by its zip signature, CSV otherwise; legacy .xls is refused. */
export async function parseBytes(bytes: Buffer, limits: ParseLimits, progress: (n: number) => void): Promise<Grid> {
  if (bytes.length > limits.maxBytes)
    throw new RejectionError(reject(413, 'size', '文件过大', 'The file is too large'));
  if (bytes.length === 0) throw new RejectionError(reject(400, 'empty', '文件为空', 'The file is empty'));
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    try {
      return await parseXlsx(bytes, limits, progress);
    } catch (err) {
      if (err instanceof RejectionError) throw err;
      throw new RejectionError(reject(400, 'malformed-xlsx', 'xlsx 文件无法解析', 'The xlsx file cannot be read'));
    }
  }
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    throw new RejectionError(
      reject(
        415,
        'xls',
        '不支持旧版 .xls 文件，请另存为 .xlsx 或 CSV',
        'Legacy .xls is not supported; save as .xlsx or CSV',
      ),
    );
  const { text, encoding } = decodeText(bytes);
  return { ...parseCsv(text, limits), encoding };
}

const port = parentPort;
if (port && workerData) {
  const input = workerData as WorkerInput;
  const bytes = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
  parseBytes(bytes, input.limits, (rows) => port.postMessage({ type: 'progress', rows } satisfies WorkerMessage))
    .then((grid) =>
      port.postMessage({ type: 'done', grid, heapUsed: process.memoryUsage().heapUsed } satisfies WorkerMessage),
    )
    .catch((err: unknown) => {
      const rejection =
        err instanceof RejectionError
          ? err.rejection
          : reject(400, 'unreadable', '文件无法解析', 'The file cannot be read');
      port.postMessage({ type: 'rejected', rejection } satisfies WorkerMessage);
    });
}
