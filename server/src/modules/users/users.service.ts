/** Account administration: list, view (masked), full personal data (audited), create, roles, disable. */
import type { z } from 'zod';
import type { Preferences, PreferencesRequest } from '../../../../contracts/auth.ts';
import type { ZCreateUserRequest, ZListUsersQuery, ZRoleAssignment } from '../../../../contracts/users.ts';
import { isWithinScope, scopeRoots } from '../../platform/access/scope.ts';
import { keepsSeparationOfDuties } from '../../platform/access/roles.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { iso } from '../../platform/clock.ts';
import type { Caller, Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors/errors.ts';
import { presentUser } from './users.presenter.ts';
import * as repo from './users.repository.ts';
import { createUser as createAccount } from './users.admin.ts';
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
    await trx
      .updateTable('app_user')
      .set({ locale: body.locale, updated_at: iso(deps.clock.now()) })
      .where('id', '=', caller.principal.userId)
      .execute();
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

export async function createUser(deps: Deps, caller: Caller, body: z.infer<typeof ZCreateUserRequest>) {
  if (!(await isWithinScope(deps.db, scopeRoots(caller.principal, 'user:create'), body.divisionCode)))
    throw new AppError('FORBIDDEN', { zh: '不能在管辖范围以外创建账户', en: 'Outside your divisions' });
  const id = await createAccount(deps, {
    username: body.username,
    password: body.password,
    displayName: body.displayName,
    divisionCode: body.divisionCode,
    orgId: body.orgId ?? null,
    phone: body.phone ?? null,
    idNumber: body.idNumber ?? null,
    roles: [],
    actor: caller.actor,
  });
  return getUser(deps, caller, id);
}

/**
 * Grants a role within the granter's role:assign scope. Nobody grants to themselves, outside their scope, or in a
 * way that breaks 三员分立.
 */
export async function assignRole(deps: Deps, caller: Caller, userId: number, grant: z.infer<typeof ZRoleAssignment>) {
  const roots = scopeRoots(caller.principal, 'role:assign');
  if (userId === caller.principal.userId)
    throw new AppError('FORBIDDEN', { zh: '不能修改自己的角色', en: 'You cannot change your own roles' });
  const target = await repo.findUser(deps.db, roots, userId);
  if (!target) throw new AppError('NOT_FOUND');
  if (!(await isWithinScope(deps.db, roots, grant.divisionCode)))
    throw new AppError('FORBIDDEN', { zh: '授权范围超出本人管辖范围', en: 'The grant is wider than your scope' });
  if (
    !(await isWithinScope(deps.db, [grant.divisionCode], target.division_code)) &&
    !(await isWithinScope(deps.db, [target.division_code], grant.divisionCode))
  )
    throw new AppError('VALIDATION', {
      details: [{ path: 'body.divisionCode', message: '授权范围须与账户所属区划一致或为其上下级' }],
    });
  const held = (await repo.rolesOf(deps.db, [userId])).get(userId) ?? [];
  if (held.some((h) => h.role === grant.role && h.divisionCode === grant.divisionCode)) throw new AppError('DUPLICATE');
  if (
    !keepsSeparationOfDuties(
      held.map((h) => h.role),
      grant.role,
    )
  )
    throw new AppError('SEPARATION_OF_DUTIES');
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('user_role')
      .values({
        user_id: userId,
        role_code: grant.role,
        division_code: grant.divisionCode,
        granted_by: caller.principal.userId,
        granted_at: iso(deps.clock.now()),
      })
      .execute();
    // Privileges changed: existing sessions must sign in again.
    await trx.deleteFrom('session').where('user_id', '=', userId).execute();
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'user.role_grant',
      targetType: 'user',
      targetId: userId,
      divisionCode: target.division_code,
      details: grant,
    });
  });
  invalidateFact(EXPERTS_COUNT);
  return getUser(deps, caller, userId);
}

export async function revokeRole(deps: Deps, caller: Caller, userId: number, grant: z.infer<typeof ZRoleAssignment>) {
  const roots = scopeRoots(caller.principal, 'role:assign');
  if (userId === caller.principal.userId)
    throw new AppError('FORBIDDEN', { zh: '不能修改自己的角色', en: 'You cannot change your own roles' });
  const target = await repo.findUser(deps.db, roots, userId);
  if (!target) throw new AppError('NOT_FOUND');
  if (!(await isWithinScope(deps.db, roots, grant.divisionCode))) throw new AppError('FORBIDDEN');
  await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .deleteFrom('user_role')
      .where('user_id', '=', userId)
      .where('role_code', '=', grant.role)
      .where('division_code', '=', grant.divisionCode)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) throw new AppError('NOT_FOUND');
    await trx.deleteFrom('session').where('user_id', '=', userId).execute();
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'user.role_revoke',
      targetType: 'user',
      targetId: userId,
      divisionCode: target.division_code,
      details: grant,
    });
  });
  invalidateFact(EXPERTS_COUNT);
  return getUser(deps, caller, userId);
}

export async function setUserStatus(deps: Deps, caller: Caller, userId: number, status: 'active' | 'disabled') {
  const target = await repo.findUser(deps.db, scopeRoots(caller.principal, 'user:update'), userId);
  if (!target) throw new AppError('NOT_FOUND');
  if (userId === caller.principal.userId)
    throw new AppError('FORBIDDEN', { zh: '不能停用自己的账户', en: 'You cannot disable yourself' });
  if (target.status === 'pending' || target.status === 'rejected') throw new AppError('INVALID_STATE');
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ status, updated_at: iso(deps.clock.now()) })
      .where('id', '=', userId)
      .execute();
    if (status === 'disabled') await trx.deleteFrom('session').where('user_id', '=', userId).execute();
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
