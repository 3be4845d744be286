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
  /** JSON `{ principal, actor }`: who the job runs as, as they were when it was enqueued (null on pre-0007 rows). */
  caller: string | null;
  /** The node holding the running job (runner id), null while queued or once finished. */
  claimed_by: string | null;
  /** Until when `claimed_by` holds it (renewed while it runs); past it, the job is queued again for another node. */
  lease_until: string | null;
  /** How many times the job was claimed (a retry after a node died claims it again). */
  attempts: Generated<number>;
}
