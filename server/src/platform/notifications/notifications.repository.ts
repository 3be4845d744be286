/** SQL of notifications: writing them for `notify`, and the recipient's own reads and marks (narrowed to that recipient). */
import type { Insertable } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import type { NotificationTable } from './notifications.tables.ts';

const COLUMNS = ['id', 'kind', 'title_zh', 'title_en', 'body_zh', 'body_en', 'link', 'created_at', 'read_at'] as const;

export type NotificationRow = Awaited<ReturnType<typeof listOwn>>[number];

export function listOwn(db: DbOrTrx, userId: number, opts: { unreadOnly: boolean; limit: number; offset: number }) {
  return db
    .selectFrom('notification')
    .select(COLUMNS)
    .where('user_id', '=', userId)
    .$if(opts.unreadOnly, (qb) => qb.where('read_at', 'is', null))
    .orderBy('id', 'desc')
    .limit(opts.limit)
    .offset(opts.offset)
    .execute();
}

export async function countOwn(db: DbOrTrx, userId: number, unreadOnly: boolean): Promise<number> {
  const row = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .$if(unreadOnly, (qb) => qb.where('read_at', 'is', null))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export function findOwn(db: DbOrTrx, userId: number, id: number) {
  return db
    .selectFrom('notification')
    .select(COLUMNS)
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Marks one of the user's notifications read (if unread); returns whether it changed. */
export async function markOwnRead(db: DbOrTrx, userId: number, id: number, at: string): Promise<boolean> {
  const res = await db
    .updateTable('notification')
    .set({ read_at: at })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Marks all the user's unread notifications read; returns how many changed. */
export async function markAllOwnRead(db: DbOrTrx, userId: number, at: string): Promise<number> {
  const res = await db
    .updateTable('notification')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Writes notifications (one statement; the caller keeps the batches small). */
export async function insertNotifications(db: DbOrTrx, rows: Insertable<NotificationTable>[]): Promise<void> {
  await db.insertInto('notification').values(rows).execute();
}
