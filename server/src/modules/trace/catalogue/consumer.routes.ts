/**
 * Public consumer routes: `GET /t/{traceCode}` (HTML, or the same content as JSON for `Accept: application/json` or
 * `application/ld+json`) and our GS1 Digital Link resolver `GET /01/{gtin}/10/{lot}[/21/{serial}]` (redirects to the
 * batch's page, or answers its JSON). Malformed codes are refused before any database lookup; unknown and malformed
 * codes answer 404 and count against a per-client budget of misses (then 429), so guessing is slow.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors/errors.ts';
import { validateGtin } from '../identifiers/gs1-keys.ts';
import { parseTraceCode } from '../identifiers/trace-code.ts';
import { renderConsumerPage, renderNotFoundPage } from './consumer.page.ts';
import { consumerView, traceCodeOfGtinLot, type ConsumerView } from './consumer.service.ts';

const PUBLIC = { rule: { access: 'public', scope: 'none', audit: 'none' } } as const;
const tags = ['trace'];
const MISSES_PER_MINUTE = 30;

const ZScanQuery = z.object({
  lat: z.coerce.number().min(-90).max(90).optional(),
  lon: z.coerce.number().min(-180).max(180).optional(),
});

/** Per-client count of 404s in the current minute (in memory: a guesser is slowed on this node). */
function missBudget() {
  let windowStart = 0;
  const misses = new Map<string, number>();
  return (ip: string, now: number): boolean => {
    if (now - windowStart > 60_000) {
      windowStart = now;
      misses.clear();
    }
    const n = (misses.get(ip) ?? 0) + 1;
    misses.set(ip, n);
    return n <= MISSES_PER_MINUTE;
  };
}

function wantsJson(req: FastifyRequest): 'application/ld+json' | 'application/json' | null {
  const accept = req.headers.accept ?? '';
  if (accept.includes('application/ld+json')) return 'application/ld+json';
  if (accept.includes('application/json') && !accept.includes('text/html')) return 'application/json';
  return null;
}

export function registerConsumerRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const allowMiss = missBudget();

  const notFound = (req: FastifyRequest, reply: FastifyReply, message: string) => {
    if (!allowMiss(req.ip, Date.now())) throw new AppError('RATE_LIMITED');
    reply.header('cache-control', 'no-store');
    if (wantsJson(req)) throw new AppError('NOT_FOUND', { zh: message, en: 'Trace code not found' });
    return reply.status(404).type('text/html; charset=utf-8').send(renderNotFoundPage(message));
  };
  const answer = (req: FastifyRequest, reply: FastifyReply, view: ConsumerView) => {
    reply.header('cache-control', 'no-store');
    reply.header('vary', 'Accept');
    const json = wantsJson(req);
    if (json) return reply.type(`${json}; charset=utf-8`).send(JSON.stringify(view));
    return reply.type('text/html; charset=utf-8').send(renderConsumerPage(view));
  };

  r.get('/t/:code', {
    config: PUBLIC,
    schema: {
      tags,
      summary: '消费者追溯页（HTML 或 JSON） / consumer trace page (HTML or JSON)',
      params: z.object({ code: z.string().max(64) }),
      querystring: ZScanQuery,
    },
    handler: async (req, reply) => {
      const parsed = parseTraceCode(req.params.code);
      if (!parsed.ok) return notFound(req, reply, parsed.message);
      if (parsed.value.code !== req.params.code) return reply.redirect(`/t/${parsed.value.code}`, 301);
      const view = await consumerView(deps, parsed.value.code, { ip: req.ip, ...req.query });
      if (!view) return notFound(req, reply, '未找到该追溯码 / Trace code not found');
      return answer(req, reply, view);
    },
  });

  const resolve = async (req: FastifyRequest, reply: FastifyReply, params: { gtin: string; lot: string }) => {
    const gtin = validateGtin(params.gtin);
    if (!gtin.ok) return notFound(req, reply, gtin.message);
    const code = await traceCodeOfGtinLot(deps, gtin.value, params.lot);
    if (!code) return notFound(req, reply, '未找到该商品条码与批号的批次 / No batch with this GTIN and lot');
    if (!wantsJson(req)) return reply.redirect(`/t/${code}`, 307);
    const view = await consumerView(deps, code, { ip: req.ip });
    if (!view) return notFound(req, reply, '未找到该追溯码 / Trace code not found');
    return answer(req, reply, view);
  };
  const ZDl = z.object({ gtin: z.string().max(14), lot: z.string().min(1).max(20) });
  r.get('/01/:gtin/10/:lot', {
    config: PUBLIC,
    schema: { tags, summary: 'GS1 数字链接解析（商品条码 + 批号） / GS1 Digital Link resolver', params: ZDl },
    handler: (req, reply) => resolve(req, reply, req.params),
  });
  r.get('/01/:gtin/10/:lot/21/:serial', {
    config: PUBLIC,
    schema: {
      tags,
      summary: 'GS1 数字链接解析（含序列号，按批次解析） / Digital Link with serial (resolved to its batch)',
      params: ZDl.extend({ serial: z.string().min(1).max(20) }),
    },
    handler: (req, reply) => resolve(req, reply, req.params),
  });
}
