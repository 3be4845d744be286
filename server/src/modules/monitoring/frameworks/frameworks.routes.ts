/**
 * Framework routes (指标体系). Frameworks are region-wide (scope none): monitoring:read reads every version,
 * monitoring:manage writes; the import takes the workbook as a raw body, accepted only in its own plugin context.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZIdParams, ZOk, errorResponses } from '../../../../../contracts/common.ts';
import { ZFileDownload } from '../../../../../contracts/imports.ts';
import {
  ZActiveFrameworkQuery,
  ZFramework,
  ZFrameworkList,
  ZImportFrameworkQuery,
  ZSaveFrameworkRequest,
} from '../../../../../contracts/monitoring.ts';
import type { Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors/errors.ts';
import { callerOf } from '../../../platform/http/caller.ts';
import { CONTENT_TYPES, contentDisposition } from '../../../platform/spreadsheets/export.ts';
import * as service from './frameworks.service.ts';
import { assertRegionManager } from '../shared/region-guard.ts';

const UPLOAD_TYPES = ['application/octet-stream', 'text/csv', CONTENT_TYPES.xlsx];
const BASE = '/api/monitoring/frameworks';

export function registerFrameworkRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['monitoring'];
  // Frameworks are region-wide reference data; changing them needs region-wide scope (assertRegionManager).
  const read = { access: 'monitoring:read', scope: 'public-data', audit: 'none' } as const;
  const manage = (audit: string) => ({ access: 'monitoring:manage', scope: 'division-subtree', audit }) as const;

  r.get(BASE, {
    config: { rule: read },
    schema: {
      tags,
      summary: '指标体系版本列表 / framework versions',
      response: { 200: ZFrameworkList, ...errorResponses },
    },
    handler: () => service.listFrameworks(deps),
  });

  r.get(`${BASE}/active`, {
    config: { rule: read },
    schema: {
      tags,
      summary: '启用中的指标体系 / the active framework',
      querystring: ZActiveFrameworkQuery,
      response: { 200: ZFramework, ...errorResponses },
    },
    handler: (req) => service.getActiveFramework(deps, req.query.code),
  });

  r.get(`${BASE}/:id`, {
    config: { rule: read },
    schema: {
      tags,
      summary: '指标体系版本详情 / framework version',
      params: ZIdParams,
      response: { 200: ZFramework, ...errorResponses },
    },
    handler: (req) => service.getFramework(deps, req.params.id),
  });

  r.post(`${BASE}/:id/versions`, {
    config: { rule: manage('framework.version') },
    schema: {
      tags,
      summary: '以此版本为底稿新建草稿版本 / new draft version copied from this one',
      params: ZIdParams,
      response: { 201: ZFramework, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await service.createVersion(deps, callerOf(req), req.params.id)),
  });

  r.put(`${BASE}/:id`, {
    config: { rule: manage('framework.update') },
    schema: {
      tags,
      summary: '保存草稿（校验树结构） / save a draft (tree checked)',
      params: ZIdParams,
      body: ZSaveFrameworkRequest,
      response: { 200: ZFramework, ...errorResponses },
    },
    handler: (req) => service.saveDraft(deps, callerOf(req), req.params.id, req.body),
  });

  r.post(`${BASE}/:id/activate`, {
    config: { rule: manage('framework.activate') },
    schema: {
      tags,
      summary: '启用草稿（同编码的原启用版本停用） / activate a draft (the previous active version retires)',
      params: ZIdParams,
      response: { 200: ZFramework, ...errorResponses },
    },
    handler: (req) => service.activateFramework(deps, callerOf(req), req.params.id),
  });

  r.delete(`${BASE}/:id`, {
    config: { rule: manage('framework.delete') },
    schema: {
      tags,
      summary: '删除草稿 / delete a draft',
      params: ZIdParams,
      response: { 200: ZOk, ...errorResponses },
    },
    handler: (req) => service.deleteFramework(deps, callerOf(req), req.params.id),
  });

  r.get(`${BASE}/:id/export.xlsx`, {
    config: { rule: { ...read, audit: 'framework.export' } },
    schema: {
      tags,
      summary: '导出指标体系表（可再导入） / export the framework workbook (re-importable)',
      params: ZIdParams,
      response: { 200: ZFileDownload, ...errorResponses },
    },
    handler: async (req, reply) => {
      const out = await service.exportFramework(deps, callerOf(req), req.params.id);
      return reply
        .type(CONTENT_TYPES.xlsx)
        .header('content-disposition', contentDisposition(out.fileName, out.asciiName))
        .send(out.buffer);
    },
  });

  void app.register((child, _o, done) => {
    child.addContentTypeParser(
      UPLOAD_TYPES,
      { parseAs: 'buffer', bodyLimit: service.FRAMEWORK_IMPORT_MAX_BYTES },
      (_req, body, next) => next(null, body),
    );
    child.withTypeProvider<ZodTypeProvider>().post(`${BASE}/import`, {
      bodyLimit: service.FRAMEWORK_IMPORT_MAX_BYTES,
      // Region-wide staff only, decided before the workbook is read.
      preParsing: async (req) => assertRegionManager(deps, callerOf(req)),
      config: { rule: manage('framework.import') },
      schema: {
        tags,
        summary: '导入指标体系表为新草稿（xlsx/CSV 原始字节；全部成功或全部不写入） / import a workbook as a new draft',
        querystring: ZImportFrameworkQuery,
        response: { 201: ZFramework, ...errorResponses, 413: errorResponses[400], 415: errorResponses[400] },
      },
      handler: async (req, reply) => {
        if (!Buffer.isBuffer(req.body))
          throw new AppError('VALIDATION', {
            zh: '请以文件原始内容上传（Content-Type: application/octet-stream）',
            en: 'Upload the file bytes (Content-Type: application/octet-stream)',
          });
        const f = await service.importFramework(deps, callerOf(req), req.body, req.query);
        return reply.status(201).send(f);
      },
    });
    done();
  });
}
