import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZIdParams, errorResponses } from '../../../../../contracts/common.ts';
import { ZNdaDecision, ZNdaItem, ZNdaList, ZNdaListQuery, ZNdaRequest } from '../../../../../contracts/market.ts';
import type { Deps } from '../../../platform/deps.ts';
import { callerOf } from '../../../platform/http/caller.ts';
import * as service from './nda.service.ts';

export function registerNdaRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['market'];

  r.post('/api/market/achievements/:id/nda-requests', {
    config: { rule: { access: 'market:read', scope: 'division-subtree', audit: 'market.nda.request' } },
    schema: {
      tags,
      summary: '申请查看成果保密内容（签署保密协议） / ask for the confidential detail',
      params: ZIdParams,
      body: ZNdaRequest,
      response: { 201: ZNdaItem, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await service.requestNda(deps, callerOf(req), req.params.id, req.body)),
  });

  r.get('/api/market/nda-requests', {
    config: { rule: { access: 'market:read', scope: 'self', audit: 'none' } },
    schema: {
      tags,
      summary: '保密申请（我收到的 / 我提交的） / NDA requests',
      querystring: ZNdaListQuery,
      response: { 200: ZNdaList, ...errorResponses },
    },
    handler: (req) => service.listNdaRequests(deps, callerOf(req), req.query.as),
  });

  r.post('/api/market/nda-requests/:id/decision', {
    config: { rule: { access: 'market:read', scope: 'self', audit: 'market.nda.decide' } },
    schema: {
      tags,
      summary: '成果方同意或拒绝保密申请 / decide',
      params: ZIdParams,
      body: ZNdaDecision,
      response: { 200: ZNdaItem, ...errorResponses },
    },
    handler: (req) => service.decideNda(deps, callerOf(req), req.params.id, req.body),
  });
}
