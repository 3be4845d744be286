/** POST /api/monitoring/runs/:id/reports: a region or county report as a background job (202 + ZJob). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZIdParams, errorResponses } from '../../../../../contracts/common.ts';
import { ZCreateReportRequest, ZJob } from '../../../../../contracts/monitoring.ts';
import type { Deps } from '../../../platform/deps.ts';
import { callerOf } from '../../../platform/http/caller.ts';
import { REPORT_AUDIT, requestReport } from './reports.service.ts';

export function registerReportJobRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/monitoring/runs/:id/reports', {
    config: { rule: { access: 'monitoring:read', scope: 'division-subtree', audit: REPORT_AUDIT } },
    schema: {
      tags: ['monitoring'],
      summary: '生成监测评价报告（后台任务） / generate a region or county report (background job)',
      description:
        '全区报告需要覆盖全区的权限；旗县诊断报告与旗县诊断同一规则：已发布测算的任一旗县（结果已公开）；' +
        '未发布的测算仅限管辖全区的 monitoring:manage（与发布、撤回同一规则），否则 404。' +
        ' 答复 202 与任务（GET /api/jobs/:id 查询进度，/api/jobs/:id/file 下载）。',
      params: ZIdParams,
      body: ZCreateReportRequest,
      response: { 202: ZJob, ...errorResponses },
    },
    handler: async (req, reply) => {
      const job = await requestReport(deps, callerOf(req), req.params.id, req.body);
      return reply.code(202).send(job);
    },
  });
}
