/**
 * POST /api/me/password: a signed-in user changes their own password. The current password is verified with argon2
 * (a wrong one is audited as a failure but never counted towards the login lockout: the caller already holds a
 * session, and the route has its own rate limit); the new one must meet the policy and differ from the current one.
 *
 * Sessions: every other session of the user is ended, and the current one is ROTATED — deleted and re-issued under a
 * new id and CSRF token with its original start time (so the 12 h absolute limit still counts from sign-in). Rotating
 * rather than keeping it means a session id or CSRF token captured before the change is worthless after it.
 */
import type { ChangePasswordRequest } from '../../../../contracts/auth.ts';
import type { Principal } from '../access/scope.ts';
import { writeAudit, type AuditActor } from '../audit/audit.ts';
import { iso } from '../clock.ts';
import type { Deps } from '../deps.ts';
import { AppError, type ErrorDetail } from '../errors/errors.ts';
import { getPasswordState, setOwnPassword } from './auth.repository.ts';
import { checkNewPassword, hashPassword, verifyPassword } from './passwords.ts';
import { createSession, type SessionState } from './session.ts';
import { deleteUserSessions } from './sessions.repository.ts';

export interface ChangeOwnPasswordInput extends ChangePasswordRequest {
  principal: Principal;
  session: SessionState;
  ip: string;
  userAgent: string;
}

/** Changes the caller's password; returns the rotated session (new cookie id and CSRF token). */
export async function changeOwnPassword(
  deps: Deps,
  input: ChangeOwnPasswordInput,
): Promise<{ id: string; state: SessionState }> {
  const { principal } = input;
  const actor: AuditActor = { userId: principal.userId, username: principal.username, ip: input.ip };
  const user = await getPasswordState(deps.db, principal.userId);

  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    await deps.db.transaction().execute((trx) =>
      writeAudit(trx, deps.audit, actor, {
        action: 'user.password_change',
        result: 'failure',
        targetType: 'user',
        targetId: principal.userId,
        divisionCode: user.division_code,
        details: { reason: 'wrong-current-password' },
      }),
    );
    throw new AppError('CURRENT_PASSWORD_WRONG', {
      details: [
        { path: 'body.currentPassword', message: '当前密码不正确', messageEn: 'The current password is wrong' },
      ],
    });
  }

  const details: ErrorDetail[] = checkNewPassword(deps.config.mode, input.newPassword, {
    username: principal.username,
    displayName: principal.displayName,
  }).map((m) => ({
    path: 'body.newPassword',
    message: m,
  }));
  if (input.newPassword === input.currentPassword)
    details.push({
      path: 'body.newPassword',
      message: '新密码不能与当前密码相同',
      messageEn: 'The new password must differ from the current one',
    });
  if (details.length > 0) throw new AppError('VALIDATION', { details });

  const passwordHash = await hashPassword(input.newPassword);
  const now = iso(deps.clock.now());
  return deps.db.transaction().execute(async (trx) => {
    // The holder chose it: an administrator no longer knows this account's password (三员 chain rule).
    await setOwnPassword(trx, { userId: principal.userId, passwordHash, now });
    // Every session of the user ends, the current one included; the current one is re-issued below.
    const ended = await deleteUserSessions(trx, principal.userId);
    const session = await createSession(trx, deps, {
      userId: principal.userId,
      roles: principal.roles.map((r) => r.role),
      mfaPending: false,
      ip: input.ip,
      userAgent: input.userAgent,
      createdAt: input.session.createdAt,
    });
    await writeAudit(trx, deps.audit, actor, {
      action: 'user.password_change',
      targetType: 'user',
      targetId: principal.userId,
      divisionCode: user.division_code,
      details: { otherSessionsEnded: Math.max(0, ended - 1), sessionRotated: true },
    });
    return session;
  });
}
