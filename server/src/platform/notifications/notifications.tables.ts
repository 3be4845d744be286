import type { Generated } from 'kysely';

/** In-app notifications (migration 0004): one row per recipient, both languages stored as written. */
export interface NotificationTable {
  id: Generated<number>;
  user_id: number;
  kind: string;
  title_zh: string;
  title_en: string;
  body_zh: string;
  body_en: string;
  /** A console path, or null. */
  link: string | null;
  created_at: string;
  /** When the recipient marked it read; null while unread. */
  read_at: string | null;
}
