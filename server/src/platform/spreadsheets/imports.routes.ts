/**
 * Import routes. Uploads are raw bodies (application/octet-stream, text/csv or the xlsx type) with a 20 MiB limit,
 * accepted only in this plugin's context; every other route keeps the 1 MiB JSON limit.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZIdParams, errorResponses } from '../../../../contracts/common.ts';
import { ZFileDownload, ZImportJob, ZUploadQuery } from '../../../../contracts/imports.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors/errors.ts';
import { callerOf } from '../http/caller.ts';
import { CONTENT_TYPES, contentDisposition } from './export.ts';
import type { AnyImportKind } from './import-kind.ts';
import { commitImport, getImport, uploadImport } from './imports.service.ts';
import { DEFAULT_LIMITS, type ParseLimits } from './limits.ts';
import { buildTemplate } from './template.ts';

const UPLOAD_TYPES = ['application/octet-stream', 'text/csv', CONTENT_TYPES.xlsx];

const uploadErrors = { ...errorResponses, 413: errorResponses[400], 415: errorResponses[400] };

/** Registers upload, template, report and commit routes for the given import kinds. */
export function registerImports(
  app: FastifyInstance,
  deps: Deps,
  kinds: readonly AnyImportKind[],
  opts: { limits?: Partial<ParseLimits> } = {},
): void {
  const byKind = new Map(kinds.map((k) => [k.kind, k]));
  const maxBytes = opts.limits?.maxBytes ?? DEFAULT_LIMITS.maxBytes;
  void app.register((child, _o, done) => {
    child.addContentTypeParser(UPLOAD_TYPES, { parseAs: 'buffer', bodyLimit: maxBytes }, (_req, body, next) =>
      next(null, body),
    );
    const r = child.withTypeProvider<ZodTypeProvider>();
    const tags = ['imports'];

    for (const kind of kinds) {
      r.post(`/api/imports/${kind.kind}`, {
        bodyLimit: maxBytes,
        config: { rule: { access: kind.permission, scope: 'division-subtree', audit: 'import.upload' } },
        schema: {
          tags,
          summary: `上传${kind.sheet.title}导入文件（xlsx/CSV，原始字节） / upload a ${kind.kind} import`,
          querystring: ZUploadQuery,
          response: { 201: ZImportJob, 202: ZImportJob, ...uploadErrors },
        },
        handler: async (req, reply) => {
          if (!Buffer.isBuffer(req.body))
            throw new AppError('VALIDATION', {
              zh: '请以文件原始内容上传（Content-Type: application/octet-stream）',
              en: 'Upload the file bytes (Content-Type: application/octet-stream)',
            });
          const wait = req.query.wait === 'true';
          const job = await uploadImport(deps, callerOf(req), kind, {
            bytes: req.body,
            fileName: req.query.name ?? `${kind.kind}-upload`,
            wait,
            limits: opts.limits,
          });
          return reply.status(wait ? 201 : 202).send(job);
        },
      });

      r.get(`/api/imports/templates/${kind.kind}.xlsx`, {
        config: { rule: { access: kind.permission, scope: 'division-subtree', audit: 'none' } },
        schema: {
          tags,
          summary: `下载${kind.sheet.title}导入模板 / import template`,
          response: { 200: ZFileDownload, ...errorResponses },
        },
        handler: async (_req, reply) => {
          const buffer = await buildTemplate(kind.sheet);
          return reply
            .type(CONTENT_TYPES.xlsx)
            .header('content-disposition', contentDisposition(kind.templateName, kind.templateAsciiName))
            .send(buffer);
        },
      });
    }

    r.get('/api/imports/:id', {
      config: { rule: { access: 'authenticated', scope: 'self', audit: 'none' } },
      schema: {
        tags,
        summary: '导入校验报告与进度 / import report and progress',
        params: ZIdParams,
        response: { 200: ZImportJob, ...errorResponses },
      },
      handler: (req) => getImport(deps, callerOf(req), req.params.id),
    });

    r.post('/api/imports/:id/commit', {
      config: { rule: { access: 'authenticated', scope: 'self', audit: 'import.commit' } },
      schema: {
        tags,
        summary: '提交导入（全部成功或全部不写入） / commit an import, all or nothing',
        params: ZIdParams,
        response: { 200: ZImportJob, ...errorResponses },
      },
      handler: (req) => commitImport(deps, callerOf(req), byKind, req.params.id),
    });
    done();
  });
}
