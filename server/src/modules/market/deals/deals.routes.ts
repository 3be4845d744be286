import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZIdParams, errorResponses } from '../../../../../contracts/common.ts';
import {
  ZDeal,
  ZDealMessageRequest,
  ZDealOfferParams,
  ZDealOfferRequest,
  ZDealPage,
  ZDealStepParams,
  ZDeclineRequest,
  ZListDealsQuery,
  ZOpenDealRequest,
} from '../../../../../contracts/market-deals.ts';
import type { Deps } from '../../../platform/deps.ts';
import { callerOf } from '../../../platform/http/caller.ts';
import * as service from './deals.service.ts';
import * as workflow from './deals.workflow.ts';

/** 交易洽谈: the two parties act (`market:deal`); overseeing officers read (`market:read` + `market:oversee`). */
export function registerDealRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['market'];
  const party = (audit: string) => ({ rule: { access: 'market:deal', scope: 'self', audit } }) as const;

  r.get('/api/market/deals', {
    config: { rule: { access: 'market:read', scope: 'division-subtree', audit: 'none' } },
    schema: {
      tags,
      summary: '交易洽谈列表（本人参与的，及主管部门辖区内的） / deals',
      querystring: ZListDealsQuery,
      response: { 200: ZDealPage, ...errorResponses },
    },
    handler: (req) => service.listDeals(deps, callerOf(req), req.query),
  });

  r.get('/api/market/deals/:id', {
    config: { rule: { access: 'market:read', scope: 'division-subtree', audit: 'none' } },
    schema: {
      tags,
      summary: '交易洽谈详情（双方及辖区主管部门） / deal room',
      params: ZIdParams,
      response: { 200: ZDeal, ...errorResponses },
    },
    handler: (req) => service.getDeal(deps, callerOf(req), req.params.id),
  });

  r.post('/api/market/deals', {
    config: party('market.deal.open'),
    schema: {
      tags,
      summary: '对挂牌成果发起交易洽谈 / open a deal',
      body: ZOpenDealRequest,
      response: { 201: ZDeal, ...errorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(await service.openDeal(deps, callerOf(req), req.body)),
  });

  r.post('/api/market/deals/:id/proceed', {
    config: party('market.deal.proceed'),
    schema: {
      tags,
      summary: '保密协议已获同意，进入洽谈 / past the NDA',
      params: ZIdParams,
      response: { 200: ZDeal, ...errorResponses },
    },
    handler: (req) => workflow.proceedPastNda(deps, callerOf(req), req.params.id),
  });

  r.post('/api/market/deals/:id/messages', {
    config: party('market.deal.message'),
    schema: {
      tags,
      summary: '洽谈消息 / message',
      params: ZIdParams,
      body: ZDealMessageRequest,
      response: { 200: ZDeal, ...errorResponses },
    },
    handler: (req) => workflow.postMessage(deps, callerOf(req), req.params.id, req.body),
  });

  r.post('/api/market/deals/:id/offers', {
    config: party('market.deal.offer'),
    schema: {
      tags,
      summary: '报价或还价（金额万元、转化方式、条款） / offer or counter-offer',
      params: ZIdParams,
      body: ZDealOfferRequest,
      response: { 200: ZDeal, ...errorResponses },
    },
    handler: (req) => workflow.makeOffer(deps, callerOf(req), req.params.id, req.body),
  });

  r.post('/api/market/deals/:id/offers/:offerId/accept', {
    config: party('market.deal.accept'),
    schema: {
      tags,
      summary: '接受对方报价，进入合同签署 / accept the offer',
      params: ZDealOfferParams,
      response: { 200: ZDeal, ...errorResponses },
    },
    handler: (req) => workflow.acceptOffer(deps, callerOf(req), req.params.id, req.params.offerId),
  });

  r.post('/api/market/deals/:id/steps/:code/approve', {
    config: party('market.deal.step'),
    schema: {
      tags,
      summary: '确认合同步骤（条款确认、价款与支付、知识产权归属、签署） / approve a contract step',
      params: ZDealStepParams,
      response: { 200: ZDeal, ...errorResponses },
    },
    handler: (req) => workflow.approveStep(deps, callerOf(req), req.params.id, req.params.code),
  });

  r.post('/api/market/deals/:id/decline', {
    config: party('market.deal.decline'),
    schema: {
      tags,
      summary: '终止洽谈并反馈原因 / decline with feedback',
      params: ZIdParams,
      body: ZDeclineRequest,
      response: { 200: ZDeal, ...errorResponses },
    },
    handler: (req) => workflow.declineDeal(deps, callerOf(req), req.params.id, req.body),
  });
}
