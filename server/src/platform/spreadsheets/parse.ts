/**
 * Runs parse.worker.ts in a worker thread with a heap limit and a wall-clock timeout; whatever happens inside
 * (bomb, malformed file, out of memory, endless loop) comes back as a 4xx AppError, never a crash.
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../errors/errors.ts';
import { workerEntry } from '../worker-entry.ts';
import { DEFAULT_LIMITS, type Grid, type ParseLimits, type Rejection } from './limits.ts';
import type { WorkerInput, WorkerMessage } from './parse.worker.ts';

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

/** Parses an uploaded file in a worker; `onProgress` receives the number of rows read so far. */
export function parseInWorker(
  bytes: Uint8Array,
  opts: { limits?: Partial<ParseLimits>; onProgress?: (rows: number) => void } = {},
): Promise<ParseResult> {
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
    resourceLimits: { maxOldGenerationSizeMb: limits.workerHeapMb, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 },
  });
  return new Promise<ParseResult>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new AppError('VALIDATION', {
              zh: '文件解析超时，请拆分后重试',
              en: 'Parsing timed out; split the file and retry',
            }),
          ),
        ),
      limits.workerTimeoutMs,
    );
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') opts.onProgress?.(m.rows);
      else if (m.type === 'done') finish(() => resolve({ grid: m.grid, workerHeapUsed: m.heapUsed }));
      else finish(() => reject(rejectionError(m.rejection)));
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
    // A worker that ends without an answer (killed, crashed): messages it posted first are delivered before this.
    worker.on('exit', (code) =>
      setTimeout(
        () =>
          finish(() =>
            reject(
              new AppError('VALIDATION', { zh: '文件无法解析', en: `The file cannot be read (worker exit ${code})` }),
            ),
          ),
        50,
      ),
    );
  });
}
