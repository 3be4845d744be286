/** Shapes of GET /api/notifications as the console reads them. */
import type { Locale } from '../shared/i18n.ts';

export interface NotificationItem {
  id: number;
  kind: string;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: NotificationItem[];
  total: number;
  page: number;
  pageSize: number;
  unreadCount: number;
}

export function notificationText(n: NotificationItem, locale: Locale): { title: string; body: string } {
  return locale === 'en-US'
    ? { title: n.titleEn || n.titleZh, body: n.bodyEn || n.bodyZh }
    : { title: n.titleZh, body: n.bodyZh };
}
