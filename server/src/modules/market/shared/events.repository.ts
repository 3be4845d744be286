/** Status history and objections of achievements and demands (mkt_event). */
import type { DbOrTrx } from '../../../db/database.ts';

export interface EventInput {
  recordType: 'achievement' | 'demand';
  recordId: number;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  comment: string;
  actorUserId: number | null;
  at: string;
}

export async function insertEvent(trx: DbOrTrx, e: EventInput): Promise<void> {
  await trx
    .insertInto('mkt_event')
    .values({
      record_type: e.recordType,
      record_id: e.recordId,
      action: e.action,
      from_status: e.fromStatus,
      to_status: e.toStatus,
      comment: e.comment,
      actor_user_id: e.actorUserId,
      at: e.at,
    })
    .execute();
}

/** The history of a new record: `create` (to draft) and, when it was submitted at once, `submit` (draft -> submitted). */
export async function insertCreationEvents(
  trx: DbOrTrx,
  e: { recordType: EventInput['recordType']; recordId: number; submitted: boolean; actorUserId: number; at: string },
): Promise<void> {
  const base = { recordType: e.recordType, recordId: e.recordId, comment: '', actorUserId: e.actorUserId, at: e.at };
  await insertEvent(trx, { ...base, action: 'create', fromStatus: null, toStatus: 'draft' });
  if (e.submitted) await insertEvent(trx, { ...base, action: 'submit', fromStatus: 'draft', toStatus: 'submitted' });
}

export function listEvents(db: DbOrTrx, recordType: 'achievement' | 'demand', recordId: number) {
  return db
    .selectFrom('mkt_event')
    .select(['action', 'from_status', 'to_status', 'comment', 'at'])
    .where('record_type', '=', recordType)
    .where('record_id', '=', recordId)
    .orderBy('id')
    .execute();
}

/** Objections lodged during the current 公示 (after the record last entered publicity). */
export async function objectionsSince(db: DbOrTrx, recordId: number, since: string): Promise<number> {
  const row = await db
    .selectFrom('mkt_event')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('record_type', '=', 'achievement')
    .where('record_id', '=', recordId)
    .where('action', '=', 'objection')
    .where('at', '>=', since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** When the achievement last entered 公示. */
export async function publicityStartedAt(db: DbOrTrx, recordId: number): Promise<string | null> {
  const row = await db
    .selectFrom('mkt_event')
    .select('at')
    .where('record_type', '=', 'achievement')
    .where('record_id', '=', recordId)
    .where('to_status', '=', 'publicity')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row?.at ?? null;
}
