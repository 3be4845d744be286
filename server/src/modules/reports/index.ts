import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { registerReportRoutes } from './reports.routes.ts';

/** Reports (报告): documents composed from metrics facts, downloaded as docx or PDF. */
export function registerReportsModule(app: FastifyInstance, deps: Deps): void {
  registerReportRoutes(app, deps);
}
