/** Front door of the divisions module (行政区划): the only file other modules import. */
import type { FastifyInstance } from 'fastify';
import type { DbOrTrx } from '../../db/database.ts';
import type { Deps } from '../deps.ts';
import { listClosurePairs, listDivisionNames } from './divisions.repository.ts';
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
  closureCache.delete(db);
}

const closureCache = new WeakMap<object, Promise<Map<string, readonly string[]>>>();

/**
 * The codes of every division inside the roots (each root and its descendants, from `division_closure`), sorted and
 * without repeats; loaded once per database handle like {@link divisionNames}. Lets a hot query name its scope as a
 * list of codes instead of joining the closure table on every request.
 */
export async function descendantCodes(db: DbOrTrx, roots: readonly string[]): Promise<string[]> {
  let closure = closureCache.get(db);
  if (!closure) {
    closure = listClosurePairs(db).then((pairs) => {
      const map = new Map<string, string[]>();
      for (const p of pairs) {
        const list = map.get(p.ancestor_code);
        if (list) list.push(p.descendant_code);
        else map.set(p.ancestor_code, [p.descendant_code]);
      }
      return map;
    });
    closure.catch(() => closureCache.delete(db));
    closureCache.set(db, closure);
  }
  const map = await closure;
  if (roots.length === 1) return [...(map.get(roots[0]!) ?? [])];
  const codes = new Set<string>();
  for (const root of roots) for (const code of map.get(root) ?? []) codes.add(code);
  return [...codes].sort();
}
