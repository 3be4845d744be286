/** Front door of the divisions module (行政区划): the only file other modules import. */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { registerDivisionRoutes } from './divisions.routes.ts';

/** Registers the module's routes (public reference data; no jobs, no facts yet). */
export function registerDivisionsModule(app: FastifyInstance, deps: Deps): void {
  registerDivisionRoutes(app, deps);
}
