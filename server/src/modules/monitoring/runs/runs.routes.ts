/**
 * Index runs (测算与结果): create and follow a run, read its result, publish, export (a county's diagnosis:
 * diagnosis/diagnosis.routes.ts).
 * Runs cover the whole region (the 103 旗县): reads are `public-data` because a published run is public (every
 * monitoring:read user sees all its counties, the county diagnosis included); a run not yet published is seen only
 * by monitoring:manage over the whole region, the same rule as every write (runs.service `visibleRun`,
 * region-guard `managesRegion`); others get 404.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZIdParams, errorResponses } from '../../../../../contracts/common.ts';
import { ZFileDownload } from '../../../../../contracts/imports.ts';
import {
  ZCreateRunRequest,
  ZListRunsQuery,
  ZPublishRunRequest,
  ZRunCoverage,
  ZRunPage,
  ZRunResult,
  ZRunSummary,
} from '../../../../../contracts/monitoring.ts';
import type { Deps } from '../../../platform/deps.ts';
import { callerOf } from '../../../platform/http/caller.ts';
import { CONTENT_TYPES, contentDisposition } from '../../../platform/spreadsheets/export.ts';
import { exportRunXlsx } from './runs.export.ts';
import * as service from './runs.service.ts';

export function registerRunRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['monitoring'];

  r.post('/api/monitoring/runs', {
    config: { rule: { access: 'monitoring:manage', scope: 'division-subtree', audit: 'monitoring.run.create' } },
    schema: {
      tags,
      summary: '发起测算 / start an index run (queued, runs in the background)',
      body: ZCreateRunRequest,
      response: { 202: ZRunSummary, ...errorResponses },
    },
    handler: async (req, reply) => reply.status(202).send(await service.createRun(deps, callerOf(req), req.body)),
  });

  r.get('/api/monitoring/runs', {
    config: { rule: { access: 'monitoring:read', scope: 'public-data', audit: 'none' } },
    schema: {
      tags,
      summary: '测算列表（非管理者只见已发布）/ list runs (published only without monitoring:manage)',
      querystring: ZListRunsQuery,
      response: { 200: ZRunPage, ...errorResponses },
    },
    handler: (req) => service.listRuns(deps, callerOf(req), req.query),
  });

  r.get('/api/monitoring/runs/:id', {
    config: { rule: { access: 'monitoring:read', scope: 'public-data', audit: 'none' } },
    schema: {
      tags,
      summary: '测算状态与进度 / run summary and progress',
      params: ZIdParams,
      response: { 200: ZRunSummary, ...errorResponses },
    },
    handler: (req) => service.getRunSummary(deps, callerOf(req), req.params.id),
  });

  r.get('/api/monitoring/runs/:id/result', {
    config: { rule: { access: 'monitoring:read', scope: 'public-data', audit: 'none' } },
    schema: {
      tags,
      summary: '测算结果 / run result (scores, ranks, intervals, tiers, statistics, log)',
      params: ZIdParams,
      response: { 200: ZRunResult, ...errorResponses },
    },
    handler: (req) => service.getRunResult(deps, callerOf(req), req.params.id),
  });

  r.post('/api/monitoring/runs/:id/publish', {
    config: { rule: { access: 'monitoring:manage', scope: 'division-subtree', audit: 'monitoring.run.publish' } },
    schema: {
      tags,
      summary: '发布测算结果（缺数据时须确认）/ publish a finished run (acknowledge missing counties)',
      params: ZIdParams,
      body: ZPublishRunRequest.optional(),
      response: { 200: ZRunSummary, ...errorResponses },
    },
    handler: (req) =>
      service.publishRun(deps, callerOf(req), req.params.id, {
        acknowledgeIncomplete: req.body?.acknowledgeIncomplete === true,
      }),
  });

  r.get('/api/monitoring/runs/:id/coverage', {
    config: { rule: { access: 'monitoring:read', scope: 'public-data', audit: 'none' } },
    schema: {
      tags,
      summary: '测算年度的数据覆盖（按盟市）/ coverage of the run year, by league',
      params: ZIdParams,
      response: { 200: ZRunCoverage, ...errorResponses },
    },
    handler: (req) => service.getRunCoverage(deps, callerOf(req), req.params.id),
  });

  r.post('/api/monitoring/runs/:id/unpublish', {
    config: { rule: { access: 'monitoring:manage', scope: 'division-subtree', audit: 'monitoring.run.unpublish' } },
    schema: {
      tags,
      summary: '撤回发布 / withdraw a published run',
      params: ZIdParams,
      body: z.strictObject({}).optional(),
      response: { 200: ZRunSummary, ...errorResponses },
    },
    handler: (req) => service.unpublishRun(deps, callerOf(req), req.params.id),
  });

  r.get('/api/monitoring/runs/:id/export.xlsx', {
    config: { rule: { access: 'monitoring:read', scope: 'public-data', audit: 'monitoring.run.export' } },
    schema: {
      tags,
      summary: '导出排名表与指标得分（xlsx）/ export the rank table and indicator scores',
      params: ZIdParams,
      response: { 200: ZFileDownload, ...errorResponses },
    },
    handler: async (req, reply) => {
      const { buffer, fileName } = await exportRunXlsx(deps, callerOf(req), req.params.id);
      return reply
        .type(CONTENT_TYPES.xlsx)
        .header('content-disposition', contentDisposition(`${fileName}.xlsx`, `run-${req.params.id}.xlsx`))
        .send(buffer);
    },
  });
}
