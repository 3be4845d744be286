/** All SQL of mkt_nda_request. */
import type { DbOrTrx } from '../../../db/database.ts';

export type NdaStatus = 'pending' | 'approved' | 'declined';

export async function ndaStatusOf(db: DbOrTrx, achievementId: number, userId: number): Promise<NdaStatus | null> {
  const row = await db
    .selectFrom('mkt_nda_request')
    .select('status')
    .where('achievement_id', '=', achievementId)
    .where('requester_user_id', '=', userId)
    .executeTakeFirst();
  return row?.status ?? null;
}

export async function insertNdaRequest(
  trx: DbOrTrx,
  v: { achievementId: number; userId: number; message: string; now: string },
): Promise<number> {
  const row = await trx
    .insertInto('mkt_nda_request')
    .values({
      achievement_id: v.achievementId,
      requester_user_id: v.userId,
      message: v.message,
      status: 'pending',
      decided_by: null,
      decided_at: null,
      created_at: v.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A pending or declined request asked again: back to pending with the new message. */
export async function reopenNdaRequest(trx: DbOrTrx, id: number, message: string, now: string): Promise<void> {
  await trx
    .updateTable('mkt_nda_request')
    .set({ status: 'pending', message, decided_by: null, decided_at: null, created_at: now })
    .where('id', '=', id)
    .execute();
}

const COLUMNS = [
  'n.id',
  'n.achievement_id',
  'n.requester_user_id',
  'n.message',
  'n.status',
  'n.created_at',
  'n.decided_at',
  'a.title as achievement_title',
  'a.owner_user_id',
  'a.division_code',
  'u.display_name as requester_name',
] as const;

function base(db: DbOrTrx) {
  return db
    .selectFrom('mkt_nda_request as n')
    .innerJoin('mkt_achievement as a', 'a.id', 'n.achievement_id')
    .innerJoin('app_user as u', 'u.id', 'n.requester_user_id');
}

export function findNdaRequest(db: DbOrTrx, id: number) {
  return base(db).select(COLUMNS).where('n.id', '=', id).executeTakeFirst();
}

export function findNdaRequestOf(db: DbOrTrx, achievementId: number, userId: number) {
  return base(db)
    .select(COLUMNS)
    .where('n.achievement_id', '=', achievementId)
    .where('n.requester_user_id', '=', userId)
    .executeTakeFirst();
}

/** Requests on the caller's achievements (`owner`) or made by the caller (`requester`), newest first. */
export function listNdaRequests(db: DbOrTrx, userId: number, as: 'owner' | 'requester') {
  return base(db)
    .select(COLUMNS)
    .where(as === 'owner' ? 'a.owner_user_id' : 'n.requester_user_id', '=', userId)
    .orderBy('n.id', 'desc')
    .limit(500)
    .execute();
}

export async function decideNdaRequest(
  trx: DbOrTrx,
  id: number,
  v: { status: 'approved' | 'declined'; by: number; now: string },
): Promise<void> {
  await trx
    .updateTable('mkt_nda_request')
    .set({ status: v.status, decided_by: v.by, decided_at: v.now })
    .where('id', '=', id)
    .execute();
}
