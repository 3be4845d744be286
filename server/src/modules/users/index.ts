import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { registerUserExportRoutes } from './users.export.ts';
import { registerUserFacts } from './users.facts.ts';
import { registerUserRoutes } from './users.routes.ts';

export { userImport } from './users.import.ts';
export { EXPERTS_COUNT } from './users.facts.ts';
// Account creation for the CLI and the demo seed (validated, audited, one transaction).
export { createUser, type CreateUserInput } from './users.admin.ts';

/** Accounts (账户), roles and self-registration. */
export function registerUsersModule(app: FastifyInstance, deps: Deps): void {
  registerUserFacts();
  registerUserExportRoutes(app, deps);
  registerUserRoutes(app, deps);
}
