/** Registers every module's routes; each module's index.ts is its only front door. */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { registerDivisionsModule } from './divisions/index.ts';
import { registerOrganisationsModule } from './organisations/index.ts';
import { registerUsersModule } from './users/index.ts';
import { registerAuditModule } from '../platform/audit/audit.routes.ts';

export function registerModules(app: FastifyInstance, deps: Deps): void {
  registerDivisionsModule(app, deps);
  registerOrganisationsModule(app, deps);
  registerUsersModule(app, deps);
  registerAuditModule(app, deps);
}
