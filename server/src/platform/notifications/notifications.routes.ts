import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZIdParams, errorResponses } from '../../../../contracts/common.ts';
import {
  ZListNotificationsQuery,
  ZNotification,
  ZNotificationPage,
  ZReadAllResult,
} from '../../../../contracts/notifications.ts';
import type { Deps } from '../deps.ts';
import { callerOf } from '../http/caller.ts';
import { listNotifications, markAllRead, markRead } from './notifications.service.ts';

/** GET /api/notifications, POST /api/notifications/:id/read, POST /api/notifications/read-all: own rows only. */
export function registerNotificationRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['notifications'];

  r.get('/api/notifications', {
    config: { rule: { access: 'authenticated', scope: 'self', audit: 'none' } },
    schema: {
      tags,
      summary: '我的通知（含未读数） / my notifications, with the unread count',
      querystring: ZListNotificationsQuery,
      response: { 200: ZNotificationPage, ...errorResponses },
    },
    handler: (req) => listNotifications(deps, callerOf(req), req.query),
  });

  r.post('/api/notifications/read-all', {
    config: { rule: { access: 'authenticated', scope: 'self', audit: 'notification.read_all' } },
    schema: {
      tags,
      summary: '全部标为已读 / mark all read',
      response: { 200: ZReadAllResult, ...errorResponses },
    },
    handler: (req) => markAllRead(deps, callerOf(req)),
  });

  r.post('/api/notifications/:id/read', {
    config: { rule: { access: 'authenticated', scope: 'self', audit: 'notification.read' } },
    schema: {
      tags,
      summary: '标为已读 / mark read',
      params: ZIdParams,
      response: { 200: ZNotification, ...errorResponses },
    },
    handler: (req) => markRead(deps, callerOf(req), req.params.id),
  });
}
