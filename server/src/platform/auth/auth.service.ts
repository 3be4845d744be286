/** Login, second factor, logout and the session view. */
import { Secret, TOTP } from 'otpauth';
import { LOCALES, type Locale, type Session } from '../../../../contracts/auth.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { permissionsOfRole } from '../modules/installed.ts';
import { needsSecondFactor } from '../access/roles.ts';
import type { Principal } from '../access/scope.ts';
import { writeAudit, type AuditActor } from '../audit/audit.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors/errors.ts';
import * as repo from './auth.repository.ts';
import { verifyPassword } from './passwords.ts';
import { createSession, loadPrincipal, type SessionState } from './session.ts';
import { deleteSession } from './sessions.repository.ts';
import {
  MFA_MAX_FAILURES,
  claimLock,
  claimPasswordCheck,
  mfaKey,
  parseDeviceCookie,
  releasePasswordCheck,
  renewDeviceCookie,
} from './throttle.ts';
import { deleteThrottle } from './throttle.repository.ts';

export { LOCKOUT_MS, MAX_FAILURES, clearThrottle } from './throttle.ts';

export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

export interface LoginInput {
  username: string;
  password: string;
  ip: string;
  userAgent: string;
  /** Hash of the session presented with the request, destroyed so the id always rotates. */
  previousSessionHash: string | null;
  /** The device cookie presented with the request, if any (see throttle.ts). */
  deviceCookie?: string;
}

/**
 * Checks credentials; on success opens a new session (pending a second factor for admin roles) and returns the
 * renewed device cookie. Every failure — unknown user, wrong password, locked pair, slowed account — gets the same
 * LOGIN_FAILED answer after the same password hashing work, and never sets or clears a cookie.
 */
export async function login(
  deps: Deps,
  input: LoginInput,
): Promise<{ id: string; state: SessionState; principal: Principal; deviceCookie: string }> {
  const key = normaliseUsername(input.username).slice(0, 64);
  const actor: AuditActor = { userId: null, username: key, ip: input.ip };
  const devices = parseDeviceCookie(deps, input.deviceCookie);
  const device = devices.find((d) => d.account === key);
  const client = device ? { device: device.id } : { ip: input.ip };
  // Production refuses demo accounts outright: they answer like unknown users.
  const user = await repo.findLoginAccount(deps.db, key, { excludeDemo: deps.config.mode === 'production' });
  const claim = await claimPasswordCheck(deps, key, client);
  // Always verify (against a dummy for unknown users) so timing does not tell them apart, nor a refused claim.
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);

  if (claim !== 'ok' || !user || !passwordOk) {
    await deps.db.transaction().execute(async (trx) => {
      await writeAudit(
        trx,
        deps.audit,
        { ...actor, userId: user?.id ?? null },
        {
          action: 'auth.login',
          result: 'failure',
          targetType: 'user',
          targetId: user?.id,
          details: { reason: claim === 'ok' ? 'bad-credentials' : claim, knownDevice: device !== undefined },
        },
      );
    });
    throw new AppError('LOGIN_FAILED');
  }
  if (user.status !== 'active') {
    await deps.db.transaction().execute(async (trx) => {
      // The password was right: the check claimed above is not a failure.
      await releasePasswordCheck(trx, key, client);
      await writeAudit(
        trx,
        deps.audit,
        { ...actor, userId: user.id },
        {
          action: 'auth.login',
          result: 'failure',
          targetType: 'user',
          targetId: user.id,
          details: { reason: `status-${user.status}` },
        },
      );
    });
    throw new AppError('INVALID_STATE', {
      zh: user.status === 'pending' ? '账户正在等待审核' : '账户已停用，请联系管理员',
      en: user.status === 'pending' ? 'The account is awaiting approval' : 'The account is disabled',
    });
  }
  const principal = await loadPrincipal(deps.db, user.id);
  if (!principal) throw new AppError('LOGIN_FAILED');
  const roles = principal.roles.map((r) => r.role);
  const opened = await deps.db.transaction().execute(async (trx) => {
    if (input.previousSessionHash) await deleteSession(trx, input.previousSessionHash);
    await releasePasswordCheck(trx, key, client);
    const session = await createSession(trx, deps, {
      userId: user.id,
      roles,
      mfaPending: needsSecondFactor(roles),
      ip: input.ip,
      userAgent: input.userAgent,
    });
    await writeAudit(
      trx,
      deps.audit,
      { ...actor, userId: user.id },
      {
        action: 'auth.login',
        targetType: 'user',
        targetId: user.id,
        divisionCode: principal.divisionCode,
        details: { mfaPending: session.state.mfaPending, knownDevice: device !== undefined },
      },
    );
    return { ...session, principal };
  });
  return { ...opened, deviceCookie: renewDeviceCookie(deps, devices, key) };
}

/** TOTP time-step length (RFC 6238 default; what authenticator apps use). */
export const TOTP_PERIOD_S = 30;

function totpFor(secret: string, username: string): TOTP {
  return new TOTP({
    issuer: 'Qixian 旗县',
    label: username,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_S,
    secret: Secret.fromBase32(secret),
  });
}

/** Starts TOTP enrolment for an account that has none: stores a fresh secret, returns it once. */
export async function setupTotp(deps: Deps, principal: Principal): Promise<{ secret: string; otpauthUri: string }> {
  const user = await repo.getTotpState(deps.db, principal.userId);
  if (user.totp_enabled === 1)
    throw new AppError('INVALID_STATE', { zh: '已绑定动态口令', en: 'A TOTP device is already enrolled' });
  const secret = new Secret({ size: 20 }).base32;
  await repo.setTotpSecret(deps.db, principal.userId, deps.vault.encrypt(secret));
  return { secret, otpauthUri: totpFor(secret, principal.username).toString() };
}

export type TotpCheck = 'ok' | 'locked' | 'wrong' | 'replayed';

/** The answer to every refused one-time code (wrong, already used, or the second factor locked): one message. */
function mfaInvalid(): AppError {
  return new AppError('MFA_INVALID', {
    zh: '动态口令错误或已使用过；多次错误后将暂时锁定 30 分钟，请等待下一个口令',
    en: 'The one-time code is wrong or already used; too many wrong codes lock it for 30 minutes. Wait for the next code',
  });
}

/**
 * Checks a one-time code of an enrolled (or enrolling) account and consumes it. The attempt is claimed against the
 * account's second-factor lock first (MFA_MAX_FAILURES wrong codes in a run lock it for LOCKOUT_MS; a new password
 * sign-in does not clear it). A right code is accepted only if its time-step (from the clock and otpauth's delta) is
 * later than the last accepted one, by one conditional UPDATE — so a code works once, in one session, even when two
 * verifications of it race. Only an accepted code clears the lock.
 */
export async function checkTotpCode(deps: Deps, userId: number, username: string, code: string): Promise<TotpCheck> {
  const key = normaliseUsername(username).slice(0, 64);
  const now = deps.clock.now().getTime();
  const user = await repo.findTotpSecret(deps.db, userId);
  if (!user?.totp_secret_enc) return 'wrong';
  if (!(await claimLock(deps.db, mfaKey(key), new Date(now), MFA_MAX_FAILURES))) return 'locked';
  const secret = deps.vault.decrypt(user.totp_secret_enc);
  const delta = totpFor(secret, username).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return 'wrong';
  const step = Math.floor(now / (TOTP_PERIOD_S * 1000)) + delta;
  if (!(await repo.claimTotpStep(deps.db, userId, step))) return 'replayed';
  await deleteThrottle(deps.db, mfaKey(key));
  return 'ok';
}

/** True when the code is accepted (see checkTotpCode); for flows other than sign-in (e.g. a password reset link). */
export async function consumeTotpCode(deps: Deps, userId: number, username: string, code: string): Promise<boolean> {
  return (await checkTotpCode(deps, userId, username, code)) === 'ok';
}

/** Checks the one-time code; on success the session is re-issued under a new id without the pending flag. */
export async function verifyTotp(
  deps: Deps,
  opts: { principal: Principal; session: SessionState; code: string; ip: string; userAgent: string },
): Promise<{ id: string; state: SessionState }> {
  const actor: AuditActor = { userId: opts.principal.userId, username: opts.principal.username, ip: opts.ip };
  const user = await repo.getTotpState(deps.db, opts.principal.userId);
  if (!user.totp_secret_enc)
    throw new AppError('INVALID_STATE', { zh: '请先绑定动态口令', en: 'Enrol a TOTP device first' });
  const check = await checkTotpCode(deps, opts.principal.userId, opts.principal.username, opts.code);
  if (check !== 'ok') {
    await deps.db.transaction().execute(async (trx) => {
      await writeAudit(trx, deps.audit, actor, {
        action: 'auth.totp',
        result: 'failure',
        targetType: 'user',
        targetId: actor.userId ?? undefined,
        details: { reason: check },
      });
    });
    throw mfaInvalid();
  }
  return deps.db.transaction().execute(async (trx) => {
    await deleteSession(trx, opts.session.idHash);
    if (user.totp_enabled !== 1) await repo.enableTotp(trx, opts.principal.userId);
    const session = await createSession(trx, deps, {
      userId: opts.principal.userId,
      roles: opts.principal.roles.map((r) => r.role),
      mfaPending: false,
      ip: opts.ip,
      userAgent: opts.userAgent,
      createdAt: opts.session.createdAt,
    });
    await writeAudit(trx, deps.audit, actor, {
      action: user.totp_enabled === 1 ? 'auth.totp' : 'auth.totp_enrol',
      targetType: 'user',
      targetId: opts.principal.userId,
    });
    return session;
  });
}

export async function logout(
  deps: Deps,
  opts: { principal: Principal; session: SessionState; ip: string },
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await deleteSession(trx, opts.session.idHash);
    await writeAudit(
      trx,
      deps.audit,
      { userId: opts.principal.userId, username: opts.principal.username, ip: opts.ip },
      {
        action: 'auth.logout',
        targetType: 'user',
        targetId: opts.principal.userId,
      },
    );
  });
}

/** A stored locale as the contract's enum (the column is free text; migration 0004 normalised old values). */
export function toLocale(value: string): Locale {
  return (LOCALES as readonly string[]).includes(value) ? (value as Locale) : 'zh-CN';
}

/** The session as the client sees it. */
export async function presentSession(db: DbOrTrx, principal: Principal, state: SessionState): Promise<Session> {
  const division = await repo.getSessionDivision(db, principal.divisionCode);
  const user = await repo.getSessionAccount(db, principal.userId);
  const permissions = new Set<string>();
  const rolePermissions: Record<string, string[]> = {};
  for (const r of principal.roles) {
    rolePermissions[r.role] = [...permissionsOfRole(r.role)];
    for (const p of rolePermissions[r.role]!) permissions.add(p);
  }
  return {
    user: {
      id: principal.userId,
      username: principal.username,
      displayName: principal.displayName,
      divisionCode: principal.divisionCode,
      divisionName: division.name,
      orgId: principal.orgId,
      locale: toLocale(user.locale),
    },
    roles: principal.roles,
    permissions: state.mfaPending ? [] : [...permissions].sort(),
    rolePermissions: state.mfaPending ? {} : rolePermissions,
    division,
    csrfToken: state.csrfToken,
    mfaRequired: state.mfaPending,
    mfaEnrolled: user.totp_enabled === 1,
    mustChangePassword: user.must_change_password === 1,
    expiresAt: state.expiresAt,
    idleTimeoutSeconds: state.idleTimeoutS,
  };
}
