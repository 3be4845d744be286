/**
 * The two download routes of a list export (`<path>.xlsx`, `<path>.csv`): the list's filters as the query, the
 * module's export function building the file, Content-Type and RFC 6266 names. Access and audit come from the rule.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { errorResponses } from '../../../../contracts/common.ts';
import { ZFileDownload } from '../../../../contracts/imports.ts';
import type { Caller } from '../deps.ts';
import { callerOf } from '../http/caller.ts';
import type { RouteRule } from '../http/route-rules.ts';
import { CONTENT_TYPES, contentDisposition, type ExportFormat } from './export.ts';

export interface ExportRoutes<Q extends z.ZodType> {
  /** Without the extension: `/api/organisations/export`. */
  path: string;
  rule: RouteRule;
  tags: string[];
  summary: (format: ExportFormat) => string;
  querystring: Q;
  /** The downloaded file's name without extension: Chinese, and its ASCII fallback. */
  fileName: { zh: string; ascii: string };
  build: (caller: Caller, format: ExportFormat, query: z.infer<Q>) => Promise<{ buffer: Buffer }>;
}

export function registerExportRoutes<Q extends z.ZodType>(app: FastifyInstance, opts: ExportRoutes<Q>): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const format of ['xlsx', 'csv'] as const) {
    r.get(`${opts.path}.${format}`, {
      config: { rule: opts.rule },
      schema: {
        tags: opts.tags,
        summary: opts.summary(format),
        querystring: opts.querystring,
        response: { 200: ZFileDownload, ...errorResponses },
      },
      handler: async (req, reply) => {
        const { buffer } = await opts.build(callerOf(req), format, req.query as z.infer<Q>);
        return reply
          .type(CONTENT_TYPES[format])
          .header(
            'content-disposition',
            contentDisposition(`${opts.fileName.zh}.${format}`, `${opts.fileName.ascii}.${format}`),
          )
          .send(buffer);
      },
    });
  }
}
