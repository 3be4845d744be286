/** Front door of the divisions module (行政区划): the only file other modules import. */
import type { FastifyInstance } from 'fastify';
import type { DbOrTrx } from '../../db/database.ts';
import type { Deps } from '../deps.ts';
import { listDivisionNames } from './divisions.repository.ts';
import { registerDivisionRoutes } from './divisions.routes.ts';

export { loadChinaDivisions } from './division-source.ts';

/** Registers the module's routes (public reference data; no jobs, no facts yet). */
export function registerDivisionsModule(app: FastifyInstance, deps: Deps): void {
  registerDivisionRoutes(app, deps);
}

const nameCache = new WeakMap<object, Promise<Map<string, string>>>();

/**
 * Code -> name of every division, loaded once per database handle. Divisions are reference data written only by the
 * seed before the app serves; a future editing route must call {@link forgetDivisionNames}.
 */
export function divisionNames(db: DbOrTrx): Promise<Map<string, string>> {
  let names = nameCache.get(db);
  if (!names) {
    names = listDivisionNames(db).then((rows) => new Map(rows.map((r) => [r.code, r.name])));
    names.catch(() => nameCache.delete(db));
    nameCache.set(db, names);
  }
  return names;
}

export function forgetDivisionNames(db: DbOrTrx): void {
  nameCache.delete(db);
}
