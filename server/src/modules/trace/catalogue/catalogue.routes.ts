/** Routes of the trace catalogue under /api/trace/: operators and their sites, products, input products, batches, animals. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZIdParams, ZPageQuery, errorResponses } from '../../../../../contracts/common.ts';
import {
  ZAnimal,
  ZAnimalPage,
  ZBatch,
  ZBatchPage,
  ZCreateAnimalRequest,
  ZCreateBatchRequest,
  ZCreateInputProductRequest,
  ZCreateOperatorRequest,
  ZCreateProductRequest,
  ZCreateSiteRequest,
  ZInputProduct,
  ZInputProductPage,
  ZLabelSheetRequest,
  ZListQuery,
  ZOperator,
  ZOperatorPage,
  ZProduct,
  ZProductPage,
  ZSite,
  ZSitePage,
} from '../../../../../contracts/trace.ts';
import { writeAudit } from '../../../platform/audit/audit.ts';
import type { Deps } from '../../../platform/deps.ts';
import { callerOf } from '../../../platform/http/caller.ts';
import { renderLabelSheetPdf } from '../identifiers/labels.pdf.ts';
import { qrPng, qrSvg } from '../identifiers/qr.ts';
import * as operators from './operators.service.ts';
import * as records from './records.service.ts';

const READ = { access: 'trace:catalogue_read', scope: 'division-subtree', audit: 'none' } as const;
const manage = (audit: string) => ({ access: 'trace:catalogue_manage', scope: 'division-subtree', audit }) as const;
const tags = ['trace'];

export function registerCatalogueRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/trace/operators', {
    config: { rule: READ },
    schema: {
      tags,
      summary: '经营主体列表 / operators',
      querystring: ZListQuery,
      response: { 200: ZOperatorPage, ...errorResponses },
    },
    handler: (req) => operators.listOperators(deps, callerOf(req), req.query),
  });
  r.get('/api/trace/operators/:id', {
    config: { rule: READ },
    schema: {
      tags,
      summary: '经营主体详情 / operator',
      params: ZIdParams,
      response: { 200: ZOperator, ...errorResponses },
    },
    handler: (req) => operators.getOperator(deps, callerOf(req), req.params.id),
  });
  r.post('/api/trace/operators', {
    config: { rule: manage('trace.operator.create') },
    schema: {
      tags,
      summary: '登记经营主体 / register an operator',
      body: ZCreateOperatorRequest,
      response: { 201: ZOperator, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await operators.createOperator(deps, callerOf(req), req.body)),
  });

  const nested = [
    {
      path: 'sites',
      zh: '场所',
      en: 'sites',
      audit: 'trace.site.create',
      body: ZCreateSiteRequest,
      item: ZSite,
      page: ZSitePage,
      create: records.createSite,
      list: records.listSites,
    },
    {
      path: 'products',
      zh: '产品',
      en: 'products',
      audit: 'trace.product.create',
      body: ZCreateProductRequest,
      item: ZProduct,
      page: ZProductPage,
      create: records.createProduct,
      list: records.listProducts,
    },
    {
      path: 'input-products',
      zh: '投入品',
      en: 'input products',
      audit: 'trace.input_product.create',
      body: ZCreateInputProductRequest,
      item: ZInputProduct,
      page: ZInputProductPage,
      create: records.createInputProduct,
      list: records.listInputProducts,
    },
    {
      path: 'animals',
      zh: '畜禽（耳标）',
      en: 'animals',
      audit: 'trace.animal.create',
      body: ZCreateAnimalRequest,
      item: ZAnimal,
      page: ZAnimalPage,
      create: records.createAnimal,
      list: records.listAnimals,
    },
  ] as const;
  for (const n of nested) {
    r.get(`/api/trace/operators/:id/${n.path}`, {
      config: { rule: READ },
      schema: {
        tags,
        summary: `经营主体的${n.zh} / an operator’s ${n.en}`,
        params: ZIdParams,
        querystring: ZPageQuery,
        response: { 200: n.page, ...errorResponses },
      },
      handler: (req) => n.list(deps, callerOf(req), req.params.id, req.query),
    });
    r.post(`/api/trace/operators/:id/${n.path}`, {
      config: { rule: manage(n.audit) },
      schema: {
        tags,
        summary: `登记${n.zh} / add ${n.en}`,
        params: ZIdParams,
        body: n.body,
        response: { 201: n.item, ...errorResponses },
      },
      handler: async (req, reply) =>
        // The body was validated by this route's own schema (n.body), which matches n.create's parameter.
        reply.status(201).send(await n.create(deps, callerOf(req), req.params.id, req.body as never)),
    });
  }

  r.post('/api/trace/operators/:id/batches', {
    config: { rule: manage('trace.batch.create') },
    schema: {
      tags,
      summary: '新建批次（签发追溯码） / create a batch (issues its trace code)',
      params: ZIdParams,
      body: ZCreateBatchRequest,
      response: { 201: ZBatch, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await records.createBatch(deps, callerOf(req), req.params.id, req.body)),
  });
  r.get('/api/trace/batches', {
    config: { rule: READ },
    schema: {
      tags,
      summary: '批次列表 / batches',
      querystring: ZListQuery,
      response: { 200: ZBatchPage, ...errorResponses },
    },
    handler: (req) => records.listBatches(deps, callerOf(req), req.query),
  });
  r.get('/api/trace/batches/:id', {
    config: { rule: READ },
    schema: { tags, summary: '批次详情 / batch', params: ZIdParams, response: { 200: ZBatch, ...errorResponses } },
    handler: (req) => records.getBatch(deps, callerOf(req), req.params.id),
  });

  // The QR names the configured public host (never the request's Host header, which a client chooses).
  const qrUrl = (code: string) => `${(deps.config.publicUrl ?? 'http://localhost:3000').replace(/\/$/, '')}/t/${code}`;
  r.get('/api/trace/batches/:id/qr.png', {
    config: { rule: READ },
    schema: {
      tags,
      summary: '批次追溯二维码（PNG） / batch QR (PNG)',
      params: ZIdParams,
      response: { 200: z.any(), ...errorResponses },
    },
    handler: async (req, reply) => {
      const b = await records.getBatch(deps, callerOf(req), req.params.id);
      return reply.type('image/png').send(await qrPng(qrUrl(b.traceCode)));
    },
  });
  r.get('/api/trace/batches/:id/qr.svg', {
    config: { rule: READ },
    schema: {
      tags,
      summary: '批次追溯二维码（SVG） / batch QR (SVG)',
      params: ZIdParams,
      response: { 200: z.string(), ...errorResponses },
    },
    handler: async (req, reply) => {
      const b = await records.getBatch(deps, callerOf(req), req.params.id);
      return reply.type('image/svg+xml').send(await qrSvg(qrUrl(b.traceCode)));
    },
  });

  r.post('/api/trace/batches/labels.pdf', {
    config: { rule: { ...READ, audit: 'trace.labels.print' } },
    schema: {
      tags,
      summary: '打印追溯标签（A4 PDF） / label sheet of selected batches (A4 PDF)',
      body: ZLabelSheetRequest,
      response: { 200: z.any(), ...errorResponses },
    },
    handler: async (req, reply) => {
      const caller = callerOf(req);
      const batches = [];
      for (const id of new Set(req.body.batchIds)) batches.push(await records.getBatch(deps, caller, id));
      const pdf = await renderLabelSheetPdf({
        title: '农畜产品追溯标签',
        columns: req.body.columns,
        rows: req.body.rows,
        labels: batches.flatMap((b) =>
          Array.from({ length: req.body.copies }, () => ({
            traceCode: b.traceCode,
            productName: b.productName,
            operatorName: b.operatorName,
            ...(b.lot ? { batchNo: b.lot } : {}),
            url: qrUrl(b.traceCode),
            demo: b.isDemo,
          })),
        ),
      });
      // Printing labels puts codes into circulation: who printed which batches is kept.
      await writeAudit(deps.db, deps.audit, caller.actor, {
        action: 'trace.labels.print',
        targetType: 'trace_batch',
        targetId: batches[0]?.id ?? 0,
        divisionCode: batches[0]?.divisionCode ?? null,
        details: { batchIds: batches.map((b) => b.id), copies: req.body.copies },
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', 'inline; filename="trace-labels.pdf"')
        .send(pdf);
    },
  });
}
