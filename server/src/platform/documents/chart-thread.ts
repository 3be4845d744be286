/**
 * Draws charts (ECharts SSR, labels outlined in the report font, resvg, PNG encoding) in one long-lived worker
 * thread: a chart is 50–300 ms of synchronous work on a quiet machine (the 103-county map the most), which would
 * otherwise stall every request of the process meanwhile. The worker starts on first use (loading ECharts and the
 * fonts takes it a second or two), holds its own fonts and maps, and ends after five idle minutes. Any failure of
 * the worker rejects; the caller then draws on the main thread.
 */
import { Worker } from 'node:worker_threads';
import type { ChartRequest, ChartResponse } from './chart.worker.ts';
import type { ChartSpec } from './model.ts';
import { workerEntry } from '../worker-entry.ts';

/** TypeScript through tsx from sources, the compiled chart.worker.js in dist/server (see worker-entry.ts). */
const ENTRY = workerEntry(import.meta.url, 'chart.worker');

const IDLE_MS = 5 * 60_000;
/** One chart never takes this long; a worker that does is stuck and is replaced. */
const CHART_TIMEOUT_MS = 60_000;

interface Pending {
  resolve(png: Buffer): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

let worker: Worker | null = null;
let sentMaps = new Set<string>();
const pending = new Map<number, Pending>();
let nextId = 1;
let idleTimer: NodeJS.Timeout | undefined;

function stop(reason: Error): void {
  const w = worker;
  worker = null;
  sentMaps = new Set();
  clearTimeout(idleTimer);
  for (const [id, p] of pending) {
    clearTimeout(p.timer);
    pending.delete(id);
    p.reject(reason);
  }
  if (w) void w.terminate();
}

function start(): Worker {
  const w = new Worker(ENTRY.filename, {
    eval: ENTRY.eval,
    resourceLimits: { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
  });
  w.unref(); // never keeps the process alive
  w.on('message', (m: ChartResponse) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    clearTimeout(p.timer);
    if ('png' in m) p.resolve(Buffer.from(m.png.buffer, m.png.byteOffset, m.png.byteLength));
    else p.reject(new Error(m.error));
    if (pending.size === 0) {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => stop(new Error('chart worker idle')), IDLE_MS).unref();
    }
  });
  w.on('error', (err) => {
    if (worker === w) stop(err);
  });
  w.on('exit', (code) => {
    if (worker === w) stop(new Error(`chart worker exited (${code})`));
  });
  return w;
}

/** The PNG of `spec`, drawn in the worker. `map` is the geometry of a map chart's map, sent once per worker. */
export function chartPngInWorker(spec: ChartSpec, map?: { name: string; geometry: unknown }): Promise<Buffer> {
  worker ??= start();
  clearTimeout(idleTimer);
  const w = worker;
  const id = nextId++;
  const request: ChartRequest = { id, spec };
  if (map && !sentMaps.has(map.name)) {
    request.map = map;
    sentMaps.add(map.name);
  }
  return new Promise<Buffer>((resolve, reject) => {
    const timer = setTimeout(() => stop(new Error('chart worker timed out')), CHART_TIMEOUT_MS).unref();
    pending.set(id, { resolve, reject, timer });
    w.postMessage(request);
  });
}

/** Ends the worker now (tests, shutdown); the next chart starts a new one. */
export function stopChartWorker(): void {
  stop(new Error('chart worker stopped'));
}
