/**
 * GET /api/auth/current: the session or null, for pages that only ask whether someone is signed in.
 * GET /api/platform/info: the mode, and in demo mode the demo accounts for the login page. Production never lists
 * accounts (it has no demo accounts: it refuses to start with them).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZSession } from '../../../../contracts/auth.ts';
import { ZPlatformInfo, type PlatformInfo } from '../../../../contracts/platform.ts';
import { presentSession } from '../auth/auth.service.ts';
import { DEMO_PASSWORD } from '../../db/seed/demo.ts';
import type { Deps } from '../deps.ts';
import { listDemoAccounts } from './info.repository.ts';

/** GET /api/auth/current answers 200 either way, so a page that only asks "am I signed in?" logs no error. */
export const ZCurrentSession = z.object({ session: ZSession.nullable() });

/** County accounts shown on the login page (all 103 exist; three are enough to try). */
const SHOWN_COUNTIES = ['county-150102', 'county-150121', 'county-150203'];

export function registerPlatformInfo(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/platform/info', {
    config: { rule: { access: 'public', scope: 'none', audit: 'none' } },
    schema: { tags: ['platform'], summary: '平台信息（演示账户） / platform info', response: { 200: ZPlatformInfo } },
    handler: async (): Promise<PlatformInfo> => {
      if (deps.config.mode !== 'demo') return { mode: deps.config.mode, demo: null };
      const rows = await listDemoAccounts(deps.db, SHOWN_COUNTIES);
      return {
        mode: 'demo',
        demo: {
          password: DEMO_PASSWORD,
          accounts: rows.map((r) => ({
            username: r.username,
            role: r.role_code,
            displayName: r.display_name,
            divisionName: r.name,
          })),
        },
      };
    },
  });

  r.get('/api/auth/current', {
    config: { rule: { access: 'public', scope: 'self', audit: 'none' } },
    schema: {
      tags: ['auth'],
      summary: '当前会话（未登录时为空） / current session or null',
      response: { 200: ZCurrentSession },
    },
    handler: async (req) => ({
      session: req.principal && req.session ? await presentSession(deps.db, req.principal, req.session) : null,
    }),
  });
}
