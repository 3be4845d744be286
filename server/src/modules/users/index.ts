import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { registerUserRoutes } from './users.routes.ts';

/** Accounts (账户), roles and self-registration. */
export function registerUsersModule(app: FastifyInstance, deps: Deps): void {
  registerUserRoutes(app, deps);
}
