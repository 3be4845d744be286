/**
 * The scope function: every query that reads or writes division-owned rows goes through `scopeFilter` (SQL) or
 * `isWithinScope` (one object already loaded). Scope is a set of division subtrees taken from the caller's role
 * assignments that grant the permission; containment uses the closure table, never code prefixes.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import type { Permission } from '../../../../contracts/access.ts';
import { isDeclaredPermission, permissionsOfRole } from '../modules/installed.ts';
import { hasAncestorIn } from './scope.repository.ts';

export interface RoleAssignment {
  role: string;
  divisionCode: string;
}

export interface Principal {
  userId: number;
  username: string;
  displayName: string;
  divisionCode: string;
  orgId: number | null;
  roles: RoleAssignment[];
}

/**
 * Division roots under which `principal` holds `permission`; empty when it holds it nowhere. A permission no module
 * manifest declares is a programming error (it would silently refuse everyone) and throws.
 */
export function scopeRoots(principal: Principal, permission: Permission): string[] {
  if (!isDeclaredPermission(permission)) throw new Error(`permission ${permission} is not declared by any module`);
  const roots = new Set<string>();
  for (const a of principal.roles) {
    if (permissionsOfRole(a.role).includes(permission)) roots.add(a.divisionCode);
  }
  return [...roots];
}

export function hasPermission(principal: Principal, permission: Permission): boolean {
  return scopeRoots(principal, permission).length > 0;
}

/**
 * SQL predicate: `column` names a division inside one of the roots. Use in every scoped query:
 * `.where(scopeFilter('organisation.division_code', roots))`.
 */
export function scopeFilter(column: string, roots: readonly string[]): RawBuilder<SqlBool> {
  if (roots.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`${sql.ref(column)} in (select dc.descendant_code from division_closure dc where dc.ancestor_code in (${sql.join([...roots])}))`;
}

/**
 * SQL predicate, the reverse question of `scopeFilter`: `column` names a root whose subtree contains `divisionCode`
 * (the division itself or one of its ancestors). Finds whose scope covers an object, e.g. the officers to notify of a
 * registration: `.where(coversDivision('user_role.division_code', code))`.
 */
export function coversDivision(column: string, divisionCode: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} in (select dc.ancestor_code from division_closure dc where dc.descendant_code = ${divisionCode})`;
}

/**
 * SQL predicate, true when every row of `table` (optionally only those meeting `where`, written over the alias `t`)
 * has its `column` within the roots, i.e. `scopeFilter(column, roots)` holds for all of them: a query may then skip
 * the per-row test. It names no outer row, so the engine evaluates it once per statement, in the statement's own
 * snapshot; it walks the divisions outside the roots and probes `table` by an index on `column`.
 */
export function scopeCoversAll(
  roots: readonly string[],
  table: string,
  column: string,
  where?: RawBuilder<SqlBool>,
): RawBuilder<SqlBool> {
  if (roots.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`not exists (select 1 from division v where not (${scopeFilter('v.code', roots)})
    and exists (select 1 from ${sql.table(table)} t where ${sql.ref(`t.${column}`)} = v.code${where ? sql` and ${where}` : sql``}))`;
}

/** Whether one division lies within the roots (for an object already loaded). */
export async function isWithinScope(db: DbOrTrx, roots: readonly string[], divisionCode: string): Promise<boolean> {
  if (roots.length === 0) return false;
  return hasAncestorIn(db, divisionCode, roots);
}

/** Pure model of the closure: the ancestors of every node of a parent map, itself included. */
export function buildClosure(
  parents: ReadonlyMap<string, string | null>,
): { ancestor: string; descendant: string; distance: number }[] {
  const rows: { ancestor: string; descendant: string; distance: number }[] = [];
  for (const code of parents.keys()) {
    let cur: string | null | undefined = code;
    let distance = 0;
    const seen = new Set<string>();
    while (cur !== null && cur !== undefined && !seen.has(cur)) {
      seen.add(cur);
      rows.push({ ancestor: cur, descendant: code, distance });
      cur = parents.get(cur);
      distance++;
    }
  }
  return rows;
}
