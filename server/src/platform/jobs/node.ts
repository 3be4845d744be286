/**
 * One app node's share of the job queue. Jobs followed in the `job` table are claimed from it (any node may claim a
 * job any node enqueued: the row holds params and caller) and held under a lease renewed while they run; self-tracked
 * jobs (index runs) stay in this node's memory queue. Both share one lane per process: one job at a time (the jobs
 * are CPU-bound renders and index runs on a 2-core machine).
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import { iso } from '../clock.ts';
import type { Caller, Deps } from '../deps.ts';
import { AppError } from '../errors/errors.ts';
import * as repo from './jobs.repository.ts';
import { kindNamed, tableKindNames, type FileJobKind } from './kinds.ts';
import { failureText, MAX_ATTEMPTS, NO_CALLER, NODE_LOST, safeText } from './texts.ts';

type Log = Pick<FastifyBaseLogger, 'error'>;

/** Progress rows are written at most this often (real time: a clock for people watching a bar). */
export const PROGRESS_WRITE_INTERVAL_MS = 250;
/** A claimed job is held this long past the last renewal (app clock); a node that stops renewing loses it. */
export const LEASE_MS = 2 * 60 * 1000;
/** The lease is renewed this often while the job runs (real time; well inside LEASE_MS). */
export const LEASE_RENEW_MS = 20 * 1000;
/** How often an idle node looks for queued work and for jobs whose node died (real time). */
export const POLL_MS = 2000;

/** One turn of the memory queue (self-tracked jobs): runs and records its outcome (never throws). */
export type LocalItem = (log: Log) => Promise<void>;

export interface JobNode {
  /** This node's id in `job.claimed_by` (host, process, random: two apps in one process are two nodes). */
  readonly id: string;
  /** A self-tracked job for this node's memory queue. */
  push(item: LocalItem): void;
  /** Something was enqueued (here or, for the poll, maybe elsewhere): claim queued work until none is left. */
  kick(): void;
  /** Requeues (or fails, after MAX_ATTEMPTS) the jobs whose node's lease expired; how many of each. */
  sweep(): Promise<{ requeued: number; failed: number }>;
  /** Polls every POLL_MS: sweep, then claim. */
  startPolling(): void;
  /** Resolves when nothing is queued in memory and nothing runs or is being claimed here. */
  idle(): Promise<void>;
  /** Stops claiming; the running job finishes, the memory queue is dropped, queued table rows stay for any node. */
  close(): Promise<void>;
}

// One lane for the whole process: jobs of every app instance (tests build many) run one after the other.
let laneTail: Promise<unknown> = Promise.resolve();
function inLane<T>(fn: () => Promise<T>): Promise<T> {
  const run = laneTail.then(fn);
  laneTail = run.catch(() => undefined);
  return run;
}

function createProgress(deps: Deps, id: number, node: string, log: Log) {
  let latest = { percent: 0, message: '' };
  let lastWrite = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;
  const write = (): Promise<void> => {
    lastWrite = performance.now();
    const { percent, message } = latest;
    chain = chain
      .then(() => repo.updateProgress(deps.db, id, node, percent, message))
      .catch((err: unknown) => log.error({ err, job: id }, 'job progress write failed'));
    return chain;
  };
  return {
    report(percent: number, message: string): Promise<void> {
      if (stopped) return chain;
      latest = { percent: Math.max(0, Math.min(99, Math.round(percent))), message: safeText(message) };
      const wait = PROGRESS_WRITE_INTERVAL_MS - (performance.now() - lastWrite);
      if (wait <= 0) {
        clearTimeout(timer);
        timer = undefined;
        return write();
      }
      // Within the interval: the latest value is written when it ends (the bar never sticks on an old value).
      timer ??= setTimeout(() => {
        timer = undefined;
        if (!stopped) void write();
      }, wait).unref();
      return chain;
    },
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await chain;
    },
  };
}

const leaseFrom = (deps: Deps): string => iso(new Date(deps.clock.now().getTime() + LEASE_MS));

/** Runs a job this node claimed and records its outcome while it still holds the lease (never throws). */
async function runClaimed(deps: Deps, node: string, log: Log, job: repo.ClaimedJob): Promise<void> {
  const at = () => iso(deps.clock.now());
  const kind = kindNamed(job.kind) as FileJobKind<never> | undefined;
  if (!kind || job.caller === null) {
    await repo.markFailed(deps.db, job.id, node, { error: NO_CALLER, message: '中断', at: at() });
    return;
  }
  const caller = JSON.parse(job.caller) as Caller;
  const progress = createProgress(deps, job.id, node, log);
  const renew = setInterval(() => {
    repo
      .renewLease(deps.db, job.id, node, leaseFrom(deps))
      .catch((err: unknown) => log.error({ err, job: job.id }, 'job lease renewal failed'));
  }, LEASE_RENEW_MS).unref();
  try {
    const out = await kind.run(
      { deps, caller, jobId: job.id, progress: (p, m) => progress.report(p, m) },
      JSON.parse(job.params) as never,
    );
    await progress.stop();
    const stored = await repo.markDone(deps.db, job.id, node, {
      message: safeText(out.message ?? '已完成'),
      fileName: safeText(out.fileName, 255),
      mime: out.mime,
      content: out.content,
      at: at(),
    });
    if (!stored) log.error({ job: job.id, node }, 'job finished after its lease passed to another node');
  } catch (err) {
    await progress.stop();
    if (!(err instanceof AppError)) log.error({ err, job: job.id, kind: job.kind }, 'job failed');
    await repo
      .markFailed(deps.db, job.id, node, { error: failureText(err), message: '失败', at: at() })
      .catch((e: unknown) => log.error({ err: e, job: job.id }, 'job failure could not be stored'));
  } finally {
    clearInterval(renew);
  }
}

export function createJobNode(deps: Deps, log: Log): JobNode {
  const id = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const local: LocalItem[] = [];
  let active: Promise<void> | null = null;
  let wanted = false;
  let closed = false;
  let poll: NodeJS.Timeout | undefined;
  let sweeping: Promise<void> | null = null;

  /** Claims one queued job and runs it; false when none was queued (or the node closed meanwhile). */
  const claimAndRun = async (): Promise<boolean> => {
    if (closed) return false;
    const job = await repo.claimNext(deps.db, deps.engine, {
      kinds: tableKindNames(),
      node: id,
      leaseUntil: leaseFrom(deps),
      message: '正在处理',
    });
    if (!job) return false;
    await runClaimed(deps, id, log, job);
    return true;
  };

  const drain = async (): Promise<void> => {
    while (!closed) {
      wanted = false;
      const item = local.shift();
      if (item) {
        await inLane(() => item(log));
        continue;
      }
      if (!(await inLane(claimAndRun))) return;
    }
  };

  const kick = (): void => {
    wanted = true;
    if (active || closed) return;
    // setImmediate: the request that enqueued the job answers first.
    active = new Promise<void>((resolve) => setImmediate(resolve))
      .then(drain)
      .catch((err: unknown) => log.error({ err, node: id }, 'job claim failed'))
      .finally(() => {
        active = null;
        if (wanted) kick();
      });
  };

  const sweep = () =>
    repo.sweepExpiredLeases(deps.db, {
      now: iso(deps.clock.now()),
      node: id,
      maxAttempts: MAX_ATTEMPTS,
      requeueMessage: '执行节点中断，排队重试',
      failure: { error: NODE_LOST, message: '中断' },
    });

  return {
    id,
    push(item) {
      local.push(item);
      kick();
    },
    kick,
    sweep,
    startPolling() {
      poll ??= setInterval(() => {
        if (closed || active || sweeping) return;
        sweeping = sweep()
          .then(() => kick())
          .catch((err: unknown) => log.error({ err, node: id }, 'job poll failed'))
          .finally(() => (sweeping = null));
      }, POLL_MS).unref();
    },
    async idle() {
      while (active) await active;
    },
    async close() {
      closed = true;
      clearInterval(poll);
      await sweeping;
      local.length = 0; // self-tracked rows left queued: failed as interrupted at the next start (their `recover`)
      while (active) await active;
    },
  };
}
