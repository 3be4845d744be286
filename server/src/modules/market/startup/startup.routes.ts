import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZErrorBody, ZIdParams, errorResponses } from '../../../../../contracts/common.ts';
import {
  ZListStartupRequestsQuery,
  ZStartupContact,
  ZStartupDetail,
  ZStartupLibraryQuery,
  ZStartupPage,
  ZStartupRequest,
  ZStartupRequestAccepted,
  ZStartupRequestItem,
  ZStartupRequestPage,
  ZStartupRequestUpdate,
} from '../../../../../contracts/market-deals.ts';
import { callerActor, type Deps } from '../../../platform/deps.ts';
import { callerOf } from '../../../platform/http/caller.ts';
import * as service from './startup.service.ts';

const READ_LIMIT = { max: 300, timeWindow: '1 minute' };
/** Like self-registration: a public write, 10 a minute per address. */
const WRITE_LIMIT = { max: 10, timeWindow: '1 minute' };

export function registerStartupRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['market'];

  r.get('/api/public/market/startup-library', {
    config: { rule: { access: 'public', scope: 'public-data', audit: 'none' }, rateLimit: READ_LIMIT },
    schema: {
      tags,
      summary: '门户：创业技术库（成熟、可许可、适合小微创业者） / start-up technology library',
      querystring: ZStartupLibraryQuery,
      response: { 200: ZStartupPage, ...errorResponses, 429: ZErrorBody },
    },
    handler: (req) => service.listLibrary(deps, req.query),
  });

  r.get('/api/public/market/startup-library/:id', {
    config: { rule: { access: 'public', scope: 'public-data', audit: 'none' }, rateLimit: READ_LIMIT },
    schema: {
      tags,
      summary: '门户：创业技术库条目 / library entry',
      params: ZIdParams,
      response: { 200: ZStartupDetail, ...errorResponses, 429: ZErrorBody },
    },
    handler: (req) => service.getLibraryItem(deps, req.params.id),
  });

  r.post('/api/public/market/startup-requests', {
    config: { rule: { access: 'public', scope: 'none', audit: 'market.startup.request' }, rateLimit: WRITE_LIMIT },
    schema: {
      tags,
      summary: '门户：创业技术对接申请（转化服务中心受理） / request to the transfer centre',
      body: ZStartupRequest,
      response: { 201: ZStartupRequestAccepted, ...errorResponses, 429: ZErrorBody },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(
          await service.submitRequest(
            deps,
            callerActor(req.principal ?? null, req.ip),
            req.principal?.userId ?? null,
            req.body,
          ),
        ),
  });

  r.get('/api/market/startup-requests', {
    config: { rule: { access: 'market:startup_handle', scope: 'division-subtree', audit: 'none' } },
    schema: {
      tags,
      summary: '创业技术对接申请（转化服务中心待办） / start-up requests queue',
      querystring: ZListStartupRequestsQuery,
      response: { 200: ZStartupRequestPage, ...errorResponses },
    },
    handler: (req) => service.listRequests(deps, callerOf(req), req.query),
  });

  r.get('/api/market/startup-requests/:id/contact', {
    config: {
      rule: { access: 'market:startup_handle', scope: 'division-subtree', audit: 'market.startup.contact_view' },
    },
    schema: {
      tags,
      summary: '申请人完整联系电话（用于回访，留痕） / full contact for the call-back (audited)',
      params: ZIdParams,
      response: { 200: ZStartupContact, ...errorResponses },
    },
    handler: (req) => service.readContact(deps, callerOf(req), req.params.id),
  });

  r.post('/api/market/startup-requests/:id/status', {
    config: { rule: { access: 'market:startup_handle', scope: 'division-subtree', audit: 'market.startup.handle' } },
    schema: {
      tags,
      summary: '更新对接申请状态（新、已联系、已办结） / update a request',
      params: ZIdParams,
      body: ZStartupRequestUpdate,
      response: { 200: ZStartupRequestItem, ...errorResponses },
    },
    handler: (req) => service.updateRequest(deps, callerOf(req), req.params.id, req.body),
  });
}
