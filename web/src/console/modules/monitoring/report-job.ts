/** Following a report job (后台任务) to its end: polling GET /api/jobs/:id, and the texts of its state. */
import type { Job } from '../../../../../contracts/monitoring.ts';

export const POLL_INTERVAL_MS = 500;

/** Job errors are stored as "中文 / English": the part in the user's language. */
export function jobErrorText(error: string | null, locale: string): string {
  if (!error) return locale === 'en-US' ? 'The report could not be generated' : '报告生成失败';
  const cut = error.indexOf(' / ');
  if (cut < 0) return error;
  return locale === 'en-US' ? error.slice(cut + 3) : error.slice(0, cut);
}

/** Whether the job has ended (done or failed). */
export function isFinished(job: Pick<Job, 'status'>): boolean {
  return job.status === 'done' || job.status === 'failed';
}

/**
 * Polls `fetchJob` every `intervalMs` until the job ends, reporting each state; resolves with the final job.
 * Rejects with an AbortError when `signal` aborts, or with the fetch's error.
 */
export async function followJob(
  fetchJob: (signal: AbortSignal) => Promise<Job>,
  opts: { onUpdate: (job: Job) => void; signal: AbortSignal; intervalMs?: number },
): Promise<Job> {
  const interval = opts.intervalMs ?? POLL_INTERVAL_MS;
  for (;;) {
    await new Promise<void>((resolve, reject) => {
      if (opts.signal.aborted) return reject(new DOMException('aborted', 'AbortError'));
      const timer = setTimeout(resolve, interval);
      opts.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          reject(new DOMException('aborted', 'AbortError'));
        },
        { once: true },
      );
    });
    const job = await fetchJob(opts.signal);
    opts.onUpdate(job);
    if (isFinished(job)) return job;
  }
}
