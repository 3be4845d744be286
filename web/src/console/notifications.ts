/** Notifications as the console reads them (contracts/notifications.ts), in the user's language. */
import type { Notification } from '../../../contracts/notifications.ts';
import type { Locale } from '../shared/i18n.ts';

export type { Notification as NotificationItem, NotificationPage } from '../../../contracts/notifications.ts';

export function notificationText(n: Notification, locale: Locale): { title: string; body: string } {
  return locale === 'en-US'
    ? { title: n.titleEn || n.titleZh, body: n.bodyEn || n.bodyZh }
    : { title: n.titleZh, body: n.bodyZh };
}
