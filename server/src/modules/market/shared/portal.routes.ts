/**
 * The portal's market API (门户, no sign-in, rate-limited): achievements on offer with public visibility (summary
 * only; never the confidential detail, never owners' contacts) and published demands (no contact).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZErrorBody, ZIdParams, errorResponses } from '../../../../../contracts/common.ts';
import {
  ZAchievement,
  ZAchievementPage,
  ZDemand,
  ZDemandPage,
  ZListMarketQuery,
} from '../../../../../contracts/market.ts';
import type { Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors/errors.ts';
import { presentAchievement } from '../achievements/achievements.presenter.ts';
import { findAchievement } from '../achievements/achievements.repository.ts';
import { listAchievements } from '../achievements/achievements.service.ts';
import { presentDemand } from '../demands/demands.presenter.ts';
import { countProposals, findDemand } from '../demands/demands.repository.ts';
import { listDemands } from '../demands/demands.service.ts';
import { ACHIEVEMENT_MATCHABLE, DEMAND_MATCHABLE } from './market.policy.ts';

const PUBLIC = { access: 'public', scope: 'public-data', audit: 'none' } as const;
const LIMIT = { max: 300, timeWindow: '1 minute' };

export function registerPortalRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['market'];
  const publicQuery = ZListMarketQuery.omit({ mine: true, status: true });

  r.get('/api/public/market/achievements', {
    config: { rule: PUBLIC, rateLimit: LIMIT },
    schema: {
      tags,
      summary: '门户：挂牌中的科技成果（摘要） / achievements on offer',
      querystring: publicQuery,
      response: { 200: ZAchievementPage, ...errorResponses, 429: ZErrorBody },
    },
    handler: (req) => listAchievements(deps, null, req.query, { onOffer: true }),
  });

  r.get('/api/public/market/achievements/:id', {
    config: { rule: PUBLIC, rateLimit: LIMIT },
    schema: {
      tags,
      summary: '门户：科技成果摘要 / achievement summary',
      params: ZIdParams,
      response: { 200: ZAchievement, ...errorResponses, 429: ZErrorBody },
    },
    handler: async (req) => {
      const row = await findAchievement(deps.db, req.params.id);
      if (!row || row.visibility !== 'public' || !ACHIEVEMENT_MATCHABLE.includes(row.status))
        throw new AppError('NOT_FOUND');
      return presentAchievement(row, { isOwner: false, confidentialDetail: null, ndaStatus: null, events: [] });
    },
  });

  r.get('/api/public/market/demands', {
    config: { rule: PUBLIC, rateLimit: LIMIT },
    schema: {
      tags,
      summary: '门户：发布中的技术需求 / open demands',
      querystring: publicQuery,
      response: { 200: ZDemandPage, ...errorResponses, 429: ZErrorBody },
    },
    handler: (req) => listDemands(deps, null, req.query, { onOffer: true }),
  });

  r.get('/api/public/market/demands/:id', {
    config: { rule: PUBLIC, rateLimit: LIMIT },
    schema: {
      tags,
      summary: '门户：技术需求 / open demand',
      params: ZIdParams,
      response: { 200: ZDemand, ...errorResponses, 429: ZErrorBody },
    },
    handler: async (req) => {
      const row = await findDemand(deps.db, req.params.id);
      if (!row || !DEMAND_MATCHABLE.includes(row.status)) throw new AppError('NOT_FOUND');
      return presentDemand(row, {
        isOwner: false,
        showContact: false,
        isSupporter: false,
        proposals: await countProposals(deps.db, row.id),
        events: [],
      });
    },
  });
}
