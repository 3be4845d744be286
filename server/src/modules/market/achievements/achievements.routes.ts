import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZIdParams, errorResponses } from '../../../../../contracts/common.ts';
import {
  ZAchievement,
  ZAchievementPage,
  ZAchievementReview,
  ZCreateAchievementRequest,
  ZListMarketQuery,
  ZObjection,
  ZOwnerStep,
  ZUpdateAchievementRequest,
} from '../../../../../contracts/market.ts';
import type { Deps } from '../../../platform/deps.ts';
import { callerOf } from '../../../platform/http/caller.ts';
import * as service from './achievements.service.ts';
import * as workflow from './achievements.workflow.ts';

export function registerAchievementRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['market'];

  r.get('/api/market/achievements', {
    // Own records, records past draft in the caller's divisions (market:oversee), and every record on offer.
    config: { rule: { access: 'market:read', scope: 'division-subtree', audit: 'none' } },
    schema: {
      tags,
      summary: '科技成果列表 / achievements',
      querystring: ZListMarketQuery,
      response: { 200: ZAchievementPage, ...errorResponses },
    },
    handler: (req) => service.listAchievements(deps, callerOf(req), req.query),
  });

  r.get('/api/market/achievements/:id', {
    config: { rule: { access: 'market:read', scope: 'division-subtree', audit: 'none' } },
    schema: {
      tags,
      summary: '科技成果详情（保密内容仅对发布人和获准的保密申请人显示） / achievement',
      params: ZIdParams,
      response: { 200: ZAchievement, ...errorResponses },
    },
    handler: (req) => service.getAchievement(deps, callerOf(req), req.params.id),
  });

  r.post('/api/market/achievements', {
    config: {
      rule: { access: 'market:post_achievement', scope: 'division-subtree', audit: 'market.achievement.create' },
    },
    schema: {
      tags,
      summary: '登记科技成果 / post an achievement',
      body: ZCreateAchievementRequest,
      response: { 201: ZAchievement, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await service.createAchievement(deps, callerOf(req), req.body)),
  });

  r.patch('/api/market/achievements/:id', {
    config: { rule: { access: 'market:post_achievement', scope: 'self', audit: 'market.achievement.update' } },
    schema: {
      tags,
      summary: '修改科技成果 / edit an achievement',
      params: ZIdParams,
      body: ZUpdateAchievementRequest,
      response: { 200: ZAchievement, ...errorResponses },
    },
    handler: (req) => service.updateAchievement(deps, callerOf(req), req.params.id, req.body),
  });

  r.post('/api/market/achievements/:id/owner-step', {
    config: { rule: { access: 'market:post_achievement', scope: 'self', audit: 'market.achievement.owner_step' } },
    schema: {
      tags,
      summary: '发布人操作：提交、撤回、洽谈、转化、重新挂牌 / owner step',
      params: ZIdParams,
      body: ZOwnerStep,
      response: { 200: ZAchievement, ...errorResponses },
    },
    handler: (req) => workflow.ownerStep(deps, callerOf(req), req.params.id, req.body),
  });

  r.post('/api/market/achievements/:id/review', {
    config: { rule: { access: 'market:review', scope: 'division-subtree', audit: 'market.achievement.review' } },
    schema: {
      tags,
      summary: '审核：开始审核、公示、挂牌、不通过 / review step',
      params: ZIdParams,
      body: ZAchievementReview,
      response: { 200: ZAchievement, ...errorResponses },
    },
    handler: (req) => workflow.reviewAchievement(deps, callerOf(req), req.params.id, req.body),
  });

  r.post('/api/market/achievements/:id/objections', {
    config: { rule: { access: 'market:read', scope: 'division-subtree', audit: 'market.achievement.objection' } },
    schema: {
      tags,
      summary: '公示异议 / object during publicity',
      params: ZIdParams,
      body: ZObjection,
      response: { 200: ZAchievement, ...errorResponses },
    },
    handler: (req) => workflow.objectToAchievement(deps, callerOf(req), req.params.id, req.body),
  });
}
