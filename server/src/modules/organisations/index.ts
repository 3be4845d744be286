import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { registerOrganisationRoutes } from './organisations.routes.ts';

/** Organisations (单位): government units, responsibility units, enterprises, institutions. */
export function registerOrganisationsModule(app: FastifyInstance, deps: Deps): void {
  registerOrganisationRoutes(app, deps);
}
