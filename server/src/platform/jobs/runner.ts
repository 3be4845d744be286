/**
 * The in-process job runner (后台任务): a job kind is declared once with `defineJobKind`; `enqueueJob` stores a
 * queued row and runs it off the request path, one job at a time per process (the machine has 2 cores and the
 * jobs are CPU-bound document renders and index runs). Progress is written to the row, throttled; the result file is
 * kept in the row for 24 hours. Jobs a previous process left unfinished are failed at startup: the queue lives in
 * memory. A kind whose users follow a row of its own (index runs: `mon_run`) is declared `tracking: 'self'`: it shares
 * the queue, the lane and the restart rule, and keeps its status and progress in that row instead of `job`.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Permission } from '../../../../contracts/access.ts';
import { hasPermission } from '../access/scope.ts';
import { writeAudit, type AuditEntry } from '../audit/audit.ts';
import { iso } from '../clock.ts';
import type { Caller, Deps } from '../deps.ts';
import { AppError, ERRORS } from '../errors/errors.ts';
import * as repo from './jobs.repository.ts';

/** What a finished job hands back: one file for its owner to download. */
export interface JobOutput {
  fileName: string;
  mime: string;
  content: Buffer;
  /** Final status line (default 已完成). */
  message?: string;
}

export interface JobContext {
  deps: Deps;
  /** The caller who enqueued the job, as they were at that moment. */
  caller: Caller;
  jobId: number;
  /**
   * Reports progress (0-99; 100 is written when the job is done) with a short status line. Writes are throttled:
   * await it or not, it never throws.
   */
  progress(percent: number, message: string): Promise<void>;
}

/** A kind tracked in the `job` table: its owner follows it under /api/jobs and downloads the file it hands back. */
export interface JobKindDefinition<P> {
  /** Checked again when the job is enqueued (routes check theirs first). */
  permission?: Permission;
  run(ctx: JobContext, params: P): Promise<JobOutput>;
}

/** What a self-tracked job runs with: its row is its own, so it records status and progress itself. */
export interface SelfTrackedJobContext {
  deps: Deps;
  /** The app's logger (internal failures are logged here; the stored error stays generic). */
  log: Pick<FastifyBaseLogger, 'error'>;
}

/**
 * A kind whose users follow a row of its own table (index runs: the `mon_run` row and its RunSummary), not a `job`
 * row: it is not listed under /api/jobs and hands back no file. It shares the runner (one lane, started after the
 * request answered, the queue dropped at close) and the restart rule: `recover` runs when the app is ready.
 */
export interface SelfTrackedJobKindDefinition<P> {
  tracking: 'self';
  /** Runs the job, writing its own status, progress and outcome; a throw is only logged. */
  run(ctx: SelfTrackedJobContext, params: P): Promise<void>;
  /** Fails the kind's rows a previous process left queued or running (its queue died with it); returns how many. */
  recover(deps: Deps): Promise<number>;
}

export type FileJobKind<P> = JobKindDefinition<P> & { kind: string; tracking?: undefined };
export type SelfTrackedJobKind<P> = SelfTrackedJobKindDefinition<P> & { kind: string };
/** Any declared kind (a module manifest lists its kinds as `jobKinds`). */
export type JobKind<P> = FileJobKind<P> | SelfTrackedJobKind<P>;

/** Where a kind's jobs are followed: the `job` table (the default) or a row of the kind's own table. */
export type JobTracking = 'job' | 'self';
type DefinitionOf<P, T extends JobTracking> = T extends 'self' ? SelfTrackedJobKindDefinition<P> : JobKindDefinition<P>;
type KindOf<P, T extends JobTracking> = T extends 'self' ? SelfTrackedJobKind<P> : FileJobKind<P>;

const kinds = new Map<string, JobKind<never>>();

/**
 * Declares a job kind (once per process, at module load): `defineJobKind<Params>(kind, { run })` for a job followed
 * in the `job` table, `defineJobKind<Params, 'self'>(kind, { tracking: 'self', run, recover })` for a self-tracked one.
 */
export function defineJobKind<P, T extends JobTracking = 'job'>(kind: string, def: DefinitionOf<P, T>): KindOf<P, T> {
  if (kinds.has(kind)) throw new Error(`job kind "${kind}" is defined twice`);
  const k = { kind, ...def } as KindOf<P, T>;
  kinds.set(kind, k);
  return k;
}

/** Progress rows are written at most this often (real time: a clock for people watching a bar). */
export const PROGRESS_WRITE_INTERVAL_MS = 250;
/** Files are dropped this long after the job finished; rows a while later. */
export const JOB_FILE_RETENTION_MS = 24 * 3600 * 1000;
export const JOB_ROW_RETENTION_MS = 30 * 24 * 3600 * 1000;
const PURGE_INTERVAL_MS = 3600 * 1000;

export const INTERRUPTED = {
  zh: '服务重启，任务中断',
  en: 'the server restarted; the job was interrupted',
};
const INTERNAL_FAILURE = {
  zh: '任务执行失败（内部错误），请稍后重试或联系管理员',
  en: 'the job failed (internal error); retry later or contact the administrator',
};
const MESSAGE_MAX = 300;

/** Text for a varchar(300) column: control characters out, cut at whole characters (code points). */
export function safeText(text: string, max = MESSAGE_MAX): string {
  const spaced = Array.from(text, (c) => (c.charCodeAt(0) < 0x20 || c === '\u007f' ? ' ' : c)).join('');
  const chars = Array.from(spaced.replace(/ {2,}/g, ' ').trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** The stored error of a failed job: the AppError's own bilingual message, or a generic one (internals are logged). */
export function failureText(err: unknown): string {
  if (err instanceof AppError) {
    const m = err.messages ?? { zh: ERRORS[err.code].zh, en: ERRORS[err.code].en };
    return safeText(`${m.zh} / ${m.en}`, 1000);
  }
  return `${INTERNAL_FAILURE.zh} / ${INTERNAL_FAILURE.en}`;
}

interface JobItem {
  id: number;
  kind: FileJobKind<never>;
  params: unknown;
  caller: Caller;
}

/** One turn of the queue: runs a job and records its outcome (never throws). */
type QueueItem = (log: Pick<FastifyBaseLogger, 'error'>) => Promise<void>;

interface Runner {
  push(item: QueueItem): void;
  close(): Promise<void>;
  /** Resolves when the queue is empty and nothing runs (tests, shutdown). */
  idle(): Promise<void>;
}

const silent: Pick<FastifyBaseLogger, 'error'> = { error: () => undefined };
const runners = new WeakMap<Deps, Runner>();

// One lane for the whole process: jobs of every app instance (tests build many) run one after the other.
let laneTail: Promise<void> = Promise.resolve();
function inLane(fn: () => Promise<void>): Promise<void> {
  const run = laneTail.then(fn);
  laneTail = run.catch(() => undefined);
  return run;
}

function createProgress(deps: Deps, id: number, log: Pick<FastifyBaseLogger, 'error'>) {
  let latest = { percent: 0, message: '' };
  let lastWrite = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;
  const write = (): Promise<void> => {
    lastWrite = performance.now();
    const { percent, message } = latest;
    chain = chain
      .then(() => repo.updateProgress(deps.db, id, percent, message))
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

async function runOne(deps: Deps, log: Pick<FastifyBaseLogger, 'error'>, item: JobItem): Promise<void> {
  try {
    if (!(await repo.markRunning(deps.db, item.id, '正在处理'))) return;
  } catch (err) {
    log.error({ err, job: item.id }, 'job start failed');
    return;
  }
  const progress = createProgress(deps, item.id, log);
  try {
    const out = await item.kind.run(
      { deps, caller: item.caller, jobId: item.id, progress: (p, m) => progress.report(p, m) },
      item.params as never,
    );
    await progress.stop();
    await repo.markDone(deps.db, item.id, {
      message: safeText(out.message ?? '已完成'),
      fileName: safeText(out.fileName, 255),
      mime: out.mime,
      content: out.content,
      at: iso(deps.clock.now()),
    });
  } catch (err) {
    await progress.stop();
    if (!(err instanceof AppError)) log.error({ err, job: item.id, kind: item.kind.kind }, 'job failed');
    try {
      await repo.markFailed(deps.db, item.id, failureText(err), '失败', iso(deps.clock.now()));
    } catch (e) {
      log.error({ err: e, job: item.id }, 'job failure could not be stored');
    }
  }
}

function createRunner(deps: Deps, log: Pick<FastifyBaseLogger, 'error'>): Runner {
  const queue: QueueItem[] = [];
  let active: Promise<void> | null = null;
  let closed = false;
  const kick = (): void => {
    if (active || closed || queue.length === 0) return;
    // setImmediate: the request that enqueued the job answers first.
    active = new Promise<void>((resolve) => setImmediate(resolve))
      .then(async () => {
        for (let item = queue.shift(); item && !closed; item = queue.shift()) {
          const current = item;
          await inLane(() => current(log));
        }
      })
      .finally(() => {
        active = null;
        kick();
      });
  };
  return {
    push(item) {
      queue.push(item);
      kick();
    },
    async idle() {
      while (active) await active;
    },
    async close() {
      closed = true;
      queue.length = 0; // left queued in the table: failed as interrupted at the next start
      while (active) await active;
    },
  };
}

function runnerOf(deps: Deps): Runner {
  let r = runners.get(deps);
  if (!r) {
    r = createRunner(deps, silent);
    runners.set(deps, r);
  }
  return r;
}

/**
 * Stores a queued job for `caller` (and `audit` in the same transaction) and schedules it. The job's permission
 * is checked here; scope checks belong to the caller (the route's service) before it enqueues.
 */
export async function enqueueJob<P>(
  deps: Deps,
  caller: Caller,
  kind: FileJobKind<P>,
  params: P,
  opts: { audit?: AuditEntry; message?: string } = {},
): Promise<repo.JobRow> {
  assertDefined(kind);
  if (kind.permission && !hasPermission(caller.principal, kind.permission)) throw new AppError('FORBIDDEN');
  const row = await deps.db.transaction().execute(async (trx) => {
    const job = await repo.insertJob(trx, {
      kind: kind.kind,
      userId: caller.principal.userId,
      params: JSON.stringify(params ?? null),
      message: safeText(opts.message ?? '排队中'),
      at: iso(deps.clock.now()),
    });
    if (opts.audit)
      await writeAudit(trx, deps.audit, caller.actor, {
        ...opts.audit,
        details: { ...opts.audit.details, job: job.id },
      });
    return job;
  });
  const item: JobItem = { id: row.id, kind: kind, params, caller };
  runnerOf(deps).push((log) => runOne(deps, log, item));
  return row;
}

function assertDefined(kind: JobKind<never>): void {
  if (kinds.get(kind.kind) !== kind) throw new Error(`job kind "${kind.kind}" is not defined`);
}

/**
 * Schedules a job of a self-tracked kind whose queued row the caller has already stored (and audited) in its own
 * table; it runs in turn with every other job of the app.
 */
export function scheduleJob<P>(deps: Deps, kind: SelfTrackedJobKind<P>, params: P): void {
  assertDefined(kind);
  runnerOf(deps).push(async (log) => {
    try {
      await kind.run({ deps, log }, params);
    } catch (err) {
      log.error({ err, kind: kind.kind }, 'job failed');
    }
  });
}

/**
 * Fails what a previous process left queued or running (its queue died with it): `job` rows and the rows of every
 * self-tracked kind. Returns how many.
 */
export async function recoverInterruptedJobs(deps: Deps): Promise<number> {
  let n = await repo.failUnfinished(deps.db, `${INTERRUPTED.zh} / ${INTERRUPTED.en}`, '中断', iso(deps.clock.now()));
  for (const k of kinds.values()) if (k.tracking === 'self') n += await k.recover(deps);
  return n;
}

/** Drops files older than 24 h and rows older than 30 days. */
export async function purgeExpiredJobs(deps: Deps): Promise<{ files: number; rows: number }> {
  const now = deps.clock.now().getTime();
  return repo.purgeJobs(deps.db, {
    filesBefore: iso(new Date(now - JOB_FILE_RETENTION_MS)),
    rowsBefore: iso(new Date(now - JOB_ROW_RETENTION_MS)),
  });
}

/** Resolves when this app's runner has nothing queued or running. */
export function whenJobsIdle(deps: Deps): Promise<void> {
  return runnerOf(deps).idle();
}

/**
 * Runner lifecycle for an app: at ready, jobs of a previous process are failed and old files purged (then hourly);
 * at close, the running job finishes and the queue is dropped.
 */
export function startJobRunner(
  deps: Deps,
  log: Pick<FastifyBaseLogger, 'error'>,
): { ready(): Promise<void>; close(): Promise<void> } {
  if (runners.has(deps)) throw new Error('the job runner of this app is already started');
  const runner = createRunner(deps, log);
  runners.set(deps, runner);
  let timer: NodeJS.Timeout | undefined;
  const purge = () => purgeExpiredJobs(deps).catch((err: unknown) => log.error({ err }, 'job purge failed'));
  return {
    async ready() {
      await recoverInterruptedJobs(deps);
      await purge();
      timer = setInterval(() => void purge(), PURGE_INTERVAL_MS).unref();
    },
    async close() {
      clearInterval(timer);
      await runner.close();
    },
  };
}
