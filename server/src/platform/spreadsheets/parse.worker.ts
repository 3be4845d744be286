/**
 * Worker entry: turns untrusted bytes into a bounded stream of rows. Runs under resourceLimits and a timeout set by
 * parse.ts; everything it trusts has been checked here first (size, zip directory, inflated bytes). Rows go back in
 * batches of ROW_BATCH; a batch is posted only after the main thread has taken the previous one (a `next` message),
 * so at most two batches exist at a time — one being handled there, one being read here.
 */
import { Readable } from 'node:stream';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { decodeText, parseCsv } from './csv.ts';
import { RejectionError, reject, type Cell, type GridHead, type GridRow, type ParseLimits } from './limits.ts';
import { inspectZip } from './zip-guard.ts';

export interface WorkerInput {
  bytes: Uint8Array;
  limits: ParseLimits;
}

/** Worker -> main. */
export type WorkerMessage =
  | { type: 'head'; head: GridHead }
  | { type: 'rows'; rows: GridRow[] }
  | { type: 'done'; heapUsed: number }
  | { type: 'rejected'; rejection: RejectionError['rejection'] };

/** Main -> worker: the previous batch has been handled. */
export interface NextMessage {
  type: 'next';
}

/** Rows per message. */
export const ROW_BATCH = 2000;

/** Where the parser puts what it reads: the head once (before any row), then each data row. */
export interface RowOut {
  head(head: GridHead): void;
  row(row: GridRow): Promise<void> | void;
}

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

function tooManyRows(limits: ParseLimits): RejectionError {
  return new RejectionError(
    reject(
      413,
      'rows',
      `行数超过上限 ${limits.maxRows} 行，请拆分文件`,
      `More than ${limits.maxRows} rows; split the file`,
    ),
  );
}

async function parseXlsx(bytes: Buffer, limits: ParseLimits, out: RowOut): Promise<void> {
  await inspectZip(bytes, limits);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  });
  let header: Cell[] | null = null;
  let count = 0;
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = row.values as unknown[];
      const cells: Cell[] = [];
      const width = Math.min(values.length - 1, limits.maxColumns);
      for (let c = 1; c <= width; c++) cells.push(toCell(values[c], limits.maxCellChars));
      if (header === null) {
        header = cells;
        out.head({ format: 'xlsx', header });
        continue;
      }
      if (++count > limits.maxRows) throw tooManyRows(limits);
      await out.row({ row: row.number, cells });
    }
    break; // the first worksheet only
  }
  if (header === null) out.head({ format: 'xlsx', header: [] });
}

/** Parses the bytes: xlsx by its zip signature, CSV otherwise; legacy .xls is refused. */
export async function parseBytes(bytes: Buffer, limits: ParseLimits, out: RowOut): Promise<void> {
  if (bytes.length > limits.maxBytes)
    throw new RejectionError(reject(413, 'size', '文件过大', 'The file is too large'));
  if (bytes.length === 0) throw new RejectionError(reject(400, 'empty', '文件为空', 'The file is empty'));
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    try {
      return await parseXlsx(bytes, limits, out);
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
  const grid = parseCsv(text, limits);
  out.head({ format: 'csv', encoding, header: grid.header });
  // Handed on in order; each row is dropped from the grid once it is out, so the worker's copy shrinks as it goes.
  for (let i = 0; i < grid.rows.length; i++) {
    const row = grid.rows[i] as GridRow;
    (grid.rows as (GridRow | undefined)[])[i] = undefined;
    await out.row(row);
  }
}

/** Batches rows to the port; a batch waits until the main thread has acknowledged the one before. */
function portOut(port: MessagePort): RowOut & { flush(): Promise<void> } {
  let batch: GridRow[] = [];
  let acked: Promise<void> = Promise.resolve();
  let release: (() => void) | null = null;
  port.on('message', (m: NextMessage) => {
    if (m.type === 'next') release?.();
  });
  const send = async () => {
    await acked;
    const rows = batch;
    batch = [];
    acked = new Promise<void>((resolve) => (release = resolve));
    port.postMessage({ type: 'rows', rows } satisfies WorkerMessage);
  };
  return {
    head: (head) => port.postMessage({ type: 'head', head } satisfies WorkerMessage),
    row(row) {
      batch.push(row);
      return batch.length >= ROW_BATCH ? send() : undefined;
    },
    async flush() {
      if (batch.length > 0) await send();
      await acked;
    },
  };
}

const port = parentPort;
if (port && workerData) {
  const input = workerData as WorkerInput;
  const bytes = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
  const out = portOut(port);
  parseBytes(bytes, input.limits, out)
    .then(() => out.flush())
    .then(() => {
      port.postMessage({ type: 'done', heapUsed: process.memoryUsage().heapUsed } satisfies WorkerMessage);
    })
    .catch((err: unknown) => {
      const rejection =
        err instanceof RejectionError
          ? err.rejection
          : reject(400, 'unreadable', '文件无法解析', 'The file cannot be read');
      port.postMessage({ type: 'rejected', rejection } satisfies WorkerMessage);
    });
}
