/** The caller's own jobs: status with progress, the recent list, and the finished file. */
import type { Job } from '../../../../contracts/monitoring.ts';
import type { Caller, Deps } from '../deps.ts';
import { AppError } from '../errors/errors.ts';
import * as repo from './jobs.repository.ts';

export const RECENT_JOBS = 20;

export function presentJob(row: repo.JobRow): Job {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    progress: row.progress,
    message: row.message,
    error: row.error,
    fileName: row.file_name,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

/** One of the caller's jobs; another user's (or a missing) one is 404. */
export async function getJob(deps: Deps, caller: Caller, id: number): Promise<Job> {
  const row = await repo.findOwnJob(deps.db, caller.principal.userId, id);
  if (!row) throw new AppError('NOT_FOUND');
  return presentJob(row);
}

export async function listJobs(deps: Deps, caller: Caller): Promise<{ items: Job[] }> {
  const rows = await repo.listOwnJobs(deps.db, caller.principal.userId, RECENT_JOBS);
  return { items: rows.map(presentJob) };
}

/** The file of one of the caller's finished jobs: 409 while it runs or after a failure, 404 once purged. */
export async function getJobFile(
  deps: Deps,
  caller: Caller,
  id: number,
): Promise<{ fileName: string; mime: string; content: Buffer }> {
  const row = await repo.findOwnJobFile(deps.db, caller.principal.userId, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (row.status !== 'done')
    throw new AppError('INVALID_STATE', {
      zh: row.status === 'failed' ? '任务已失败，没有可下载的文件' : '任务尚未完成，请稍候',
      en: row.status === 'failed' ? 'The job failed; there is no file' : 'The job has not finished yet',
    });
  if (!row.content || !row.file_name || !row.mime)
    throw new AppError('NOT_FOUND', {
      zh: '文件已过期（保留 24 小时），请重新生成',
      en: 'The file has expired (kept for 24 hours); generate it again',
    });
  return { fileName: row.file_name, mime: row.mime, content: Buffer.from(row.content) };
}
