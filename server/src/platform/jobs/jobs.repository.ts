/** All SQL of platform/jobs: the `job` table (one row per background job, its progress and, when done, its file). */
import type { Selectable } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import { claimable, type Engine } from '../../db/dialect.ts';
import type { JobStatus, JobTable } from './jobs.tables.ts';

export type JobRow = Omit<Selectable<JobTable>, 'content' | 'caller' | 'claimed_by' | 'lease_until' | 'attempts'>;

const COLUMNS = [
  'id',
  'kind',
  'user_id',
  'params',
  'status',
  'progress',
  'message',
  'error',
  'file_name',
  'mime',
  'created_at',
  'finished_at',
] as const;

export async function insertJob(
  db: DbOrTrx,
  job: { kind: string; userId: number; params: string; caller: string; message: string; at: string },
): Promise<JobRow> {
  return db
    .insertInto('job')
    .values({
      kind: job.kind,
      user_id: job.userId,
      params: job.params,
      caller: job.caller,
      status: 'queued',
      progress: 0,
      message: job.message,
      created_at: job.at,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
}

/** The caller's own job; another user's is indistinguishable from a missing one. */
export async function findOwnJob(db: DbOrTrx, userId: number, id: number): Promise<JobRow | undefined> {
  return db.selectFrom('job').select(COLUMNS).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
}

export async function findJob(db: DbOrTrx, id: number): Promise<JobRow | undefined> {
  return db.selectFrom('job').select(COLUMNS).where('id', '=', id).executeTakeFirst();
}

export async function listOwnJobs(db: DbOrTrx, userId: number, limit: number): Promise<JobRow[]> {
  return db
    .selectFrom('job')
    .select(COLUMNS)
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function findOwnJobFile(
  db: DbOrTrx,
  userId: number,
  id: number,
): Promise<{ status: JobStatus; file_name: string | null; mime: string | null; content: Buffer | null } | undefined> {
  return db
    .selectFrom('job')
    .select(['status', 'file_name', 'mime', 'content'])
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** What a node needs to run the job it claimed. */
export interface ClaimedJob {
  id: number;
  kind: string;
  params: string;
  caller: string | null;
  attempts: number;
}

/**
 * Claims the oldest queued job of one of `kinds` for `node` until `leaseUntil`: queued -> running in one statement,
 * so two nodes never claim the same row (`claimable`: skip-locked on PostgreSQL). Undefined when none is queued.
 */
export async function claimNext(
  db: DbOrTrx,
  engine: Engine,
  claim: { kinds: readonly string[]; node: string; leaseUntil: string; message: string },
): Promise<ClaimedJob | undefined> {
  if (claim.kinds.length === 0) return undefined;
  return db
    .updateTable('job')
    .set((eb) => ({
      status: 'running',
      message: claim.message,
      claimed_by: claim.node,
      lease_until: claim.leaseUntil,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', '=', (eb) =>
      claimable(
        engine,
        eb
          .selectFrom('job')
          .select('id')
          .where('status', '=', 'queued')
          .where('kind', 'in', claim.kinds)
          .orderBy('id')
          .limit(1),
      ),
    )
    .where('status', '=', 'queued')
    .returning(['id', 'kind', 'params', 'caller', 'attempts'])
    .executeTakeFirst();
}

/** Extends the lease of a job `node` still holds; false when it no longer does (another node took it over). */
export async function renewLease(db: DbOrTrx, id: number, node: string, leaseUntil: string): Promise<boolean> {
  const r = await db
    .updateTable('job')
    .set({ lease_until: leaseUntil })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('claimed_by', '=', node)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Progress of a job `node` holds (a node that lost its lease writes nothing). */
export async function updateProgress(
  db: DbOrTrx,
  id: number,
  node: string,
  progress: number,
  message: string,
): Promise<void> {
  await db
    .updateTable('job')
    .set({ progress, message })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('claimed_by', '=', node)
    .execute();
}

/** running -> done, if `node` still holds the job; false otherwise (the outcome of a retry elsewhere stands). */
export async function markDone(
  db: DbOrTrx,
  id: number,
  node: string,
  done: { message: string; fileName: string; mime: string; content: Buffer; at: string },
): Promise<boolean> {
  const r = await db
    .updateTable('job')
    .set({
      status: 'done',
      progress: 100,
      message: done.message,
      file_name: done.fileName,
      mime: done.mime,
      content: done.content,
      finished_at: done.at,
      lease_until: null,
    })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('claimed_by', '=', node)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** running -> failed, if `node` still holds the job. */
export async function markFailed(
  db: DbOrTrx,
  id: number,
  node: string,
  failure: { error: string; message: string; at: string },
): Promise<void> {
  await db
    .updateTable('job')
    .set({
      status: 'failed',
      error: failure.error,
      message: failure.message,
      finished_at: failure.at,
      lease_until: null,
    })
    .where('id', '=', id)
    .where('status', '=', 'running')
    .where('claimed_by', '=', node)
    .execute();
}

/**
 * Jobs whose node died: running, lease expired (or none: rows from before leases), held by another node than
 * `node` (a live node never sweeps its own). Those claimed fewer than `maxAttempts` times are queued again for any
 * node; the others fail with `failure`. Returns how many of each.
 */
export async function sweepExpiredLeases(
  db: DbOrTrx,
  sweep: {
    now: string;
    node: string;
    maxAttempts: number;
    requeueMessage: string;
    failure: { error: string; message: string };
  },
): Promise<{ requeued: number; failed: number }> {
  const base = db
    .updateTable('job')
    .where('status', '=', 'running')
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', sweep.now)]))
    .where((eb) => eb.or([eb('claimed_by', 'is', null), eb('claimed_by', '<>', sweep.node)]));
  const failed = await base
    .set({
      status: 'failed',
      error: sweep.failure.error,
      message: sweep.failure.message,
      finished_at: sweep.now,
      lease_until: null,
    })
    .where('attempts', '>=', sweep.maxAttempts)
    .executeTakeFirst();
  const requeued = await base
    .set({ status: 'queued', progress: 0, message: sweep.requeueMessage, claimed_by: null, lease_until: null })
    .where('attempts', '<', sweep.maxAttempts)
    .executeTakeFirst();
  return { requeued: Number(requeued.numUpdatedRows), failed: Number(failed.numUpdatedRows) };
}

/** Drops the files of jobs finished before `before`; deletes rows finished before `deleteBefore`. */
export async function purgeJobs(
  db: DbOrTrx,
  opts: { filesBefore: string; rowsBefore: string },
): Promise<{ files: number; rows: number }> {
  const files = await db
    .updateTable('job')
    .set({ content: null })
    .where('finished_at', '<', opts.filesBefore)
    .where('content', 'is not', null)
    .executeTakeFirst();
  const rows = await db.deleteFrom('job').where('finished_at', '<', opts.rowsBefore).executeTakeFirst();
  return { files: Number(files.numUpdatedRows), rows: Number(rows.numDeletedRows) };
}
