/** The SQL of sign-in, the second factor, sign-out and the session view (auth.service.ts holds the rules). */
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

/** Ends one session by the hash of its id (no-op when it is gone already). */
export async function deleteSession(db: DbOrTrx, idHash: string): Promise<void> {
  await db.deleteFrom('session').where('id_hash', '=', idHash).execute();
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

/** Clears one throttle row (e.g. the second-factor lock after an accepted code). */
export async function deleteThrottle(db: DbOrTrx, key: string): Promise<void> {
  await db.deleteFrom('auth_throttle').where('key', '=', key).execute();
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
