import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZIdParams, errorResponses } from '../../../../../contracts/common.ts';
import { ZMatchFeedbackRequest, ZMatchList, ZMatchQuery } from '../../../../../contracts/market.ts';
import type { Deps } from '../../../platform/deps.ts';
import { callerOf } from '../../../platform/http/caller.ts';
import * as service from './matches.service.ts';

// The default kind keeps the contract's shape; ?kind= asks for people (experts) or organisations (enterprises).
const ZDemandMatchQuery = ZMatchQuery.extend({
  kind: z
    .enum(['achievements', 'experts'], {
      error: '推荐类型应为 achievements 或 experts / kind is achievements or experts',
    })
    .default('achievements'),
});
const ZAchievementMatchQuery = ZMatchQuery.extend({
  kind: z
    .enum(['demands', 'enterprises'], { error: '推荐类型应为 demands 或 enterprises / kind is demands or enterprises' })
    .default('demands'),
});

export function registerMatchRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['market'];

  r.get('/api/market/demands/:id/matches', {
    config: { rule: { access: 'market:read', scope: 'division-subtree', audit: 'none' } },
    schema: {
      tags,
      summary: '需求的匹配成果或专家（?kind=experts；按得分排序，附匹配理由） / achievements or experts for a demand',
      params: ZIdParams,
      querystring: ZDemandMatchQuery,
      response: { 200: ZMatchList, ...errorResponses },
    },
    handler: (req) => service.matchesForDemand(deps, callerOf(req), req.params.id, req.query.limit, req.query.kind),
  });

  r.get('/api/market/achievements/:id/matches', {
    config: { rule: { access: 'market:read', scope: 'division-subtree', audit: 'none' } },
    schema: {
      tags,
      summary:
        '成果的匹配需求或企业（?kind=enterprises；按得分排序，附匹配理由） / demands or enterprises for an achievement',
      params: ZIdParams,
      querystring: ZAchievementMatchQuery,
      response: { 200: ZMatchList, ...errorResponses },
    },
    handler: (req) =>
      service.matchesForAchievement(deps, callerOf(req), req.params.id, req.query.limit, req.query.kind),
  });

  r.post('/api/market/matches/feedback', {
    config: { rule: { access: 'market:read', scope: 'division-subtree', audit: 'market.match.feedback' } },
    schema: {
      tags,
      summary: '匹配反馈（有用 / 不合适及原因） / feedback on a suggestion',
      body: ZMatchFeedbackRequest,
      response: { 201: z.object({ id: z.number().int() }), ...errorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(await service.giveFeedback(deps, callerOf(req), req.body)),
  });
}
