import type { Generated } from 'kysely';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

/** A background job (report generation, index run …) with progress and, when done, an optional file. */
export interface JobTable {
  id: Generated<number>;
  kind: string;
  user_id: number;
  /** JSON parameters. */
  params: string;
  status: JobStatus;
  progress: number;
  message: string;
  error: string | null;
  file_name: string | null;
  mime: string | null;
  content: Buffer | null;
  created_at: string;
  finished_at: string | null;
}
