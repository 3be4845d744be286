/**
 * POST /api/users/:id/reset-password: an administrator with `user:update` over the account's division sets a fresh
 * temporary password, returned once and never stored in clear or audited. The account must change it at its next
 * sign-in (`must_change_password`), its sessions end, and its login lockout is lifted (the password is new).
 *
 * Rules follow disable/enable (same permission and scope, never oneself, not for pending or rejected registrations),
 * plus one for 三员分立: a system, security or audit administrator account without an enrolled TOTP device cannot be
 * reset by someone else, as the resetter could then sign in as that administrator and enrol their own device.
 * Enrolled administrators keep their TOTP device, so a reset alone never hands over their account.
 */
import type { ResetPasswordResult } from '../../../../contracts/users.ts';
import { ADMIN_ROLES } from '../../platform/access/roles.ts';
import { scopeRoots } from '../../platform/access/scope.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { normaliseUsername } from '../../platform/auth/auth.service.ts';
import { generateTemporaryPassword, hashPassword } from '../../platform/auth/passwords.ts';
import { iso } from '../../platform/clock.ts';
import type { Caller, Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors/errors.ts';
import * as repo from './users.repository.ts';
import { presentUser } from './users.presenter.ts';

export async function resetPassword(deps: Deps, caller: Caller, userId: number): Promise<ResetPasswordResult> {
  const roots = scopeRoots(caller.principal, 'user:update');
  const target = await repo.findUser(deps.db, roots, userId);
  if (!target) throw new AppError('NOT_FOUND');
  if (userId === caller.principal.userId)
    throw new AppError('FORBIDDEN', {
      zh: '不能重置自己的密码，请使用“修改密码”',
      en: 'You cannot reset your own password; use change password instead',
    });
  if (target.status === 'pending' || target.status === 'rejected')
    throw new AppError('INVALID_STATE', {
      zh: '注册申请尚未通过，不能重置密码',
      en: 'The registration has not been approved',
    });
  const roles = (await repo.rolesOf(deps.db, [userId])).get(userId) ?? [];
  const isAdmin = roles.some((r) => (ADMIN_ROLES as readonly string[]).includes(r.role));
  if (isAdmin && !(await repo.hasEnrolledTotp(deps.db, userId)))
    throw new AppError('SEPARATION_OF_DUTIES', {
      zh: '三员账户尚未绑定动态口令，不能由他人重置密码（否则重置人可冒用该账户）',
      en: 'An administrator account without an enrolled TOTP device cannot be reset by someone else',
    });

  const temporaryPassword = generateTemporaryPassword(target.username);
  const passwordHash = await hashPassword(temporaryPassword);
  const now = iso(deps.clock.now());
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({ password_hash: passwordHash, must_change_password: 1, password_changed_at: now, updated_at: now })
      .where('id', '=', userId)
      .execute();
    const ended = await trx.deleteFrom('session').where('user_id', '=', userId).executeTakeFirst();
    await trx.deleteFrom('login_throttle').where('username_key', '=', normaliseUsername(target.username)).execute();
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'user.password_reset',
      targetType: 'user',
      targetId: userId,
      divisionCode: target.division_code,
      details: { mustChangePassword: true, sessionsEnded: Number(ended.numDeletedRows) },
    });
  });
  // Presented through the same scope as the reset itself, so the one-time password is never lost to a later check.
  const updated = await repo.findUser(deps.db, roots, userId);
  if (!updated) throw new AppError('NOT_FOUND');
  return { user: presentUser(updated, roles, deps.vault), temporaryPassword };
}
