/**
 * The county diagnosis (查找差距) of a run: trend, strengths and weaknesses among peers, targets, improvements. Same
 * read rule as the run itself (runs.service `visibleRun`): a published run is public to every monitoring:read user,
 * a run not yet published only to monitoring:manage over the whole region; others get 404.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZDivisionCode, ZIdParams, errorResponses } from '../../../../../contracts/common.ts';
import { ZCountyDiagnosis, ZDiagnosisQuery } from '../../../../../contracts/monitoring.ts';
import type { Deps } from '../../../platform/deps.ts';
import { callerOf } from '../../../platform/http/caller.ts';
import { getCountyDiagnosis } from './diagnosis.service.ts';

const ZRunCountyParams = ZIdParams.extend({ code: ZDivisionCode });

export function registerDiagnosisRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['monitoring'];

  r.get('/api/monitoring/runs/:id/counties/:code', {
    config: { rule: { access: 'monitoring:read', scope: 'public-data', audit: 'none' } },
    schema: {
      tags,
      summary: '旗县诊断（查找差距）/ county diagnosis: trend, strengths, targets, improvements',
      params: ZRunCountyParams,
      querystring: ZDiagnosisQuery,
      response: { 200: ZCountyDiagnosis, ...errorResponses },
    },
    handler: (req) => getCountyDiagnosis(deps, callerOf(req), req.params.id, req.params.code, req.query.peers),
  });
}
