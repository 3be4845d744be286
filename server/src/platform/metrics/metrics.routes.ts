/** The metrics API: the list of registered facts, and one fact per division of a level under a division. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses } from '../../../../contracts/common.ts';
import { ZFactList, ZFactParams, ZFactQuery, ZFactResult } from '../../../../contracts/metrics.ts';
import type { Deps } from '../deps.ts';
import { callerOf } from '../http/caller.ts';
import { getFact, listFactInfo } from './metrics.service.ts';

/** Registers `GET /api/metrics` and `GET /api/metrics/:fact`. */
export function registerMetricsRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['metrics'];

  r.get('/api/metrics', {
    config: { rule: { access: 'authenticated', scope: 'none', audit: 'none' } },
    schema: {
      tags,
      summary: '指标事实目录 / registered facts',
      response: { 200: ZFactList, ...errorResponses },
    },
    handler: () => listFactInfo(),
  });

  r.get('/api/metrics/:fact', {
    config: { rule: { access: 'metrics:read', scope: 'division-subtree', audit: 'none' } },
    schema: {
      tags,
      summary: '指标事实取值 / a fact per division and period',
      params: ZFactParams,
      querystring: ZFactQuery,
      response: { 200: ZFactResult, ...errorResponses },
    },
    handler: (req) => getFact(deps, callerOf(req), { ...req.query, fact: req.params.fact }),
  });
}
