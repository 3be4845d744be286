/**
 * Password reset without handing anyone another account's credentials (issue 9, finding 1).
 *
 * POST /api/users/:id/reset-password: an administrator with `user:update` over the account's division asks for a
 * reset. The account's password stops working at once (replaced by an unusable random one), its sessions end, and a
 * one-time link (32 random bytes, only its SHA-256 stored, 24 h, single use) goes to the HOLDER over an out-of-band
 * channel (SMS to the registered phone through the gateway, or the operator's console) — the resetter is told only
 * that a reset happened and where the link went (masked). The holder opens the link, and sets a password of their own
 * (administrators also give their TOTP code: a reset never replaces the second factor).
 *
 * Rules: never oneself; not for pending or rejected registrations; an administrator account only by an administrator
 * of the same kind (三员: a system administrator never resets the audit administrator).
 */
import { createHash, randomBytes } from 'node:crypto';
import type {
  PasswordResetInfo,
  RedeemPasswordResetRequest,
  ResetPasswordResult,
} from '../../../../contracts/users.ts';
import { mayManageAccount, needsSecondFactor } from '../../platform/access/roles.ts';
import { scopeRoots } from '../../platform/access/scope.ts';
import { writeAudit, type AuditActor } from '../../platform/audit/audit.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { clearThrottle, consumeTotpCode } from '../../platform/auth/auth.service.ts';
import { checkNewPassword } from '../../platform/auth/passwords.ts';
import { iso } from '../../platform/clock.ts';
import { maskPhone } from '../../../../contracts/identifiers.ts';
import type { DeliveryPurpose, DeliveryReceipt } from '../../platform/delivery/courier.ts';
import type { Caller, Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors/errors.ts';
import type { DbOrTrx } from '../../db/database.ts';
import * as repo from './users.repository.ts';
import * as tickets from './password-reset.repository.ts';
import { presentUser } from './users.presenter.ts';

/** How long a one-time link stays valid. */
export const RESET_LINK_TTL_MS = 24 * 60 * 60 * 1000;

export function hashResetToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The holder-facing page (portal) the link opens; the token travels in the fragment, never to a server log. */
export function resetLink(deps: Deps, token: string): string {
  const base = deps.config.publicUrl ?? `http://localhost:${deps.config.port}`;
  return `${base.replace(/\/$/, '')}/reset-password#t=${token}`;
}

/**
 * Opens a one-time ticket for `userId` inside `trx` (earlier unused tickets of the account are withdrawn) and returns
 * the secret token. The caller delivers it after the transaction commits.
 */
export async function openTicket(
  trx: DbOrTrx,
  deps: Deps,
  userId: number,
  requestedBy: number | null,
  channel: string,
): Promise<{ token: string; expiresAt: string }> {
  const now = deps.clock.now();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = iso(new Date(now.getTime() + RESET_LINK_TTL_MS));
  await tickets.withdrawTickets(trx, userId, iso(now));
  await tickets.insertTicket(trx, {
    userId,
    tokenHash: hashResetToken(token),
    requestedBy,
    channel,
    now: iso(now),
    expiresAt,
  });
  return { token, expiresAt };
}

/** Sends the link of an opened ticket to the account holder. */
export async function deliverTicket(
  deps: Deps,
  user: { id: number; username: string; phone_enc: string | null },
  purpose: DeliveryPurpose,
  ticket: { token: string; expiresAt: string },
): Promise<DeliveryReceipt> {
  const phone = user.phone_enc ? deps.vault.decrypt(user.phone_enc) : null;
  return deps.courier.deliver(
    {
      userId: user.id,
      username: user.username,
      purpose,
      link: resetLink(deps, ticket.token),
      expiresAt: ticket.expiresAt,
      phone,
    },
    phone ? maskPhone(phone) : null,
  );
}

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
  if (
    !mayManageAccount(
      caller.principal.roles.map((r) => r.role),
      roles.map((r) => r.role),
    )
  )
    throw new AppError('SEPARATION_OF_DUTIES', {
      zh: '三员分立：不能重置其他类别管理员的密码',
      en: 'Separation of duties: you cannot reset an administrator of another kind',
    });

  const unusable = await hashPassword(randomBytes(32).toString('base64url'));
  const now = iso(deps.clock.now());
  const { ticket, sessionsEnded } = await deps.db.transaction().execute(async (trx) => {
    await tickets.setPasswordHash(trx, userId, unusable, caller.principal.userId, now);
    const sessionsEnded = await repo.endSessionsOf(trx, userId);
    const ticket = await openTicket(trx, deps, userId, caller.principal.userId, 'out-of-band');
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'user.password_reset',
      targetType: 'user',
      targetId: userId,
      divisionCode: target.division_code,
      details: { delivery: 'holder-only', sessionsEnded, expiresAt: ticket.expiresAt },
    });
    return { ticket, sessionsEnded };
  });
  const receipt = await deliverTicket(deps, target, 'password-reset', ticket);
  const updated = await repo.findUser(deps.db, roots, userId);
  if (!updated) throw new AppError('NOT_FOUND');
  return {
    user: presentUser(updated, roles, deps.vault),
    delivery: { channel: receipt.channel, recipient: receipt.recipient, expiresAt: ticket.expiresAt },
    sessionsEnded,
  };
}

async function liveTicket(deps: Deps, token: string) {
  const row = await tickets.findLiveTicket(deps.db, hashResetToken(token), iso(deps.clock.now()));
  if (!row || row.status !== 'active')
    throw new AppError('NOT_FOUND', {
      zh: '链接无效或已过期，请联系管理员重新发送',
      en: 'The link is invalid or has expired; ask your administrator for a new one',
    });
  const roles = await tickets.roleCodesOf(deps.db, row.user_id);
  return { ...row, needsTotp: needsSecondFactor(roles) && row.totp_enabled === 1 };
}

/**
 * What the link's page shows before the holder sets a password (username, expiry, whether a TOTP code is needed).
 * Each opening is audited (who opened which account's link, from where), so a link seen by someone else shows up.
 */
export async function inspectPasswordReset(deps: Deps, actorIp: string, token: string): Promise<PasswordResetInfo> {
  const t = await liveTicket(deps, token);
  await deps.db.transaction().execute(async (trx) => {
    await writeAudit(
      trx,
      deps.audit,
      { userId: t.user_id, username: t.username, ip: actorIp },
      {
        action: 'user.password_link_open',
        targetType: 'user',
        targetId: t.user_id,
        details: { ticket: t.id, expiresAt: t.expires_at },
      },
    );
  });
  return { username: t.username, expiresAt: t.expires_at, totpRequired: t.needsTotp };
}

/** The holder sets their own password with the one-time link (and their TOTP code for administrators). */
export async function redeemPasswordReset(
  deps: Deps,
  actorIp: string,
  body: RedeemPasswordResetRequest,
): Promise<{ username: string }> {
  const t = await liveTicket(deps, body.token);
  const actor: AuditActor = { userId: t.user_id, username: t.username, ip: actorIp };
  const problems = checkNewPassword(deps.config.mode, body.newPassword, {
    username: t.username,
    displayName: await tickets.displayNameOf(deps.db, t.user_id),
  });
  if (problems.length > 0)
    throw new AppError('VALIDATION', { details: problems.map((m) => ({ path: 'body.newPassword', message: m })) });
  if (t.needsTotp) {
    const ok = body.totpCode !== undefined && (await consumeTotpCode(deps, t.user_id, t.username, body.totpCode));
    if (!ok) throw new AppError('MFA_INVALID');
  }
  const hash = await hashPassword(body.newPassword);
  const now = iso(deps.clock.now());
  await deps.db.transaction().execute(async (trx) => {
    if (!(await tickets.claimTicket(trx, t.id, now)))
      throw new AppError('NOT_FOUND', {
        zh: '链接无效或已过期，请联系管理员重新发送',
        en: 'The link is invalid or has expired; ask your administrator for a new one',
      });
    await tickets.setPasswordHash(trx, t.user_id, hash, null, now);
    await repo.endSessionsOf(trx, t.user_id);
    await clearThrottle(trx, t.username);
    await writeAudit(trx, deps.audit, actor, {
      action: 'user.password_set',
      targetType: 'user',
      targetId: t.user_id,
      details: { via: 'one-time-link' },
    });
  });
  return { username: t.username };
}
