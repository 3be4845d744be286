/**
 * Background jobs (后台任务): a job kind is declared once with `defineJobKind`; `enqueueJob` stores a queued row (with
 * its params and the caller it runs as) and kicks this node's runner; any node of the app claims it from the table
 * (node.ts: one statement, skip-locked on PostgreSQL) and holds it under a lease while it runs, one job at a time per
 * process. A node that dies mid-job stops renewing its lease: once it expires, the job is queued again for any node
 * (MAX_ATTEMPTS claims, then failed). Progress is written to the row, throttled; the result file is kept in the row for
 * 24 hours. A kind whose users follow a row of its own (index runs: `mon_run`) is declared `tracking: 'self'`: it
 * shares the lane, stays in the memory queue of the node that scheduled it, keeps its status and progress in that row
 * and fails its unfinished rows at startup (`recover`).
 */
import type { FastifyBaseLogger } from 'fastify';
import { hasPermission } from '../access/scope.ts';
import { writeAudit, type AuditEntry } from '../audit/audit.ts';
import { iso } from '../clock.ts';
import type { Caller, Deps } from '../deps.ts';
import { AppError } from '../errors/errors.ts';
import * as repo from './jobs.repository.ts';
import { assertDefined, selfTrackedKinds, type FileJobKind, type SelfTrackedJobKind } from './kinds.ts';
import { createJobNode, type JobNode } from './node.ts';
import { safeText } from './texts.ts';

export {
  defineJobKind,
  type FileJobKind,
  type JobContext,
  type JobKind,
  type JobKindDefinition,
  type JobOutput,
  type JobTracking,
  type SelfTrackedJobContext,
  type SelfTrackedJobKind,
  type SelfTrackedJobKindDefinition,
} from './kinds.ts';
export { LEASE_MS, POLL_MS, PROGRESS_WRITE_INTERVAL_MS } from './node.ts';
export { failureText, INTERRUPTED, MAX_ATTEMPTS, NODE_LOST, safeText } from './texts.ts';

/** Files are dropped this long after the job finished; rows a while later. */
export const JOB_FILE_RETENTION_MS = 24 * 3600 * 1000;
export const JOB_ROW_RETENTION_MS = 30 * 24 * 3600 * 1000;
const PURGE_INTERVAL_MS = 3600 * 1000;

const silent: Pick<FastifyBaseLogger, 'error'> = { error: () => undefined };
const nodes = new WeakMap<Deps, JobNode>();

/** The app's node (one without the lifecycle, for deps used outside an app: CLI, scripts). */
function nodeOf(deps: Deps): JobNode {
  let n = nodes.get(deps);
  if (!n) {
    n = createJobNode(deps, silent);
    nodes.set(deps, n);
  }
  return n;
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
      caller: JSON.stringify({ principal: caller.principal, actor: caller.actor } satisfies Caller),
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
  nodeOf(deps).kick();
  return row;
}

/**
 * Schedules a job of a self-tracked kind whose queued row the caller has already stored (and audited) in its own
 * table; it runs on this node, in turn with every other job of the process.
 */
export function scheduleJob<P>(deps: Deps, kind: SelfTrackedJobKind<P>, params: P): void {
  assertDefined(kind);
  nodeOf(deps).push(async (log) => {
    try {
      await kind.run({ deps, log }, params);
    } catch (err) {
      log.error({ err, kind: kind.kind }, 'job failed');
    }
  });
}

/**
 * At startup: `job` rows whose node died (lease expired) are queued again, or failed after MAX_ATTEMPTS claims; rows
 * other nodes hold are left alone. Self-tracked kinds fail the rows a previous process left queued or running (their
 * `recover`). Returns how many rows were requeued or failed.
 */
export async function recoverInterruptedJobs(deps: Deps): Promise<number> {
  const { requeued, failed } = await nodeOf(deps).sweep();
  let n = requeued + failed;
  for (const k of selfTrackedKinds()) n += await k.recover(deps);
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

/** Resolves when this app's node has nothing in memory, runs nothing and claims nothing. */
export function whenJobsIdle(deps: Deps): Promise<void> {
  return nodeOf(deps).idle();
}

/** This app's node id (as stored in `job.claimed_by`). */
export function jobNodeId(deps: Deps): string {
  return nodeOf(deps).id;
}

/**
 * Runner lifecycle for an app: at ready, jobs of dead nodes are recovered, queued ones claimed, old files purged
 * (then hourly) and the poll started; at close, the running job finishes and this node stops claiming.
 */
export function startJobRunner(
  deps: Deps,
  log: Pick<FastifyBaseLogger, 'error'>,
): { ready(): Promise<void>; close(): Promise<void> } {
  if (nodes.has(deps)) throw new Error('the job runner of this app is already started');
  const node = createJobNode(deps, log);
  nodes.set(deps, node);
  let timer: NodeJS.Timeout | undefined;
  const purge = () => purgeExpiredJobs(deps).catch((err: unknown) => log.error({ err }, 'job purge failed'));
  return {
    async ready() {
      await recoverInterruptedJobs(deps);
      await purge();
      timer = setInterval(() => void purge(), PURGE_INTERVAL_MS).unref();
      node.startPolling();
      node.kick();
    },
    async close() {
      clearInterval(timer);
      await node.close();
    },
  };
}
