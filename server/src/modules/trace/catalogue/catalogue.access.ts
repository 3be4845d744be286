/**
 * Who sees and writes which operators: an account acting for an operator (trace_operator_user) reaches that operator's
 * records; an officer holding `trace:oversee` reaches every operator in the divisions of that permission; writes also
 * need `trace:catalogue_manage` over the operator's division (or acting for it).
 */
import { sql, type SqlBool, type ExpressionBuilder, type Expression } from 'kysely';
import type { Database, DbOrTrx } from '../../../db/database.ts';
import { hasPermission, scopeRoots } from '../../../platform/access/scope.ts';
import type { Caller } from '../../../platform/deps.ts';
import { descendantCodes } from '../../../platform/divisions/index.ts';
import { AppError } from '../../../platform/errors/errors.ts';

export interface Reach {
  /** Divisions the caller oversees (every operator there). */
  codes: string[];
  /** Operators the caller acts for. */
  operatorIds: number[];
}

export async function reachOf(db: DbOrTrx, caller: Caller): Promise<Reach> {
  const p = caller.principal;
  const codes = hasPermission(p, 'trace:oversee') ? await descendantCodes(db, scopeRoots(p, 'trace:oversee')) : [];
  const links = await db
    .selectFrom('trace_operator_user')
    .select('operator_id')
    .where('user_id', '=', p.userId)
    .execute();
  return { codes, operatorIds: links.map((l) => l.operator_id) };
}

/** A where-clause over a table with `division_code` and an operator id column, limited to `reach`. */
export function inReach<T extends keyof Database>(
  eb: ExpressionBuilder<Database, T>,
  reach: Reach,
  divisionColumn: Expression<string>,
  operatorColumn: Expression<number>,
): Expression<SqlBool> {
  const parts: Expression<SqlBool>[] = [];
  if (reach.codes.length > 0) parts.push(eb(divisionColumn, 'in', reach.codes));
  if (reach.operatorIds.length > 0) parts.push(eb(operatorColumn, 'in', reach.operatorIds));
  return parts.length === 0 ? sql<SqlBool>`1 = 0` : eb.or(parts);
}

/** Throws 404 unless the operator is in reach, 403 unless the caller may also write there. */
export async function assertCanManage(
  db: DbOrTrx,
  caller: Caller,
  op: { id: number; division_code: string },
): Promise<void> {
  const reach = await reachOf(db, caller);
  const acts = reach.operatorIds.includes(op.id);
  if (!acts && !reach.codes.includes(op.division_code)) throw new AppError('NOT_FOUND');
  if (acts) return;
  const manage = await descendantCodes(db, scopeRoots(caller.principal, 'trace:catalogue_manage'));
  if (!manage.includes(op.division_code))
    throw new AppError('FORBIDDEN', {
      zh: '无权修改该经营主体的记录',
      en: 'You may not change this operator’s records',
    });
}
