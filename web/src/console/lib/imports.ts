/** The import page's state, from the server's import job (contracts/imports.ts). */
import type { ImportJob } from '../../../../contracts/imports.ts';

/** The step the page shows: 0 template, 1 upload / parsing, 2 report, 3 done. */
export function importStep(job: Pick<ImportJob, 'status'> | null, uploading: boolean): 0 | 1 | 2 | 3 {
  if (!job) return uploading ? 1 : 0;
  switch (job.status) {
    case 'parsing':
      return 1;
    case 'committed':
      return 3;
    case 'validated':
    case 'failed':
    case 'expired':
      return 2;
  }
}

/** Whether the report allows a commit: validated, not expired, no problems. */
export function canCommit(job: Pick<ImportJob, 'status' | 'errorCount'> | null): boolean {
  return job?.status === 'validated' && job.errorCount === 0;
}
