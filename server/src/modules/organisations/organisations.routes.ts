import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZIdParams, errorResponses } from '../../../../contracts/common.ts';
import {
  ZCreateOrganisationRequest,
  ZListOrganisationsQuery,
  ZOrganisation,
  ZOrganisationPage,
  ZUpdateOrganisationRequest,
} from '../../../../contracts/organisations.ts';
import type { Deps } from '../../platform/deps.ts';
import { callerOf } from '../../platform/http/caller.ts';
import * as service from './organisations.service.ts';

export function registerOrganisationRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['organisations'];

  r.get('/api/organisations', {
    config: { rule: { access: 'org:read', scope: 'division-subtree', audit: 'none' } },
    schema: {
      tags,
      summary: '单位列表 / list organisations',
      querystring: ZListOrganisationsQuery,
      response: { 200: ZOrganisationPage, ...errorResponses },
    },
    handler: (req) => service.listOrganisations(deps, callerOf(req), req.query),
  });

  r.get('/api/organisations/:id', {
    config: { rule: { access: 'org:read', scope: 'division-subtree', audit: 'none' } },
    schema: {
      tags,
      summary: '单位详情 / organisation',
      params: ZIdParams,
      response: { 200: ZOrganisation, ...errorResponses },
    },
    handler: (req) => service.getOrganisation(deps, callerOf(req), req.params.id),
  });

  r.post('/api/organisations', {
    config: { rule: { access: 'org:create', scope: 'division-subtree', audit: 'organisation.create' } },
    schema: {
      tags,
      summary: '登记单位 / create organisation',
      body: ZCreateOrganisationRequest,
      response: { 201: ZOrganisation, ...errorResponses },
    },
    handler: async (req, reply) => {
      const org = await service.createOrganisation(deps, callerOf(req), req.body);
      return reply.status(201).send(org);
    },
  });

  r.patch('/api/organisations/:id', {
    config: { rule: { access: 'org:update', scope: 'division-subtree', audit: 'organisation.update' } },
    schema: {
      tags,
      summary: '修改单位 / update organisation',
      params: ZIdParams,
      body: ZUpdateOrganisationRequest,
      response: { 200: ZOrganisation, ...errorResponses },
    },
    handler: (req) => service.updateOrganisation(deps, callerOf(req), req.params.id, req.body),
  });
}
