import { z } from 'zod';
import { ZPageQuery, zPage } from './common.ts';

/**
 * One in-app notification of the caller (站内通知), in both languages; the console shows the user's locale. `kind` is
 * one the modules' manifests declare (`notificationKinds`).
 */
export const ZNotification = z.object({
  id: z.number().int(),
  kind: z.string(),
  titleZh: z.string(),
  titleEn: z.string(),
  bodyZh: z.string(),
  bodyEn: z.string(),
  /** A console path to open (e.g. `/console/registrations`), or null. */
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type Notification = z.infer<typeof ZNotification>;

/** Newest first; `unreadCount` counts all the caller's unread notifications, whatever the filter. */
export const ZNotificationPage = zPage(ZNotification).extend({ unreadCount: z.number().int() });
export type NotificationPage = z.infer<typeof ZNotificationPage>;

export const ZListNotificationsQuery = ZPageQuery.extend({
  /** `true`: unread only. */
  unread: z.enum(['true', 'false']).optional(),
});

export const ZReadAllResult = z.object({
  /** How many notifications were marked read. */
  updated: z.number().int(),
  unreadCount: z.number().int(),
});
