/** All SQL of platform/jobs: the `job` table (one row per background job, its progress and, when done, its file). */
import type { Selectable } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import type { JobStatus, JobTable } from './jobs.tables.ts';

export type JobRow = Omit<Selectable<JobTable>, 'content'>;

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
  job: { kind: string; userId: number; params: string; message: string; at: string },
): Promise<JobRow> {
  return db
    .insertInto('job')
    .values({
      kind: job.kind,
      user_id: job.userId,
      params: job.params,
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

/** queued -> running; false when the job is no longer queued (failed at a restart, for instance). */
export async function markRunning(db: DbOrTrx, id: number, message: string): Promise<boolean> {
  const r = await db
    .updateTable('job')
    .set({ status: 'running', message })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function updateProgress(db: DbOrTrx, id: number, progress: number, message: string): Promise<void> {
  await db.updateTable('job').set({ progress, message }).where('id', '=', id).where('status', '=', 'running').execute();
}

export async function markDone(
  db: DbOrTrx,
  id: number,
  done: { message: string; fileName: string; mime: string; content: Buffer; at: string },
): Promise<void> {
  await db
    .updateTable('job')
    .set({
      status: 'done',
      progress: 100,
      message: done.message,
      file_name: done.fileName,
      mime: done.mime,
      content: done.content,
      finished_at: done.at,
    })
    .where('id', '=', id)
    .execute();
}

export async function markFailed(db: DbOrTrx, id: number, error: string, message: string, at: string): Promise<void> {
  await db.updateTable('job').set({ status: 'failed', error, message, finished_at: at }).where('id', '=', id).execute();
}

/** Jobs a previous process left queued or running: they can no longer finish. Returns how many were failed. */
export async function failUnfinished(db: DbOrTrx, error: string, message: string, at: string): Promise<number> {
  const r = await db
    .updateTable('job')
    .set({ status: 'failed', error, message, finished_at: at })
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
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
