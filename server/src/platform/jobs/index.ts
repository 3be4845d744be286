/**
 * Front door of platform/jobs (后台任务): declare a kind, enqueue it for a caller, let the owner follow its progress
 * and download its file.
 */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';
import { registerJobRoutes } from './jobs.routes.ts';
import { startJobRunner } from './runner.ts';

export {
  defineJobKind,
  enqueueJob,
  purgeExpiredJobs,
  jobNodeId,
  recoverInterruptedJobs,
  scheduleJob,
  whenJobsIdle,
  type FileJobKind,
  type JobContext,
  type JobKind,
  type JobOutput,
  type SelfTrackedJobContext,
  type SelfTrackedJobKind,
} from './runner.ts';
export { presentJob } from './jobs.service.ts';

/** Routes and the runner's lifecycle (recovery and purge at ready, drain at close). */
export function registerJobs(app: FastifyInstance, deps: Deps): void {
  const runner = startJobRunner(deps, app.log);
  app.addHook('onReady', () => runner.ready());
  app.addHook('onClose', () => runner.close());
  registerJobRoutes(app, deps);
}
