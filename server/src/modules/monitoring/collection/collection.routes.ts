/**
 * Routes of data collection and approval (数据填报与审核). File uploads (form import, attachments) are raw bodies
 * accepted only in their own plugin context; the region's bulk CSV is read as a stream, never buffered whole.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZIdParams, ZOk, errorResponses } from '../../../../../contracts/common.ts';
import { ZFileDownload } from '../../../../../contracts/imports.ts';
import {
  ZAttachment,
  ZAttachmentUploadQuery,
  ZBulkImportQuery,
  ZBulkImportReport,
  ZCompleteness,
  ZFileNameQuery,
  ZForm,
  ZFormParams,
  ZListSubmissionsQuery,
  ZPeriod,
  ZSaveValuesRequest,
  ZSubmissionPage,
  ZValuesImportReport,
  ZWorkflowRequest,
} from '../../../../../contracts/monitoring.ts';
import type { Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors/errors.ts';
import { callerOf } from '../../../platform/http/caller.ts';
import { CONTENT_TYPES, contentDisposition } from '../../../platform/spreadsheets/export.ts';
import {
  ATTACHMENT_TYPES,
  MAX_ATTACHMENT_BYTES,
  deleteAttachment,
  downloadAttachment,
  uploadAttachment,
} from './attachments.service.ts';
import { resolveCounty } from './collection.service.ts';
import { getForm, saveValues } from './forms.service.ts';
import { act } from './workflow.service.ts';
import { getCompleteness, listSubmissions } from './submissions.service.ts';
import { importBulkCsv } from './values.bulk.ts';
import { buildFormTemplate, importFormFile } from './values.import.ts';
import { ACTIONS, ACTION_RULES } from './workflow.ts';

const FORM = '/api/monitoring/forms/:division/:period';
const UPLOAD_TYPES = ['application/octet-stream', 'text/csv', ...new Set(Object.values(ATTACHMENT_TYPES))];
const uploadErrors = { ...errorResponses, 413: errorResponses[400], 415: errorResponses[400] };

function rawBody(body: unknown): Buffer {
  if (!Buffer.isBuffer(body))
    throw new AppError('VALIDATION', {
      zh: '请以文件原始内容上传（Content-Type: application/octet-stream）',
      en: 'Upload the file bytes (Content-Type: application/octet-stream)',
    });
  return body;
}

export function registerCollectionRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['monitoring'];

  r.get(FORM, {
    config: { rule: { access: 'monitoring:read', scope: 'division-subtree', audit: 'none' } },
    schema: {
      tags,
      summary: '旗县年度填报表 / entry form of a county and year',
      params: ZFormParams,
      response: { 200: ZForm, ...errorResponses },
    },
    handler: (req) => getForm(deps, callerOf(req), req.params),
  });

  r.put(`${FORM}/values`, {
    config: { rule: { access: 'monitoring:enter', scope: 'division-subtree', audit: 'monitoring.values.save' } },
    schema: {
      tags,
      summary: '保存填报数据 / save values',
      params: ZFormParams,
      body: ZSaveValuesRequest,
      response: { 200: ZForm, ...errorResponses },
    },
    handler: (req) => saveValues(deps, callerOf(req), req.params, req.body),
  });

  for (const action of ACTIONS) {
    r.post(`${FORM}/${action}`, {
      config: {
        rule: { access: ACTION_RULES[action].permission, scope: 'division-subtree', audit: `monitoring.${action}` },
      },
      schema: {
        tags,
        summary: `${ACTION_RULES[action].summary} / ${action}`,
        params: ZFormParams,
        body: ZWorkflowRequest,
        response: { 200: ZForm, ...errorResponses },
      },
      handler: (req) => act(deps, callerOf(req), req.params, action, req.body.comment),
    });
  }

  r.get(`${FORM}/template.xlsx`, {
    config: { rule: { access: 'monitoring:enter', scope: 'division-subtree', audit: 'none' } },
    schema: {
      tags,
      summary: '下载填报模板 / xlsx template of a county-year',
      params: ZFormParams,
      response: { 200: ZFileDownload, ...errorResponses },
    },
    handler: async (req, reply) => {
      const t = await buildFormTemplate(deps, callerOf(req), req.params);
      return reply
        .type(CONTENT_TYPES.xlsx)
        .header('content-disposition', contentDisposition(t.fileName, t.asciiName))
        .send(t.buffer);
    },
  });

  r.get('/api/monitoring/submissions', {
    config: { rule: { access: 'monitoring:read', scope: 'division-subtree', audit: 'none' } },
    schema: {
      tags,
      summary: '各旗县填报与审核状态 / county submissions of a period',
      querystring: ZListSubmissionsQuery,
      response: { 200: ZSubmissionPage, ...errorResponses },
    },
    handler: (req) => listSubmissions(deps, callerOf(req), req.query),
  });

  r.get('/api/monitoring/completeness', {
    config: { rule: { access: 'monitoring:read', scope: 'division-subtree', audit: 'none' } },
    schema: {
      tags,
      summary: '填报进度 / completeness and timeliness',
      querystring: z.object({ period: ZPeriod }),
      response: { 200: ZCompleteness, ...errorResponses },
    },
    handler: (req) => getCompleteness(deps, callerOf(req), req.query.period),
  });

  r.get('/api/monitoring/attachments/:id', {
    config: { rule: { access: 'monitoring:read', scope: 'division-subtree', audit: 'none' } },
    schema: {
      tags,
      summary: '下载附件 / download an attachment',
      params: ZIdParams,
      response: { 200: ZFileDownload, ...errorResponses },
    },
    handler: async (req, reply) => {
      const a = await downloadAttachment(deps, callerOf(req), req.params.id);
      const ascii = `attachment-${req.params.id}${a.fileName.match(/\.[a-z]+$/i)?.[0] ?? ''}`;
      return reply
        .type(a.mime)
        .header('content-disposition', contentDisposition(a.fileName, ascii))
        .header('x-content-type-options', 'nosniff')
        .header('x-checksum-sha256', a.sha256)
        .send(a.content);
    },
  });

  r.delete('/api/monitoring/attachments/:id', {
    config: { rule: { access: 'monitoring:enter', scope: 'division-subtree', audit: 'monitoring.attachment.delete' } },
    schema: {
      tags,
      summary: '删除附件（可编辑时） / delete an attachment while editable',
      params: ZIdParams,
      response: { 200: ZOk, ...errorResponses },
    },
    handler: async (req) => {
      await deleteAttachment(deps, callerOf(req), req.params.id);
      return { ok: true as const };
    },
  });

  // Buffered uploads: one county's file (xlsx/CSV, 5 MB) or an attachment (10 MB). The county is checked against the
  // caller's scope before the body is read, so an upload that will be refused (404) is never buffered.
  const countyBeforeBody = async (req: FastifyRequest): Promise<void> => {
    const params = ZFormParams.safeParse(req.params);
    if (params.success) await resolveCounty(deps, callerOf(req), params.data.division, 'monitoring:enter');
  };
  void app.register((child, _o, done) => {
    child.addContentTypeParser(
      UPLOAD_TYPES,
      { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES + 1024 },
      (_req, body, next) => next(null, body),
    );
    const c = child.withTypeProvider<ZodTypeProvider>();
    c.post(`${FORM}/import`, {
      bodyLimit: MAX_ATTACHMENT_BYTES + 1024,
      preParsing: countyBeforeBody,
      config: { rule: { access: 'monitoring:enter', scope: 'division-subtree', audit: 'monitoring.values.import' } },
      schema: {
        tags,
        summary:
          '导入填报文件（xlsx/CSV，原始字节；任一行有误则全部不保存） / import a county-year file, all rows or none',
        params: ZFormParams,
        querystring: ZFileNameQuery,
        response: { 200: ZValuesImportReport, 422: ZValuesImportReport, ...uploadErrors },
      },
      handler: async (req, reply) => {
        const report = await importFormFile(deps, callerOf(req), req.params, {
          bytes: rawBody(req.body),
          fileName: req.query.name ?? 'upload',
        });
        return reply.status(report.status === 'saved' ? 200 : 422).send(report);
      },
    });
    c.post(`${FORM}/attachments`, {
      bodyLimit: MAX_ATTACHMENT_BYTES + 1024,
      preParsing: countyBeforeBody,
      config: {
        rule: { access: 'monitoring:enter', scope: 'division-subtree', audit: 'monitoring.attachment.upload' },
      },
      schema: {
        tags,
        summary: '上传佐证材料（PDF/JPG/PNG/XLSX/DOCX，≤10 MB，原始字节，?name=） / upload an attachment',
        params: ZFormParams,
        querystring: ZAttachmentUploadQuery,
        response: { 201: ZAttachment, ...uploadErrors },
      },
      handler: async (req, reply) => {
        const a = await uploadAttachment(deps, callerOf(req), req.params, {
          bytes: rawBody(req.body),
          name: req.query.name,
          indicator: req.query.indicator,
        });
        return reply.status(201).send(a);
      },
    });
    done();
  });

  // The region's bulk CSV: the body stays a stream (size counted while reading).
  void app.register((child, _o, done) => {
    child.addContentTypeParser(['text/csv', 'application/octet-stream'], (_req, payload, next) => next(null, payload));
    const c = child.withTypeProvider<ZodTypeProvider>();
    c.post('/api/monitoring/values/import.csv', {
      config: {
        rule: { access: 'monitoring:manage', scope: 'division-subtree', audit: 'monitoring.values.bulk_import' },
      },
      schema: {
        tags,
        summary:
          '统计年鉴批量导入（CSV：旗县代码,指标代码,年份,数值,来源,备注；流式，全部成功或全部不写入） / bulk CSV of counties x indicators x years',
        querystring: ZBulkImportQuery,
        response: { 200: ZBulkImportReport, 422: ZBulkImportReport, ...uploadErrors },
      },
      handler: async (req, reply) => {
        const body = req.body as AsyncIterable<Uint8Array> | undefined;
        if (!body || typeof (body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] !== 'function')
          throw new AppError('VALIDATION', {
            zh: '请以 CSV 原始内容上传（Content-Type: text/csv）',
            en: 'Upload the CSV bytes (Content-Type: text/csv)',
          });
        const report = await importBulkCsv(deps, callerOf(req), body, {
          fileName: req.query.name ?? 'upload.csv',
          approve: req.query.approve === 'true',
        });
        return reply.status(report.status === 'saved' ? 200 : 422).send(report);
      },
    });
    done();
  });
}
