/**
 * The EPCIS 2.0 REST bindings (outside /api, as the standard names them): capture, capture jobs, single events and
 * the simple event query. Bodies are application/ld+json or application/json; answers carry the GS1-EPCIS-Version and
 * GS1-CBV-Version headers; EPCIS errors are RFC 7807 problems (application/problem+json) with the platform's bilingual
 * error object beside them.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZErrorBody } from '../../../../../contracts/common.ts';
import type { Deps } from '../../../platform/deps.ts';
import { callerOf } from '../../../platform/http/caller.ts';
import { CBV_VERSION, EPCIS_VERSION } from './epcis.model.ts';
import { EpcisProblemError } from './epcis.problem.ts';
import { queryEvents } from './epcis.query.ts';
import { captureDocument, captureEvent, getCapture, getEvent } from './epcis.service.ts';

const tags = ['epcis'];
const CAPTURE_RULE = { access: 'trace:capture', scope: 'division-subtree', audit: 'trace.epcis.capture' } as const;
const EVENT_RULE = { access: 'trace:capture', scope: 'division-subtree', audit: 'trace.epcis.event' } as const;
const READ_RULE = { access: 'trace:query', scope: 'division-subtree', audit: 'none' } as const;
/** 10,000 events of about 1.5 kB. */
export const CAPTURE_BODY_LIMIT = 16 * 1024 * 1024;

const ZLocated = z.object({
  pointer: z.string(),
  eventIndex: z.number().int().optional(),
  message: z.string(),
  messageEn: z.string(),
});
const ZProblem = ZErrorBody.extend({
  type: z.string().optional().describe('epcisException:…'),
  title: z.string().optional(),
  status: z.number().int().optional(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  errors: z.array(ZLocated).optional(),
}).describe('RFC 7807 problem (EPCIS REST bindings) with the platform error object');
const problems = {
  400: ZProblem,
  401: ZProblem,
  403: ZProblem,
  404: ZProblem,
  406: ZProblem,
  409: ZProblem,
  413: ZProblem,
};

const ZCaptureResult = z.object({
  index: z.number().int(),
  eventID: z.string().nullable(),
  status: z.enum(['captured', 'duplicate', 'rejected', 'rolled_back']),
  error: ZLocated.extend({ status: z.number().int() }).optional(),
});
const ZCaptureJob = z.object({
  captureID: z.string(),
  createdAt: z.string(),
  finishedAt: z.string(),
  running: z.boolean(),
  success: z.boolean(),
  captureErrorBehaviour: z.enum(['rollback', 'proceed']),
  divisionCode: z.string(),
  counts: z.object({ events: z.number(), captured: z.number(), duplicate: z.number(), rejected: z.number() }),
  results: z.array(ZCaptureResult),
  errors: z.array(ZLocated.extend({ status: z.number().int() })),
});
const ZJsonLd = z.record(z.string(), z.unknown());
const ZCaptureHeaders = z.object({
  'gs1-capture-error-behaviour': z.string().optional().describe('rollback（默认，全部或全不） | proceed（尽量采集）'),
  'gs1-epcis-version': z.string().optional(),
  'gs1-epcis-min': z.string().optional(),
  'gs1-epcis-max': z.string().optional(),
  'gs1-cbv-version': z.string().optional(),
  'gs1-cbv-min': z.string().optional(),
  'gs1-cbv-max': z.string().optional(),
});
const ZReadHeaders = ZCaptureHeaders.omit({ 'gs1-capture-error-behaviour': true });
const ZQuery = z
  .object({
    MATCH_epc: z.string().optional().describe('以 | 分隔的 EPC URI（epcList、childEPCs、输入输出）'),
    MATCH_anyEPC: z.string().optional().describe('同上并含 parentID'),
    MATCH_epcClass: z.string().optional().describe('数量列表中的类别（epcClass）'),
    GE_eventTime: z.string().optional(),
    LT_eventTime: z.string().optional(),
    EQ_bizStep: z.string().optional(),
    EQ_bizLocation: z.string().optional(),
    WD_bizLocation: z.string().optional().describe('无位置主数据时等同 EQ_bizLocation'),
    eventType: z.string().optional(),
    perPage: z.string().optional(),
    nextPageToken: z.string().optional(),
  })
  .catchall(z.string());

function versionParts(v: string): number[] | null {
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)] : null;
}
function compare(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** Refuses (406) a client that needs another EPCIS or CBV version than 2.0.0. */
function checkVersions(req: FastifyRequest): void {
  for (const [kind, ours] of [
    ['epcis', EPCIS_VERSION],
    ['cbv', CBV_VERSION],
  ] as const) {
    const own = versionParts(ours)!;
    const h = (name: string) => {
      const v = req.headers[`gs1-${kind}-${name}`];
      return typeof v === 'string' ? v : undefined;
    };
    const wanted = h('version');
    const min = h('min');
    const max = h('max');
    const fails =
      (wanted !== undefined && (versionParts(wanted) === null || compare(versionParts(wanted)!, own) !== 0)) ||
      (min !== undefined && (versionParts(min) === null || compare(versionParts(min)!, own) > 0)) ||
      (max !== undefined && (versionParts(max) === null || compare(versionParts(max)!, own) < 0));
    if (fails)
      throw new EpcisProblemError(
        'NotAcceptableException',
        `本仓库只支持 ${kind.toUpperCase()} ${ours}`,
        `This repository supports ${kind.toUpperCase()} ${ours} only`,
      );
  }
}

function jsonType(req: FastifyRequest): string {
  const accept = req.headers.accept ?? '';
  return /application\/json/.test(accept) && !/application\/ld\+json/.test(accept)
    ? 'application/json; charset=utf-8'
    : 'application/ld+json; charset=utf-8';
}

/** Runs `work` and answers its result, or an EPCIS problem. */
async function answer(
  req: FastifyRequest,
  reply: FastifyReply,
  work: () => Promise<{ status: number; body: unknown; headers?: Record<string, string> }>,
): Promise<void> {
  try {
    checkVersions(req);
    const r = await work();
    for (const [k, v] of Object.entries(r.headers ?? {})) void reply.header(k, v);
    await reply.status(r.status).type(jsonType(req)).send(JSON.stringify(r.body));
  } catch (err) {
    if (!(err instanceof EpcisProblemError)) throw err;
    await reply.status(err.status).type('application/problem+json; charset=utf-8').send(JSON.stringify(err.body));
  }
}

export function registerEpcisRoutes(app: FastifyInstance, deps: Deps): void {
  void app.register((child, _opts, done) => {
    child.addContentTypeParser(
      ['application/ld+json'],
      { parseAs: 'string', bodyLimit: CAPTURE_BODY_LIMIT },
      (_req, body, next) => {
        try {
          next(null, JSON.parse(body as string));
        } catch (err) {
          (err as { statusCode?: number }).statusCode = 400;
          next(err as Error);
        }
      },
    );
    child.addHook('onSend', (_req, reply, payload, next) => {
      void reply.header('GS1-EPCIS-Version', EPCIS_VERSION);
      void reply.header('GS1-CBV-Version', CBV_VERSION);
      void reply.header('GS1-Extensions', '');
      next(null, payload);
    });
    const r = child.withTypeProvider<ZodTypeProvider>();

    r.post('/epcis/capture', {
      bodyLimit: CAPTURE_BODY_LIMIT,
      config: { rule: CAPTURE_RULE },
      schema: {
        tags,
        summary:
          '采集 EPCIS 文档（202 + 采集任务；GS1-Capture-Error-Behaviour: rollback 全部或全不 / proceed 尽量采集） / capture an EPCIS document',
        headers: ZCaptureHeaders,
        body: ZJsonLd.describe('EPCISDocument (EPCIS 2.0 JSON-LD)'),
        response: { 202: ZCaptureJob, ...problems },
      },
      handler: (req, reply) =>
        answer(req, reply, async () => {
          const h = req.headers['gs1-capture-error-behaviour'];
          const behaviour = h === undefined ? 'rollback' : h;
          if (behaviour !== 'rollback' && behaviour !== 'proceed')
            throw new EpcisProblemError(
              'ValidationException',
              '采集错误处理方式应为 rollback 或 proceed',
              'GS1-Capture-Error-Behaviour must be rollback or proceed',
              [
                {
                  pointer: 'GS1-Capture-Error-Behaviour',
                  message: 'GS1-Capture-Error-Behaviour：应为 rollback 或 proceed',
                  messageEn: 'GS1-Capture-Error-Behaviour: must be rollback or proceed',
                },
              ],
            );
          const job = await captureDocument(deps, callerOf(req), req.body, behaviour);
          return { status: 202, body: job, headers: { location: `/epcis/capture/${job.captureID}` } };
        }),
    });

    r.get('/epcis/capture/:captureID', {
      config: { rule: READ_RULE },
      schema: {
        tags,
        summary: '采集任务的状态与逐个事件的结果 / capture job status and per-event results',
        params: z.object({ captureID: z.string().min(1).max(40) }),
        headers: ZReadHeaders,
        response: { 200: ZCaptureJob, ...problems },
      },
      handler: (req, reply) =>
        answer(req, reply, async () => ({
          status: 200,
          body: await getCapture(deps, callerOf(req), req.params.captureID),
        })),
    });

    r.post('/epcis/events', {
      config: { rule: EVENT_RULE },
      schema: {
        tags,
        summary: '采集单个 EPCIS 事件（201；事件 ID 或事件哈希 ID 重复时 409） / capture one event',
        headers: ZReadHeaders,
        body: ZJsonLd.describe('One EPCIS 2.0 event (JSON-LD)'),
        response: { 201: z.object({ eventID: z.string() }), ...problems },
      },
      handler: (req, reply) =>
        answer(req, reply, async () => {
          const r2 = await captureEvent(deps, callerOf(req), req.body);
          return { status: 201, body: r2, headers: { location: `/epcis/events/${encodeURIComponent(r2.eventID)}` } };
        }),
    });

    r.get('/epcis/events/:eventID', {
      config: { rule: READ_RULE },
      schema: {
        tags,
        summary: '按事件 ID 读取事件（ni:/// 须 URL 编码） / one event by its eventID',
        params: z.object({ eventID: z.string().min(1).max(500) }),
        headers: ZReadHeaders,
        response: { 200: ZJsonLd, ...problems },
      },
      handler: (req, reply) =>
        answer(req, reply, async () => ({
          status: 200,
          body: await getEvent(deps, callerOf(req), req.params.eventID),
        })),
    });

    r.get('/epcis/events', {
      config: { rule: READ_RULE },
      schema: {
        tags,
        summary:
          '查询事件（MATCH_epc、MATCH_anyEPC、MATCH_epcClass、GE/LT_eventTime、EQ_bizStep、EQ/WD_bizLocation、eventType、perPage、nextPageToken） / query events',
        querystring: ZQuery,
        headers: ZReadHeaders,
        response: { 200: ZJsonLd.describe('EPCISQueryDocument'), ...problems },
      },
      handler: (req, reply) =>
        answer(req, reply, async () => {
          const page = await queryEvents(deps, callerOf(req), req.query);
          const headers: Record<string, string> = {};
          if (page.nextPageToken) {
            const params = new URLSearchParams(req.query);
            params.set('nextPageToken', page.nextPageToken);
            headers.link = `</epcis/events?${params.toString()}>; rel="next"`;
          }
          return { status: 200, body: page.document, headers };
        }),
    });
    done();
  });
}
