import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses } from '../../../../contracts/common.ts';
import { ZSearchPage, ZSearchQuery, ZSimilarQuery, ZSimilarResult } from '../../../../contracts/search.ts';
import type { Deps } from '../deps.ts';
import { callerOf } from '../http/caller.ts';
import * as service from './search.service.ts';

/**
 * The global search and "similar items". Any signed-in user may ask; the answer holds only the records the caller's
 * permissions show, each narrowed to its divisions by the scope function (a user without org:read sees no
 * organisations, and gets an empty list rather than an error).
 */
export function registerSearchRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['search'];

  r.get('/api/search', {
    config: { rule: { access: 'authenticated', scope: 'division-subtree', audit: 'none' } },
    schema: {
      tags,
      summary: '全局检索 / global search',
      querystring: ZSearchQuery,
      response: { 200: ZSearchPage, ...errorResponses },
    },
    handler: (req) => service.search(deps, callerOf(req), req.query),
  });

  r.get('/api/search/similar', {
    config: { rule: { access: 'authenticated', scope: 'division-subtree', audit: 'none' } },
    schema: {
      tags,
      summary: '相似条目 / similar items',
      querystring: ZSimilarQuery,
      response: { 200: ZSimilarResult, ...errorResponses },
    },
    handler: (req) => service.similar(deps, callerOf(req), req.query),
  });
}
