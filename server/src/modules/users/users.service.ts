/** Account administration: list, view (masked), full personal data (audited), create, roles, disable. */
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { Preferences, PreferencesRequest } from '../../../../contracts/auth.ts';
import type { ZCreateUserRequest, ZListUsersQuery } from '../../../../contracts/users.ts';
import { isWithinScope, scopeRoots } from '../../platform/access/scope.ts';
import { mayManageAccount } from '../../platform/access/roles.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { iso } from '../../platform/clock.ts';
import type { Caller, Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors/errors.ts';
import { presentUser } from './users.presenter.ts';
import * as repo from './users.repository.ts';
import { createUser as createAccount } from './users.admin.ts';
import { deliverTicket, openTicket } from './password-reset.service.ts';
import { invalidateFact } from '../../platform/metrics/index.ts';
import { EXPERTS_COUNT } from './users.facts.ts';

export async function listUsers(deps: Deps, caller: Caller, query: z.infer<typeof ZListUsersQuery>) {
  const roots = scopeRoots(caller.principal, 'user:read');
  const { rows, total } = await repo.listUsers(deps.db, deps.engine, { roots, ...query }, query);
  const roles = await repo.rolesOf(
    deps.db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => presentUser(r, roles.get(r.id) ?? [], deps.vault)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getUser(deps: Deps, caller: Caller, id: number) {
  const row = await repo.findUser(deps.db, scopeRoots(caller.principal, 'user:read'), id);
  if (!row) throw new AppError('NOT_FOUND');
  const roles = await repo.rolesOf(deps.db, [id]);
  return presentUser(row, roles.get(id) ?? [], deps.vault);
}

/** The caller's own account (masked). */
export async function getMe(deps: Deps, caller: Caller) {
  const row = await repo.findUser(deps.db, [caller.principal.divisionCode], caller.principal.userId);
  if (!row) throw new AppError('NOT_FOUND');
  const roles = await repo.rolesOf(deps.db, [row.id]);
  return presentUser(row, roles.get(row.id) ?? [], deps.vault);
}

/** Stores the caller's interface language with the account; the session reports it from then on. */
export async function updatePreferences(deps: Deps, caller: Caller, body: PreferencesRequest): Promise<Preferences> {
  await deps.db.transaction().execute(async (trx) => {
    await repo.setUserLocale(trx, caller.principal.userId, body.locale, iso(deps.clock.now()));
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'user.preferences_update',
      targetType: 'user',
      targetId: caller.principal.userId,
      divisionCode: caller.principal.divisionCode,
      details: { locale: body.locale },
    });
  });
  return { locale: body.locale };
}

/** Full phone and ID number; needs pi:view_full in scope and writes an audit row in the same transaction. */
export async function viewPersonalInfo(deps: Deps, caller: Caller, id: number) {
  const row = await repo.findUser(deps.db, scopeRoots(caller.principal, 'pi:view_full'), id);
  if (!row) throw new AppError('NOT_FOUND');
  return deps.db.transaction().execute(async (trx) => {
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'pi.view_full',
      targetType: 'user',
      targetId: id,
      divisionCode: row.division_code,
      details: { fields: ['phone', 'idNumber'] },
    });
    return {
      phone: row.phone_enc ? deps.vault.decrypt(row.phone_enc) : null,
      idNumber: row.id_number_enc ? deps.vault.decrypt(row.id_number_enc) : null,
    };
  });
}

/**
 * POST /api/users. Without a password (the console's way) the account starts with an unusable one and an activation
 * link goes to the holder only (platform/delivery), so no administrator ever knows its working password. With an
 * initial password (bulk set-ups, scripts) the holder must replace it at first sign-in, and the account gets no admin
 * role until they have (三员 chain rule). An `orgId` outside the caller's scope answers 404.
 */
export async function createUser(deps: Deps, caller: Caller, body: z.infer<typeof ZCreateUserRequest>) {
  const roots = scopeRoots(caller.principal, 'user:create');
  if (!(await isWithinScope(deps.db, roots, body.divisionCode)))
    throw new AppError('FORBIDDEN', { zh: '不能在管辖范围以外创建账户', en: 'Outside your divisions' });
  const activation = body.password === undefined;
  let ticket: { token: string; expiresAt: string } | undefined;
  const id = await createAccount(deps, {
    username: body.username,
    password: body.password ?? randomBytes(32).toString('base64url'),
    skipPolicy: activation,
    displayName: body.displayName,
    divisionCode: body.divisionCode,
    orgId: body.orgId ?? null,
    orgScope: roots,
    phone: body.phone ?? null,
    idNumber: body.idNumber ?? null,
    roles: [],
    actor: caller.actor,
    // Until the holder has set a password (initial one changed, or activation link used), no admin role is granted.
    passwordSetBy: caller.principal.userId,
    afterInsert: activation
      ? async (trx, userId) => {
          ticket = await openTicket(trx, deps, userId, caller.principal.userId, 'out-of-band');
        }
      : undefined,
  });
  const user = await getUser(deps, caller, id);
  if (!ticket) return { ...user, activation: null };
  const row = await repo.findContact(deps.db, id);
  const receipt = await deliverTicket(deps, row, 'account-activation', ticket);
  return {
    ...user,
    activation: { channel: receipt.channel, recipient: receipt.recipient, expiresAt: ticket.expiresAt },
  };
}

export { assignRole, revokeRole } from './role-changes.service.ts';

export async function setUserStatus(deps: Deps, caller: Caller, userId: number, status: 'active' | 'disabled') {
  const target = await repo.findUser(deps.db, scopeRoots(caller.principal, 'user:update'), userId);
  if (!target) throw new AppError('NOT_FOUND');
  if (userId === caller.principal.userId)
    throw new AppError('FORBIDDEN', { zh: '不能停用自己的账户', en: 'You cannot disable yourself' });
  if (target.status === 'pending' || target.status === 'rejected') throw new AppError('INVALID_STATE');
  const held = (await repo.rolesOf(deps.db, [userId])).get(userId) ?? [];
  if (
    !mayManageAccount(
      caller.principal.roles.map((r) => r.role),
      held.map((h) => h.role),
    )
  )
    throw new AppError('SEPARATION_OF_DUTIES', {
      zh: '三员分立：不能停用或启用其他类别管理员的账户',
      en: 'Separation of duties: you cannot disable or enable an administrator of another kind',
    });
  await deps.db.transaction().execute(async (trx) => {
    await repo.setUserStatus(trx, userId, status, iso(deps.clock.now()));
    if (status === 'disabled') await repo.endSessionsOf(trx, userId);
    await writeAudit(trx, deps.audit, caller.actor, {
      action: status === 'disabled' ? 'user.disable' : 'user.enable',
      targetType: 'user',
      targetId: userId,
      divisionCode: target.division_code,
    });
  });
  invalidateFact(EXPERTS_COUNT);
  return getUser(deps, caller, userId);
}
