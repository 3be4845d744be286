/** SQL of one-time links (password reset, account activation) and of the password they set. */
import type { DbOrTrx } from '../../db/database.ts';

/** Withdraws the account's unused tickets (marks them used at `now`). */
export async function withdrawTickets(db: DbOrTrx, userId: number, now: string): Promise<void> {
  await db
    .updateTable('password_reset_ticket')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}

export async function insertTicket(
  db: DbOrTrx,
  t: { userId: number; tokenHash: string; requestedBy: number | null; channel: string; now: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto('password_reset_ticket')
    .values({
      user_id: t.userId,
      token_hash: t.tokenHash,
      requested_by: t.requestedBy,
      channel: t.channel,
      created_at: t.now,
      expires_at: t.expiresAt,
      used_at: null,
    })
    .execute();
}

/** The unused, unexpired ticket with this token hash and its account, or undefined. */
export function findLiveTicket(db: DbOrTrx, tokenHash: string, now: string) {
  return db
    .selectFrom('password_reset_ticket')
    .innerJoin('app_user', 'app_user.id', 'password_reset_ticket.user_id')
    .select([
      'password_reset_ticket.id',
      'password_reset_ticket.user_id',
      'password_reset_ticket.expires_at',
      'app_user.username',
      'app_user.status',
      'app_user.totp_enabled',
    ])
    .where('password_reset_ticket.token_hash', '=', tokenHash)
    .where('password_reset_ticket.used_at', 'is', null)
    .where('password_reset_ticket.expires_at', '>', now)
    .executeTakeFirst();
}

/** Marks a ticket used if it still is unused; false when another request claimed it first. */
export async function claimTicket(db: DbOrTrx, ticketId: number, now: string): Promise<boolean> {
  const claimed = await db
    .updateTable('password_reset_ticket')
    .set({ used_at: now })
    .where('id', '=', ticketId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) === 1;
}

/**
 * Sets the account's password hash. `setBy` is who chose it (an administrator's reset: an unusable hash until the
 * holder uses the link), null when the holder did.
 */
export async function setPasswordHash(
  db: DbOrTrx,
  userId: number,
  hash: string,
  setBy: number | null,
  now: string,
): Promise<void> {
  await db
    .updateTable('app_user')
    .set({
      password_hash: hash,
      must_change_password: 0,
      password_set_by: setBy,
      password_changed_at: now,
      updated_at: now,
    })
    .where('id', '=', userId)
    .execute();
}

/** Role codes the account holds (any division). */
export async function roleCodesOf(db: DbOrTrx, userId: number): Promise<string[]> {
  const rows = await db.selectFrom('user_role').select('role_code').where('user_id', '=', userId).execute();
  return rows.map((r) => r.role_code);
}

export async function displayNameOf(db: DbOrTrx, userId: number): Promise<string> {
  return (await db.selectFrom('app_user').select(['display_name']).where('id', '=', userId).executeTakeFirstOrThrow())
    .display_name;
}
