import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZIdParams, errorResponses } from '../../../../../contracts/common.ts';
import {
  ZCreateDemandRequest,
  ZDemand,
  ZDemandPage,
  ZDemandReview,
  ZListMarketQuery,
  ZOwnerStep,
  ZProposalList,
  ZProposalRequest,
  ZSupportRequest,
  ZUpdateDemandRequest,
} from '../../../../../contracts/market.ts';
import type { Deps } from '../../../platform/deps.ts';
import { callerOf } from '../../../platform/http/caller.ts';
import * as service from './demands.service.ts';
import * as workflow from './demands.workflow.ts';

export function registerDemandRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['market'];

  r.get('/api/market/demands', {
    config: { rule: { access: 'market:read', scope: 'division-subtree', audit: 'none' } },
    schema: {
      tags,
      summary: '技术需求列表 / demands',
      querystring: ZListMarketQuery,
      response: { 200: ZDemandPage, ...errorResponses },
    },
    handler: (req) => service.listDemands(deps, callerOf(req), req.query),
  });

  r.get('/api/market/demands/:id', {
    config: { rule: { access: 'market:read', scope: 'division-subtree', audit: 'none' } },
    schema: {
      tags,
      summary: '技术需求详情 / demand',
      params: ZIdParams,
      response: { 200: ZDemand, ...errorResponses },
    },
    handler: (req) => service.getDemand(deps, callerOf(req), req.params.id),
  });

  r.post('/api/market/demands', {
    config: { rule: { access: 'market:post_demand', scope: 'division-subtree', audit: 'market.demand.create' } },
    schema: {
      tags,
      summary: '发布技术需求 / post a demand',
      body: ZCreateDemandRequest,
      response: { 201: ZDemand, ...errorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(await service.createDemand(deps, callerOf(req), req.body)),
  });

  r.patch('/api/market/demands/:id', {
    config: { rule: { access: 'market:post_demand', scope: 'self', audit: 'market.demand.update' } },
    schema: {
      tags,
      summary: '修改技术需求 / edit a demand',
      params: ZIdParams,
      body: ZUpdateDemandRequest,
      response: { 200: ZDemand, ...errorResponses },
    },
    handler: (req) => service.updateDemand(deps, callerOf(req), req.params.id, req.body),
  });

  r.post('/api/market/demands/:id/owner-step', {
    config: { rule: { access: 'market:post_demand', scope: 'self', audit: 'market.demand.owner_step' } },
    schema: {
      tags,
      summary: '发布人操作：提交、撤回、关闭 / owner step',
      params: ZIdParams,
      body: ZOwnerStep,
      response: { 200: ZDemand, ...errorResponses },
    },
    handler: (req) => workflow.demandOwnerStep(deps, callerOf(req), req.params.id, req.body),
  });

  r.post('/api/market/demands/:id/review', {
    config: { rule: { access: 'market:review', scope: 'division-subtree', audit: 'market.demand.review' } },
    schema: {
      tags,
      summary: '审核：开始审核、发布、不通过、关闭 / review step',
      params: ZIdParams,
      body: ZDemandReview,
      response: { 200: ZDemand, ...errorResponses },
    },
    handler: (req) => workflow.reviewDemand(deps, callerOf(req), req.params.id, req.body),
  });

  r.post('/api/market/demands/:id/supporters', {
    config: { rule: { access: 'market:post_demand', scope: 'division-subtree', audit: 'market.demand.support' } },
    schema: {
      tags,
      summary: '附议（我们也需要） / support a demand',
      params: ZIdParams,
      body: ZSupportRequest,
      response: { 200: ZDemand, ...errorResponses },
    },
    handler: (req) => workflow.supportDemand(deps, callerOf(req), req.params.id, req.body),
  });

  r.post('/api/market/demands/:id/proposals', {
    config: { rule: { access: 'market:post_achievement', scope: 'division-subtree', audit: 'market.demand.proposal' } },
    schema: {
      tags,
      summary: '揭榜：提交方案 / propose for an open call',
      params: ZIdParams,
      body: ZProposalRequest,
      response: { 201: z.object({ id: z.number().int() }), ...errorResponses },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await workflow.proposeForDemand(deps, callerOf(req), req.params.id, req.body)),
  });

  r.get('/api/market/demands/:id/proposals', {
    config: { rule: { access: 'market:read', scope: 'division-subtree', audit: 'none' } },
    schema: {
      tags,
      summary: '揭榜方案（需求方和主管部门） / proposals',
      params: ZIdParams,
      response: { 200: ZProposalList, ...errorResponses },
    },
    handler: (req) => workflow.listProposals(deps, callerOf(req), req.params.id),
  });
}
