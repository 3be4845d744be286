/**
 * The SQL of sign-in, the second factor, the session view and the own password change (auth.service.ts and
 * password-change.ts hold the rules; sessions and throttles have their own repositories).
 */
import type { DbOrTrx } from '../../db/database.ts';

/** The account a sign-in names (`excludeDemo`: production answers demo accounts like unknown ones). */
export async function findLoginAccount(db: DbOrTrx, username: string, opts: { excludeDemo: boolean }) {
  return db
    .selectFrom('app_user')
    .select(['id', 'password_hash', 'status', 'is_demo'])
    .where('username', '=', username)
    .$if(opts.excludeDemo, (qb) => qb.where('is_demo', '=', 0))
    .executeTakeFirst();
}

/** The account's second-factor state (throws when the account does not exist). */
export async function getTotpState(db: DbOrTrx, userId: number) {
  return db
    .selectFrom('app_user')
    .select(['totp_secret_enc', 'totp_enabled'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

/** The account's encrypted TOTP secret, or undefined for an unknown account. */
export async function findTotpSecret(db: DbOrTrx, userId: number) {
  return db.selectFrom('app_user').select(['totp_secret_enc']).where('id', '=', userId).executeTakeFirst();
}

/** Stores a fresh (encrypted) TOTP secret for enrolment. */
export async function setTotpSecret(db: DbOrTrx, userId: number, secretEnc: string): Promise<void> {
  await db.updateTable('app_user').set({ totp_secret_enc: secretEnc }).where('id', '=', userId).execute();
}

/** Marks the account's TOTP device enrolled. */
export async function enableTotp(db: DbOrTrx, userId: number): Promise<void> {
  await db.updateTable('app_user').set({ totp_enabled: 1 }).where('id', '=', userId).execute();
}

/**
 * Records `step` as the last accepted TOTP time-step, only when it is later than the stored one (one conditional
 * UPDATE, so two verifications of one code cannot both win). True when this call claimed it.
 */
export async function claimTotpStep(db: DbOrTrx, userId: number, step: number): Promise<boolean> {
  const claimed = await db
    .updateTable('app_user')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

/** The division shown with the session (throws when it does not exist). */
export async function getSessionDivision(db: DbOrTrx, code: string) {
  return db.selectFrom('division').select(['code', 'name', 'level']).where('code', '=', code).executeTakeFirstOrThrow();
}

/** The account's settings shown with the session (throws when the account does not exist). */
export async function getSessionAccount(db: DbOrTrx, userId: number) {
  return db
    .selectFrom('app_user')
    .select(['totp_enabled', 'locale', 'must_change_password'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

/** The account's password hash and division, for a password change (throws when the account does not exist). */
export async function getPasswordState(db: DbOrTrx, userId: number) {
  return db
    .selectFrom('app_user')
    .select(['password_hash', 'division_code'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
}

/**
 * Stores a password the holder chose: clears the forced change, and `password_set_by` (an administrator no longer
 * knows this account's password: 三员 chain rule).
 */
export async function setOwnPassword(
  db: DbOrTrx,
  opts: { userId: number; passwordHash: string; now: string },
): Promise<void> {
  await db
    .updateTable('app_user')
    .set({
      password_hash: opts.passwordHash,
      password_changed_at: opts.now,
      must_change_password: 0,
      password_set_by: null,
      updated_at: opts.now,
    })
    .where('id', '=', opts.userId)
    .execute();
}
