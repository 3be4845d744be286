/**
 * Runs parse.worker.ts in a worker thread with a heap limit and a wall-clock timeout; whatever happens inside
 * (bomb, malformed file, out of memory, endless loop) comes back as a 4xx AppError, never a crash.
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors/errors.ts';
import { workerEntry } from '../worker-entry.ts';
import { DEFAULT_LIMITS, type Grid, type GridHead, type GridRow, type ParseLimits, type Rejection } from './limits.ts';
import type { NextMessage, WorkerInput, WorkerMessage } from './parse.worker.ts';

/** TypeScript through tsx from sources, the compiled parse.worker.js in dist/server (see worker-entry.ts). */
const ENTRY = workerEntry(import.meta.url, 'parse.worker');

/** Maps a rejection to the AppError the routes answer with. */
export function rejectionError(r: Rejection): AppError {
  if (r.status === 413) return new AppError('PAYLOAD_TOO_LARGE', { zh: r.zh, en: r.en });
  return new AppError('VALIDATION', {
    zh: r.zh,
    en: r.en,
    details: [{ path: 'body', message: r.zh, messageEn: r.en }],
  });
}

export interface ParseResult {
  grid: Grid;
  /** Heap used by the worker when it finished (bytes). */
  workerHeapUsed: number;
}

/** Receives a file as the worker reads it: the head once, then batches of rows in order. */
export interface RowSink {
  head(head: GridHead): void | Promise<void>;
  /** The worker sends the next batch only once the promise returned here has settled. */
  rows(batch: GridRow[]): void | Promise<void>;
}

/**
 * Parses an uploaded file in a worker and hands its rows to `sink` in batches, with back-pressure: the main thread
 * never holds more than the batch it is handling. The time limit counts the worker's time: the clock stops while
 * the sink handles a batch. An exception of the sink stops the worker and rejects with that exception.
 */
export function streamInWorker(
  bytes: Uint8Array,
  sink: RowSink,
  opts: { limits?: Partial<ParseLimits> } = {},
): Promise<{ rowCount: number; workerHeapUsed: number }> {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  if (bytes.byteLength > limits.maxBytes)
    return Promise.reject(new AppError('PAYLOAD_TOO_LARGE', { zh: '文件过大', en: 'The file is too large' }));
  // A private copy that can be transferred without touching the caller's buffer.
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  const input: WorkerInput = { bytes: copy, limits };
  const worker = new Worker(ENTRY.filename, {
    eval: ENTRY.eval,
    workerData: input,
    transferList: [copy.buffer],
    resourceLimits: { maxOldGenerationSizeMb: limits.workerHeapMb, maxYoungGenerationSizeMb: 8, stackSizeMb: 4 },
  });
  return new Promise((resolve, reject) => {
    let settled = false;
    let rowCount = 0;
    let left = limits.workerTimeoutMs;
    let started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timedOut = () =>
      finish(() =>
        reject(
          new AppError('VALIDATION', {
            zh: '文件解析超时，请拆分后重试',
            en: 'Parsing timed out; split the file and retry',
          }),
        ),
      );
    const runClock = () => {
      started = Date.now();
      timer = setTimeout(timedOut, Math.max(0, left));
    };
    const stopClock = () => {
      clearTimeout(timer);
      left -= Date.now() - started;
    };
    runClock();
    // Messages are handled one after another, each once the sink is done with the one before.
    let queue: Promise<void> = Promise.resolve();
    const handle = async (m: WorkerMessage) => {
      if (settled) return;
      if (m.type === 'head') await sink.head(m.head);
      else if (m.type === 'rows') {
        stopClock();
        rowCount += m.rows.length;
        await sink.rows(m.rows);
        if (settled) return;
        runClock();
        worker.postMessage({ type: 'next' } satisfies NextMessage);
      } else if (m.type === 'done') finish(() => resolve({ rowCount, workerHeapUsed: m.heapUsed }));
      else finish(() => reject(rejectionError(m.rejection)));
    };
    worker.on('message', (m: WorkerMessage) => {
      queue = queue
        .then(() => handle(m))
        .catch((err: unknown) => finish(() => reject(err instanceof Error ? err : new Error(String(err)))));
    });
    worker.on('error', (err: Error & { code?: string }) =>
      finish(() =>
        reject(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new AppError('PAYLOAD_TOO_LARGE', {
                zh: '文件内容过于庞大，超出解析内存限制',
                en: 'The file needs more memory to parse than allowed',
              })
            : new AppError('VALIDATION', {
                zh: '文件无法解析',
                en: `The file cannot be read (${err.code ?? 'worker error'})`,
              }),
        ),
      ),
    );
    // A worker that ends without an answer (killed, crashed): messages it posted first are handled before this.
    worker.on('exit', (code) =>
      setTimeout(
        () =>
          void queue.then(() =>
            finish(() =>
              reject(
                new AppError('VALIDATION', { zh: '文件无法解析', en: `The file cannot be read (worker exit ${code})` }),
              ),
            ),
          ),
        50,
      ),
    );
  });
}

/** Parses an uploaded file in a worker into a whole grid (small files: forms, frameworks); `onProgress` gets rows read. */
export async function parseInWorker(
  bytes: Uint8Array,
  opts: { limits?: Partial<ParseLimits>; onProgress?: (rows: number) => void } = {},
): Promise<ParseResult> {
  let head: GridHead = { format: 'csv', header: [] };
  const rows: GridRow[] = [];
  const { workerHeapUsed } = await streamInWorker(
    bytes,
    {
      head: (h) => void (head = h),
      rows(batch) {
        for (const r of batch) rows.push(r);
        opts.onProgress?.(rows.length);
      },
    },
    opts,
  );
  return { grid: { ...head, rows }, workerHeapUsed };
}
