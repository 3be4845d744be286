/** GET /api/jobs, /api/jobs/:id, /api/jobs/:id/file: the caller's own background jobs (another user's job is 404). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZIdParams, errorResponses } from '../../../../contracts/common.ts';
import { ZJob, ZJobList } from '../../../../contracts/monitoring.ts';
import { ZReportDownload } from '../../../../contracts/reports.ts';
import type { Deps } from '../deps.ts';
import { callerOf } from '../http/caller.ts';
import { contentDisposition } from '../spreadsheets/export.ts';
import { getJob, getJobFile, listJobs } from './jobs.service.ts';

/** ASCII fallback of a file name for old clients: `job-<id>` plus the original extension. */
export function asciiFallbackName(id: number, fileName: string): string {
  const ext = /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1];
  return ext ? `job-${id}.${ext}` : `job-${id}`;
}

export function registerJobRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['jobs'];

  r.get('/api/jobs', {
    config: { rule: { access: 'authenticated', scope: 'self', audit: 'none' } },
    schema: {
      tags,
      summary: '我的后台任务（最近 20 个） / my recent background jobs',
      response: { 200: ZJobList, ...errorResponses },
    },
    handler: (req) => listJobs(deps, callerOf(req)),
  });

  r.get('/api/jobs/:id', {
    config: { rule: { access: 'authenticated', scope: 'self', audit: 'none' } },
    schema: {
      tags,
      summary: '任务状态与进度 / job status and progress',
      params: ZIdParams,
      response: { 200: ZJob, ...errorResponses },
    },
    handler: (req) => getJob(deps, callerOf(req), req.params.id),
  });

  r.get('/api/jobs/:id/file', {
    config: { rule: { access: 'authenticated', scope: 'self', audit: 'none' } },
    schema: {
      tags,
      summary: '下载任务生成的文件（保留 24 小时） / download the job file (kept 24 h)',
      params: ZIdParams,
      response: { 200: ZReportDownload, ...errorResponses },
    },
    handler: async (req, reply) => {
      const file = await getJobFile(deps, callerOf(req), req.params.id);
      return reply
        .type(file.mime)
        .header(
          'content-disposition',
          contentDisposition(file.fileName, asciiFallbackName(req.params.id, file.fileName)),
        )
        .send(file.content);
    },
  });
}
