/** Registers every module's routes; each module's index.ts is its only front door. */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { registerDivisionsModule } from '../platform/divisions/index.ts';
import { registerReportsModule } from './reports/index.ts';
import { registerMonitoringModule } from './monitoring/index.ts';
import { organisationImport, registerOrganisationsModule } from './organisations/index.ts';
import { registerUsersModule, userImport } from './users/index.ts';
import { registerImports } from '../platform/spreadsheets/index.ts';
import { registerAuditModule } from '../platform/audit/audit.routes.ts';
import { registerSearchRoutes } from '../platform/search/search.routes.ts';
import { registerMetricsRoutes } from '../platform/metrics/index.ts';
import { registerNotificationRoutes } from '../platform/notifications/index.ts';
import { registerJobs } from '../platform/jobs/index.ts';

export function registerModules(app: FastifyInstance, deps: Deps): void {
  registerDivisionsModule(app, deps);
  registerOrganisationsModule(app, deps);
  registerUsersModule(app, deps);
  registerImports(app, deps, [organisationImport, userImport]);
  registerAuditModule(app, deps);
  registerSearchRoutes(app, deps);
  registerMetricsRoutes(app, deps);
  registerReportsModule(app, deps);
  registerNotificationRoutes(app, deps);
  registerJobs(app, deps);
  registerMonitoringModule(app, deps);
}
