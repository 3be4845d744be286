import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { registerUserExportRoutes } from './users.export.ts';
import { registerUserRoutes } from './users.routes.ts';

export { userImport } from './users.import.ts';

/** Accounts (账户), roles and self-registration. */
export function registerUsersModule(app: FastifyInstance, deps: Deps): void {
  registerUserExportRoutes(app, deps);
  registerUserRoutes(app, deps);
}
