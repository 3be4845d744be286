/** SQL of role grants and revocations: held roles, role_history, and the two-person requests (role_grant_request). */
import type { DbOrTrx } from '../../db/database.ts';
import { scopeFilter } from '../../platform/access/scope.ts';
import type { PageRequest } from '../../platform/http/paging.ts';
import { insertRoleHistory, insertUserRole } from './users.repository.ts';
import type { RoleGrantRequestStatus } from './users.tables.ts';

interface RoleChangeRow {
  userId: number;
  role: string;
  divisionCode: string;
  now: string;
}

/** What the chain rule looks at: status, who set the password, roles held now and revoked before. */
export async function chainFacts(db: DbOrTrx, userId: number) {
  const user = await db
    .selectFrom('app_user')
    .select(['password_set_by', 'status'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const held = await db.selectFrom('user_role').select('role_code').where('user_id', '=', userId).execute();
  const past = await db
    .selectFrom('role_history')
    .select(['role_code', 'revoked_at'])
    .where('user_id', '=', userId)
    .where('revoked_at', 'is not', null)
    .execute();
  return {
    status: user.status,
    passwordSetBy: user.password_set_by,
    held: held.map((h) => h.role_code),
    past: past.map((p) => ({ role: p.role_code, revokedAt: p.revoked_at ?? '' })),
  };
}

/** Grants a role and opens its history row. */
export async function grantRole(db: DbOrTrx, g: RoleChangeRow & { grantedBy: number }): Promise<void> {
  await insertUserRole(db, g);
  await insertRoleHistory(db, g);
}

/**
 * Revokes a held role and closes its open history rows (or records the revocation alone when none is open). Returns
 * false, writing nothing, when the account does not hold the role there.
 */
export async function revokeRole(db: DbOrTrx, r: RoleChangeRow & { revokedBy: number }): Promise<boolean> {
  const res = await db
    .deleteFrom('user_role')
    .where('user_id', '=', r.userId)
    .where('role_code', '=', r.role)
    .where('division_code', '=', r.divisionCode)
    .executeTakeFirst();
  if (Number(res.numDeletedRows) === 0) return false;
  const open = await db
    .selectFrom('role_history')
    .select('id')
    .where('user_id', '=', r.userId)
    .where('role_code', '=', r.role)
    .where('division_code', '=', r.divisionCode)
    .where('revoked_at', 'is', null)
    .execute();
  if (open.length > 0)
    await db
      .updateTable('role_history')
      .set({ revoked_at: r.now, revoked_by: r.revokedBy })
      .where(
        'id',
        'in',
        open.map((o) => o.id),
      )
      .execute();
  else
    await db
      .insertInto('role_history')
      .values({
        user_id: r.userId,
        role_code: r.role,
        division_code: r.divisionCode,
        granted_at: r.now,
        granted_by: null,
        revoked_at: r.now,
        revoked_by: r.revokedBy,
      })
      .execute();
  return true;
}

export type RequestOp = 'grant' | 'revoke';

/** Whether the same request is pending and was made after `since` (not yet expired). */
export async function pendingRequestExists(
  db: DbOrTrx,
  q: { userId: number; op: RequestOp; role: string; divisionCode: string; since: string },
): Promise<boolean> {
  const row = await db
    .selectFrom('role_grant_request')
    .select('id')
    .where('user_id', '=', q.userId)
    .where('op', '=', q.op)
    .where('role_code', '=', q.role)
    .where('division_code', '=', q.divisionCode)
    .where('status', '=', 'pending')
    .where('requested_at', '>', q.since)
    .executeTakeFirst();
  return row !== undefined;
}

/** Records a pending request; returns its id. */
export async function insertRequest(
  db: DbOrTrx,
  r: {
    userId: number;
    op: RequestOp;
    role: string;
    divisionCode: string;
    requestedBy: number;
    now: string;
    reason: string | null;
  },
): Promise<number> {
  const row = await db
    .insertInto('role_grant_request')
    .values({
      user_id: r.userId,
      op: r.op,
      role_code: r.role,
      division_code: r.divisionCode,
      requested_by: r.requestedBy,
      requested_at: r.now,
      reason: r.reason,
      status: 'pending',
      decided_by: null,
      decided_at: null,
      decision_note: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function requestQuery(db: DbOrTrx, roots: readonly string[]) {
  return db
    .selectFrom('role_grant_request as r')
    .innerJoin('app_user as u', 'u.id', 'r.user_id')
    .innerJoin('app_user as q', 'q.id', 'r.requested_by')
    .leftJoin('app_user as d', 'd.id', 'r.decided_by')
    .where(scopeFilter('r.division_code', roots));
}

const REQUEST_COLUMNS = [
  'r.id',
  'r.op',
  'r.role_code',
  'r.division_code',
  'r.user_id',
  'u.username as user_username',
  'u.display_name as user_display_name',
  'u.division_code as user_division_code',
  'r.requested_by',
  'q.username as requested_by_username',
  'r.requested_at',
  'r.reason',
  'r.status',
  'r.decided_by',
  'd.username as decided_by_username',
  'r.decided_at',
  'r.decision_note',
] as const;

export type RequestRow = NonNullable<Awaited<ReturnType<typeof findRequest>>>;

/** One request in `roots` (by its division), with the usernames involved, or undefined. */
export function findRequest(db: DbOrTrx, roots: readonly string[], id: number) {
  return requestQuery(db, roots).select(REQUEST_COLUMNS).where('r.id', '=', id).executeTakeFirst();
}

/**
 * One page of requests in `roots`, newest first. `pending` means pending and made after `cutoff`; `expired` means
 * marked expired, or pending and made at or before `cutoff`.
 */
export async function listRequests(
  db: DbOrTrx,
  f: { roots: readonly string[]; status?: RoleGrantRequestStatus; cutoff: string },
  page: PageRequest,
) {
  let qb = requestQuery(db, f.roots);
  const cutoff = f.cutoff;
  if (f.status === 'pending') qb = qb.where('r.status', '=', 'pending').where('r.requested_at', '>', cutoff);
  else if (f.status === 'expired')
    qb = qb.where((eb) =>
      eb.or([
        eb('r.status', '=', 'expired'),
        eb.and([eb('r.status', '=', 'pending'), eb('r.requested_at', '<=', cutoff)]),
      ]),
    );
  else if (f.status) qb = qb.where('r.status', '=', f.status);
  const countRow = await qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const total = Number(countRow?.n ?? 0);
  const rows =
    total === 0
      ? []
      : await qb
          .select(REQUEST_COLUMNS)
          .orderBy('r.id', 'desc')
          .limit(page.pageSize)
          .offset((page.page - 1) * page.pageSize)
          .execute();
  return { rows, total };
}

/** Decides a request if it is still pending; false when another decision came first. */
export async function decideRequest(
  db: DbOrTrx,
  id: number,
  d: { status: 'approved' | 'rejected'; decidedBy: number; now: string; note: string | null },
): Promise<boolean> {
  const claimed = await db
    .updateTable('role_grant_request')
    .set({ status: d.status, decided_by: d.decidedBy, decided_at: d.now, decision_note: d.note })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}
