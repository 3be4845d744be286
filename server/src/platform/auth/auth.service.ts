/** Login, second factor, logout and the session view. */
import { Secret, TOTP } from 'otpauth';
import { LOCALES, type Locale, type Session } from '../../../../contracts/auth.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { ROLE_PERMISSIONS, isRoleCode, needsSecondFactor } from '../access/roles.ts';
import type { Principal } from '../access/scope.ts';
import { writeAudit, type AuditActor } from '../audit/audit.ts';
import { iso } from '../clock.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors/errors.ts';
import { verifyPassword } from './passwords.ts';
import { createSession, loadPrincipal, type SessionState } from './session.ts';

export const MAX_FAILURES = 5;
export const LOCKOUT_MS = 30 * 60 * 1000;

export function normaliseUsername(username: string): string {
  return username.trim().toLowerCase();
}

/**
 * Claims one check (password or one-time code) for a username, known or not, BEFORE it is made: the attempt is
 * counted as a failure up front in a single atomic statement, and a success clears the counter. Checking the lock
 * first and recording the failure afterwards let parallel requests all pass the lock check before any of them was
 * counted (20 concurrent guesses got 20 checks). Returns false when the username is locked; nothing is counted then.
 *
 * The count restarts only after 30 minutes without a failure (`first_failure_at` holds the latest failure of the
 * run), so no 30-minute span ever holds more than MAX_FAILURES checks; a window fixed at the first failure let a
 * burst just before and one just after its end add up to eight.
 */
async function claimAttempt(deps: Deps, key: string): Promise<boolean> {
  const now = deps.clock.now();
  const windowStart = iso(new Date(now.getTime() - LOCKOUT_MS));
  const lockUntil = iso(new Date(now.getTime() + LOCKOUT_MS));
  for (let pass = 0; pass < 2; pass++) {
    const updated = await deps.db
      .updateTable('login_throttle')
      .set((eb) => ({
        failures: eb
          .case()
          .when('first_failure_at', '>', windowStart)
          .then(eb('failures', '+', 1))
          .else(1)
          .end(),
        locked_until: eb
          .case()
          .when(eb.and([eb('first_failure_at', '>', windowStart), eb('failures', '>=', MAX_FAILURES - 1)]))
          .then(lockUntil)
          .else(null)
          .end(),
        first_failure_at: iso(now),
      }))
      .where('username_key', '=', key)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', iso(now))]))
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) > 0) return true;
    const inserted = await deps.db
      .insertInto('login_throttle')
      .values({ username_key: key, failures: 1, first_failure_at: iso(now), locked_until: null })
      .onConflict((oc) => oc.column('username_key').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return true;
    // The row exists but the update did not match: locked, or inserted concurrently just now (then try once more).
  }
  return false;
}

export interface LoginInput {
  username: string;
  password: string;
  ip: string;
  userAgent: string;
  /** Hash of the session presented with the request, destroyed so the id always rotates. */
  previousSessionHash: string | null;
}

/** Checks credentials; on success opens a new session (pending a second factor for admin roles). */
export async function login(
  deps: Deps,
  input: LoginInput,
): Promise<{ id: string; state: SessionState; principal: Principal }> {
  const key = normaliseUsername(input.username).slice(0, 64);
  const actor: AuditActor = { userId: null, username: key, ip: input.ip };
  const user = await deps.db
    .selectFrom('app_user')
    .select(['id', 'password_hash', 'status', 'is_demo'])
    .where('username', '=', key)
    // Production refuses demo accounts outright: they answer like unknown users.
    .$if(deps.config.mode === 'production', (qb) => qb.where('is_demo', '=', 0))
    .executeTakeFirst();
  const locked = !(await claimAttempt(deps, key));
  // Always verify (against a dummy for unknown users) so timing does not tell them apart.
  const passwordOk = await verifyPassword(user?.password_hash ?? null, input.password);

  if (locked || !user || !passwordOk) {
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
          details: { reason: locked ? 'locked' : 'bad-credentials' },
        },
      );
    });
    throw new AppError('LOGIN_FAILED');
  }
  if (user.status !== 'active') {
    await deps.db.transaction().execute(async (trx) => {
      // The password was right: the attempt claimed above is not a failure.
      await trx.deleteFrom('login_throttle').where('username_key', '=', key).execute();
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
  return deps.db.transaction().execute(async (trx) => {
    if (input.previousSessionHash)
      await trx.deleteFrom('session').where('id_hash', '=', input.previousSessionHash).execute();
    await trx.deleteFrom('login_throttle').where('username_key', '=', key).execute();
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
        details: { mfaPending: session.state.mfaPending },
      },
    );
    return { ...session, principal };
  });
}

function totpFor(secret: string, username: string): TOTP {
  return new TOTP({
    issuer: 'Qixian 旗县',
    label: username,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: Secret.fromBase32(secret),
  });
}

/** Starts TOTP enrolment for an account that has none: stores a fresh secret, returns it once. */
export async function setupTotp(deps: Deps, principal: Principal): Promise<{ secret: string; otpauthUri: string }> {
  const user = await deps.db
    .selectFrom('app_user')
    .select(['totp_enabled'])
    .where('id', '=', principal.userId)
    .executeTakeFirstOrThrow();
  if (user.totp_enabled === 1)
    throw new AppError('INVALID_STATE', { zh: '已绑定动态口令', en: 'A TOTP device is already enrolled' });
  const secret = new Secret({ size: 20 }).base32;
  await deps.db
    .updateTable('app_user')
    .set({ totp_secret_enc: deps.vault.encrypt(secret) })
    .where('id', '=', principal.userId)
    .execute();
  return { secret, otpauthUri: totpFor(secret, principal.username).toString() };
}

/** Checks the one-time code; on success the session is re-issued under a new id without the pending flag. */
export async function verifyTotp(
  deps: Deps,
  opts: { principal: Principal; session: SessionState; code: string; ip: string; userAgent: string },
): Promise<{ id: string; state: SessionState }> {
  const actor: AuditActor = { userId: opts.principal.userId, username: opts.principal.username, ip: opts.ip };
  const key = normaliseUsername(opts.principal.username);
  const user = await deps.db
    .selectFrom('app_user')
    .select(['totp_secret_enc', 'totp_enabled'])
    .where('id', '=', opts.principal.userId)
    .executeTakeFirstOrThrow();
  if (!user.totp_secret_enc)
    throw new AppError('INVALID_STATE', { zh: '请先绑定动态口令', en: 'Enrol a TOTP device first' });
  const locked = !(await claimAttempt(deps, key));
  const secret = deps.vault.decrypt(user.totp_secret_enc);
  const delta = totpFor(secret, opts.principal.username).validate({
    token: opts.code,
    timestamp: deps.clock.now().getTime(),
    window: 1,
  });
  if (locked || delta === null) {
    await deps.db.transaction().execute(async (trx) => {
      await writeAudit(trx, deps.audit, actor, {
        action: 'auth.totp',
        result: 'failure',
        targetType: 'user',
        targetId: actor.userId ?? undefined,
      });
    });
    throw new AppError('MFA_INVALID');
  }
  return deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('session').where('id_hash', '=', opts.session.idHash).execute();
    if (user.totp_enabled !== 1)
      await trx.updateTable('app_user').set({ totp_enabled: 1 }).where('id', '=', opts.principal.userId).execute();
    await trx.deleteFrom('login_throttle').where('username_key', '=', key).execute();
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
    await trx.deleteFrom('session').where('id_hash', '=', opts.session.idHash).execute();
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
  const division = await db
    .selectFrom('division')
    .select(['code', 'name', 'level'])
    .where('code', '=', principal.divisionCode)
    .executeTakeFirstOrThrow();
  const user = await db
    .selectFrom('app_user')
    .select(['totp_enabled', 'locale', 'must_change_password'])
    .where('id', '=', principal.userId)
    .executeTakeFirstOrThrow();
  const permissions = new Set<string>();
  for (const r of principal.roles) if (isRoleCode(r.role)) for (const p of ROLE_PERMISSIONS[r.role]) permissions.add(p);
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
    division,
    csrfToken: state.csrfToken,
    mfaRequired: state.mfaPending,
    mfaEnrolled: user.totp_enabled === 1,
    mustChangePassword: user.must_change_password === 1,
    expiresAt: state.expiresAt,
    idleTimeoutSeconds: state.idleTimeoutS,
  };
}
