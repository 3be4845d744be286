/** The caller's own notifications: list with the unread count, mark one or all read (each mark audited). */
import type { z } from 'zod';
import type { Notification, NotificationPage, ZListNotificationsQuery } from '../../../../contracts/notifications.ts';
import { writeAudit } from '../audit/audit.ts';
import { iso } from '../clock.ts';
import type { Caller, Deps } from '../deps.ts';
import { AppError } from '../errors/errors.ts';
import * as repo from './notifications.repository.ts';

function present(row: repo.NotificationRow): Notification {
  return {
    id: row.id,
    kind: row.kind,
    titleZh: row.title_zh,
    titleEn: row.title_en,
    bodyZh: row.body_zh,
    bodyEn: row.body_en,
    link: row.link,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

export async function listNotifications(
  deps: Deps,
  caller: Caller,
  query: z.infer<typeof ZListNotificationsQuery>,
): Promise<NotificationPage> {
  const userId = caller.principal.userId;
  const unreadOnly = query.unread === 'true';
  const unreadCount = await repo.countOwn(deps.db, userId, true);
  const total = unreadOnly ? unreadCount : await repo.countOwn(deps.db, userId, false);
  const rows =
    total === 0
      ? []
      : await repo.listOwn(deps.db, userId, {
          unreadOnly,
          limit: query.pageSize,
          offset: (query.page - 1) * query.pageSize,
        });
  return { items: rows.map(present), total, page: query.page, pageSize: query.pageSize, unreadCount };
}

/** Marks one of the caller's notifications read; another user's (or a missing) one is 404. */
export async function markRead(deps: Deps, caller: Caller, id: number): Promise<Notification> {
  const userId = caller.principal.userId;
  return deps.db.transaction().execute(async (trx) => {
    const changed = await repo.markOwnRead(trx, userId, id, iso(deps.clock.now()));
    const row = await repo.findOwn(trx, userId, id);
    if (!row) throw new AppError('NOT_FOUND');
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'notification.read',
      targetType: 'notification',
      targetId: id,
      divisionCode: caller.principal.divisionCode,
      details: { changed },
    });
    return present(row);
  });
}

export async function markAllRead(deps: Deps, caller: Caller): Promise<{ updated: number; unreadCount: number }> {
  return deps.db.transaction().execute(async (trx) => {
    const updated = await repo.markAllOwnRead(trx, caller.principal.userId, iso(deps.clock.now()));
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'notification.read_all',
      targetType: 'notification',
      divisionCode: caller.principal.divisionCode,
      details: { updated },
    });
    return { updated, unreadCount: 0 };
  });
}
