/** Writing notifications: called by a module inside the transaction of the write that causes them. */
import type { DbOrTrx } from '../../db/database.ts';
import { iso } from '../clock.ts';
import { insertNotifications } from './notifications.repository.ts';

export interface LocalisedText {
  zh: string;
  en: string;
}

export interface NotifyInput {
  /** Recipients; duplicates are written once. Nothing is written for an empty list. */
  userIds: readonly number[];
  /** What happened, e.g. `registration.submitted` (declared in the module's manifest). */
  kind: string;
  title: LocalisedText;
  body: LocalisedText;
  /** A console path to open, or null. */
  link?: string | null;
  /** The time of the event (the caller's clock). */
  at: Date;
}

const TITLE_MAX = 200;
const LINK_MAX = 500;
const BATCH = 500;

/**
 * Writes one in-app notification per recipient inside `trx`: it commits or rolls back with the write that caused it,
 * so nobody is told of something that did not happen. Returns the number of rows written.
 */
export async function notify(trx: DbOrTrx, n: NotifyInput): Promise<number> {
  const recipients = [...new Set(n.userIds)];
  if (recipients.length === 0) return 0;
  const row = {
    kind: n.kind,
    title_zh: n.title.zh.slice(0, TITLE_MAX),
    title_en: n.title.en.slice(0, TITLE_MAX),
    body_zh: n.body.zh,
    body_en: n.body.en,
    link: n.link ? n.link.slice(0, LINK_MAX) : null,
    created_at: iso(n.at),
    read_at: null,
  };
  for (let i = 0; i < recipients.length; i += BATCH) {
    await insertNotifications(
      trx,
      recipients.slice(i, i + BATCH).map((userId) => ({ ...row, user_id: userId })),
    );
  }
  return recipients.length;
}
