/**
 * The in-process queue of index runs: one run at a time per app (runs are CPU-bound and the machine has 2 cores),
 * started off the request path with setImmediate. The queue lives in memory: runs a previous process left queued or
 * running are failed at startup (runs.service `failInterrupted`).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../../platform/deps.ts';

interface Queue {
  pending: number[];
  running: Promise<void> | null;
  idle: Promise<void>;
  resolveIdle: () => void;
}

const queues = new WeakMap<Deps, Queue>();

function queueOf(deps: Deps): Queue {
  let q = queues.get(deps);
  if (!q) {
    let resolveIdle: () => void = () => undefined;
    const idle = new Promise<void>((r) => {
      resolveIdle = r;
    });
    q = { pending: [], running: null, idle, resolveIdle };
    resolveIdle();
    queues.set(deps, q);
  }
  return q;
}

/** Queues `runId`; `execute` is called for each queued run in turn and must not throw (it records failures). */
export function enqueueRun(deps: Deps, runId: number, execute: (deps: Deps, runId: number) => Promise<void>): void {
  const q = queueOf(deps);
  q.pending.push(runId);
  if (q.running) return;
  q.idle = new Promise<void>((r) => {
    q.resolveIdle = r;
  });
  const drain = async (): Promise<void> => {
    for (let next = q.pending.shift(); next !== undefined; next = q.pending.shift()) {
      await new Promise<void>((r) => setImmediate(r));
      await execute(deps, next).catch(() => undefined);
    }
    q.running = null;
    q.resolveIdle();
  };
  q.running = drain();
}

/** Resolves when every queued run of this app has finished (tests; app shutdown). */
export function runsIdle(deps: Deps): Promise<void> {
  return queueOf(deps).idle;
}

/**
 * Drops the runs still waiting and resolves when the current one has finished (app shutdown). The dropped runs stay
 * queued in the table and fail at the next startup, as after a crash.
 */
export function stopRuns(deps: Deps): Promise<void> {
  const q = queueOf(deps);
  q.pending.length = 0;
  return q.idle;
}

const loggers = new WeakMap<Deps, FastifyBaseLogger>();

/** The app's logger for failures inside runs (their stored error stays generic for internal errors). */
export function setRunLogger(deps: Deps, log: FastifyBaseLogger): void {
  loggers.set(deps, log);
}

export function runLogger(deps: Deps): FastifyBaseLogger | undefined {
  return loggers.get(deps);
}
