/**
 * Role grants and revocations, with 三员分立 checked over chains (issue 9, finding 1).
 *
 * Business roles are granted and revoked at once by a `role:assign` holder within scope. Admin roles (sys/sec/audit)
 * follow the two-person rule: the grant or revocation becomes a request that a SECOND administrator (`role:approve`,
 * scope covering the grant's division, neither the requester nor the account) approves; the chain rule
 * (`adminGrantObstacles`) is checked when the request is made and again when it is approved. An administrator is
 * never changed directly by an administrator of a different kind. Every grant and revocation is kept in role_history.
 */
import type { z } from 'zod';
import type {
  RoleRequest,
  ZListRoleRequestsQuery,
  ZRoleChangeRequest,
  ZRoleRequestDecision,
} from '../../../../contracts/users.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { isAdminRole, keepsSeparationOfDuties } from '../../../../contracts/access.ts';
import { adminGrantObstacles, mayManageAccount } from '../../platform/access/roles.ts';
import { isWithinScope, scopeRoots } from '../../platform/access/scope.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { iso } from '../../platform/clock.ts';
import type { Caller, Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors/errors.ts';
import { invalidateFact } from '../../platform/metrics/index.ts';
import { notify } from '../../platform/notifications/index.ts';
import { EXPERTS_COUNT } from './users.facts.ts';
import * as repo from './users.repository.ts';
import * as roles from './users.roles.repository.ts';
import { getUser } from './users.service.ts';

type Change = z.infer<typeof ZRoleChangeRequest>;

/** Requests not decided within this time expire. */
export const ROLE_REQUEST_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const SOD = (zh: string, en = 'Separation of duties') => new AppError('SEPARATION_OF_DUTIES', { zh, en });

/** The checks every change shares: not oneself, target in scope, grant within scope, kinds of administrators. */
async function loadTarget(deps: Deps, caller: Caller, userId: number, change: Change) {
  const roots = scopeRoots(caller.principal, 'role:assign');
  if (userId === caller.principal.userId)
    throw new AppError('FORBIDDEN', { zh: '不能修改自己的角色', en: 'You cannot change your own roles' });
  const target = await repo.findUser(deps.db, roots, userId);
  if (!target) throw new AppError('NOT_FOUND');
  if (!(await isWithinScope(deps.db, roots, change.divisionCode)))
    throw new AppError('FORBIDDEN', { zh: '授权范围超出本人管辖范围', en: 'The grant is wider than your scope' });
  const held = (await repo.rolesOf(deps.db, [userId])).get(userId) ?? [];
  return { target, held };
}

function assertSameKind(caller: Caller, heldRoles: readonly string[]): void {
  if (
    !mayManageAccount(
      caller.principal.roles.map((r) => r.role),
      heldRoles,
    )
  )
    throw new AppError('SEPARATION_OF_DUTIES', {
      zh: '三员分立：不能直接修改其他类别管理员的账户或角色',
      en: 'Separation of duties: you cannot change an administrator of another kind directly',
    });
}

async function applyGrant(trx: DbOrTrx, deps: Deps, grantedBy: number, userId: number, change: Change) {
  const now = iso(deps.clock.now());
  await roles.grantRole(trx, { userId, role: change.role, divisionCode: change.divisionCode, grantedBy, now });
  // Privileges changed: existing sessions must sign in again.
  await repo.endSessionsOf(trx, userId);
}

async function applyRevoke(trx: DbOrTrx, deps: Deps, revokedBy: number, userId: number, change: Change) {
  const now = iso(deps.clock.now());
  const revoked = await roles.revokeRole(trx, {
    userId,
    role: change.role,
    divisionCode: change.divisionCode,
    revokedBy,
    now,
  });
  if (!revoked) throw new AppError('NOT_FOUND');
  await repo.endSessionsOf(trx, userId);
}

/**
 * POST /api/users/:id/roles. Business roles: granted now (200, the account). Admin roles: a request for a second
 * administrator (202).
 */
export async function assignRole(deps: Deps, caller: Caller, userId: number, change: Change) {
  const { target, held } = await loadTarget(deps, caller, userId, change);
  assertSameKind(
    caller,
    held.map((h) => h.role),
  );
  if (
    !(await isWithinScope(deps.db, [change.divisionCode], target.division_code)) &&
    !(await isWithinScope(deps.db, [target.division_code], change.divisionCode))
  )
    throw new AppError('VALIDATION', {
      details: [{ path: 'body.divisionCode', message: '授权范围须与账户所属区划一致或为其上下级' }],
    });
  if (held.some((h) => h.role === change.role && h.divisionCode === change.divisionCode))
    throw new AppError('DUPLICATE');
  if (
    !keepsSeparationOfDuties(
      held.map((h) => h.role),
      change.role,
    )
  )
    throw new AppError('SEPARATION_OF_DUTIES');
  if (isAdminRole(change.role))
    return { pending: true as const, request: await openRequest(deps, caller, userId, 'grant', change) };

  await deps.db.transaction().execute(async (trx) => {
    await applyGrant(trx, deps, caller.principal.userId, userId, change);
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'user.role_grant',
      targetType: 'user',
      targetId: userId,
      divisionCode: target.division_code,
      details: { role: change.role, divisionCode: change.divisionCode },
    });
  });
  invalidateFact(EXPERTS_COUNT);
  return getUser(deps, caller, userId);
}

/** POST /api/users/:id/roles/revoke. Business roles: revoked now. Admin roles: a request for a second administrator. */
export async function revokeRole(deps: Deps, caller: Caller, userId: number, change: Change) {
  const { target, held } = await loadTarget(deps, caller, userId, change);
  if (!held.some((h) => h.role === change.role && h.divisionCode === change.divisionCode))
    throw new AppError('NOT_FOUND');
  if (isAdminRole(change.role))
    return { pending: true as const, request: await openRequest(deps, caller, userId, 'revoke', change) };
  assertSameKind(
    caller,
    held.map((h) => h.role),
  );
  await deps.db.transaction().execute(async (trx) => {
    await applyRevoke(trx, deps, caller.principal.userId, userId, change);
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'user.role_revoke',
      targetType: 'user',
      targetId: userId,
      divisionCode: target.division_code,
      details: { role: change.role, divisionCode: change.divisionCode },
    });
  });
  invalidateFact(EXPERTS_COUNT);
  return getUser(deps, caller, userId);
}

async function openRequest(
  deps: Deps,
  caller: Caller,
  userId: number,
  op: 'grant' | 'revoke',
  change: Change,
): Promise<RoleRequest> {
  const now = deps.clock.now();
  if (op === 'grant') {
    const facts = await roles.chainFacts(deps.db, userId);
    const obstacles = adminGrantObstacles({
      role: change.role,
      targetId: userId,
      held: facts.held,
      past: facts.past,
      passwordSetBy: facts.passwordSetBy,
      requesterId: caller.principal.userId,
      now,
    });
    if (obstacles.length > 0) throw SOD(obstacles.join('；'));
  }
  const pending = await roles.pendingRequestExists(deps.db, {
    userId,
    op,
    role: change.role,
    divisionCode: change.divisionCode,
    since: iso(new Date(now.getTime() - ROLE_REQUEST_TTL_MS)),
  });
  if (pending)
    throw new AppError('DUPLICATE', {
      zh: '已有相同的待批准申请',
      en: 'The same request is already waiting for approval',
    });
  const id = await deps.db.transaction().execute(async (trx) => {
    const requestId = await roles.insertRequest(trx, {
      userId,
      op,
      role: change.role,
      divisionCode: change.divisionCode,
      requestedBy: caller.principal.userId,
      now: iso(now),
      reason: change.reason ?? null,
    });
    await writeAudit(trx, deps.audit, caller.actor, {
      action: op === 'grant' ? 'user.role_grant' : 'user.role_revoke',
      targetType: 'user',
      targetId: userId,
      divisionCode: change.divisionCode,
      details: { role: change.role, divisionCode: change.divisionCode, pendingApproval: true, requestId },
    });
    // Every other administrator who could approve hears of it.
    const approvers = await repo.activeUsersCovering(
      trx,
      ['sys-admin', 'sec-admin', 'audit-admin'],
      change.divisionCode,
    );
    await notify(trx, {
      userIds: approvers.filter((a) => a !== caller.principal.userId && a !== userId),
      at: now,
      kind: 'role.request',
      title: { zh: '管理员角色变更待批准', en: 'Admin role change awaiting approval' },
      body: {
        zh: `${caller.principal.username} 申请${op === 'grant' ? '授予' : '撤销'}管理员角色 ${change.role}，需要另一名管理员批准。`,
        en: `${caller.principal.username} asks to ${op} the admin role ${change.role}; a second administrator must approve.`,
      },
      link: '/console/role-requests',
    });
    return requestId;
  });
  return getRequest(deps, caller, id);
}

function present(deps: Deps, caller: Caller, r: roles.RequestRow): RoleRequest {
  const expired =
    r.status === 'pending' && Date.parse(r.requested_at) + ROLE_REQUEST_TTL_MS <= deps.clock.now().getTime();
  const status = expired ? 'expired' : r.status;
  return {
    id: r.id,
    op: r.op,
    role: r.role_code as RoleRequest['role'],
    divisionCode: r.division_code,
    user: {
      id: r.user_id,
      username: r.user_username,
      displayName: r.user_display_name,
      divisionCode: r.user_division_code,
    },
    requestedBy: { id: r.requested_by, username: r.requested_by_username },
    requestedAt: r.requested_at,
    reason: r.reason,
    status,
    decidedBy: r.decided_by === null ? null : { id: r.decided_by, username: r.decided_by_username ?? '' },
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
    canDecide:
      status === 'pending' && r.requested_by !== caller.principal.userId && r.user_id !== caller.principal.userId,
  };
}

async function getRequest(deps: Deps, caller: Caller, id: number): Promise<RoleRequest> {
  const row = await roles.findRequest(deps.db, scopeRoots(caller.principal, 'role:approve'), id);
  if (!row) throw new AppError('NOT_FOUND');
  return present(deps, caller, row);
}

/** GET /api/role-requests: requests within the caller's role:approve scope, newest first. */
export async function listRoleRequests(deps: Deps, caller: Caller, query: z.infer<typeof ZListRoleRequestsQuery>) {
  const roots = scopeRoots(caller.principal, 'role:approve');
  const cutoff = iso(new Date(deps.clock.now().getTime() - ROLE_REQUEST_TTL_MS));
  const { rows, total } = await roles.listRequests(deps.db, { roots, status: query.status, cutoff }, query);
  return { items: rows.map((r) => present(deps, caller, r)), total, page: query.page, pageSize: query.pageSize };
}

/** POST /api/role-requests/:id/approve | reject: the second administrator's decision. */
export async function decideRoleRequest(
  deps: Deps,
  caller: Caller,
  id: number,
  approve: boolean,
  body: z.infer<typeof ZRoleRequestDecision>,
): Promise<RoleRequest> {
  const roots = scopeRoots(caller.principal, 'role:approve');
  const row = await roles.findRequest(deps.db, roots, id);
  if (!row) throw new AppError('NOT_FOUND');
  const current = present(deps, caller, row);
  if (current.status !== 'pending')
    throw new AppError('INVALID_STATE', {
      zh: current.status === 'expired' ? '申请已过期（7 天内未批准）' : '申请已处理',
      en: current.status === 'expired' ? 'The request has expired' : 'The request has been decided',
    });
  if (row.requested_by === caller.principal.userId)
    throw SOD(
      '管理员角色须由另一名管理员批准（双人规则），不能批准自己的申请',
      'Two-person rule: approve someone else',
    );
  if (row.user_id === caller.principal.userId) throw SOD('不能批准涉及自己账户的申请');
  const change: Change = { role: current.role, divisionCode: row.division_code };
  const now = deps.clock.now();

  if (approve) {
    const facts = await roles.chainFacts(deps.db, row.user_id);
    if (facts.status !== 'active')
      throw new AppError('INVALID_STATE', { zh: '账户未处于启用状态', en: 'The account is not active' });
    if (row.op === 'grant') {
      const obstacles = adminGrantObstacles({
        role: change.role,
        targetId: row.user_id,
        held: facts.held,
        past: facts.past,
        passwordSetBy: facts.passwordSetBy,
        requesterId: row.requested_by,
        approverId: caller.principal.userId,
        now,
      });
      if (obstacles.length > 0) throw SOD(obstacles.join('；'));
    }
  }
  await deps.db.transaction().execute(async (trx) => {
    const claimed = await roles.decideRequest(trx, id, {
      status: approve ? 'approved' : 'rejected',
      decidedBy: caller.principal.userId,
      now: iso(now),
      note: body.note ?? null,
    });
    if (!claimed) throw new AppError('INVALID_STATE');
    if (approve) {
      if (row.op === 'grant') await applyGrant(trx, deps, row.requested_by, row.user_id, change);
      else await applyRevoke(trx, deps, row.requested_by, row.user_id, change);
    }
    await writeAudit(trx, deps.audit, caller.actor, {
      action: approve ? 'role_request.approve' : 'role_request.reject',
      targetType: 'user',
      targetId: row.user_id,
      divisionCode: row.division_code,
      details: { requestId: id, op: row.op, role: change.role, divisionCode: change.divisionCode },
    });
    await notify(trx, {
      userIds: [row.requested_by],
      at: now,
      kind: 'role.request',
      title: approve
        ? { zh: '管理员角色变更已批准', en: 'Admin role change approved' }
        : { zh: '管理员角色变更被驳回', en: 'Admin role change rejected' },
      body: {
        zh: `${caller.principal.username} ${approve ? '批准' : '驳回'}了您对 ${row.user_username} 的${row.op === 'grant' ? '授予' : '撤销'} ${change.role} 申请。${body.note ?? ''}`,
        en: `${caller.principal.username} ${approve ? 'approved' : 'rejected'} your request to ${row.op} ${change.role} for ${row.user_username}. ${body.note ?? ''}`,
      },
      link: '/console/role-requests',
    });
  });
  return getRequest(deps, caller, id);
}
