/**
 * Serves the built web app (web/dist): the public portal at / and its pages, the console at /console/*, hashed
 * assets with a year's cache, the region map. Without a build (tests, API-only use) / answers a short page that
 * says the API is running. An unknown path outside /api answers the portal's not-found page (status 404).
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { installedModules } from '../modules/installed.ts';

export const WEB_DIST = path.resolve(import.meta.dirname, '../../../../web/dist');

/** The platform's own portal pages (web/src/portal/routes.tsx); modules add theirs in their manifests (`portalPaths`). */
const PLATFORM_PORTAL_PATHS = ['/', '/register', '/login', '/reset-password'] as const;

/** Client-side routes of the portal: the platform's and every installed module's; anything else under / is not a page. */
export function portalPaths(): string[] {
  return [...PLATFORM_PORTAL_PATHS, ...installedModules().flatMap((m) => m.portalPaths ?? [])];
}

const PAGE_RULE = { rule: { access: 'public', scope: 'none', audit: 'none' } } as const;

/** Pages take any query string: the client-side router reads it (filters in the URL). */
const ZPageQuery = z.record(z.string(), z.unknown());
const ZAssetParams = z.object({ '*': z.string().max(200) });
const ZMapParams = z.object({ file: z.string().regex(/^[\w.-]{1,64}$/) });

export function isWebBuilt(dist = WEB_DIST): boolean {
  return fs.existsSync(path.join(dist, 'index.html')) && fs.existsSync(path.join(dist, 'console.html'));
}

export async function registerWeb(app: FastifyInstance, opts: { mode: string; dist?: string }): Promise<void> {
  const dist = opts.dist ?? WEB_DIST;
  const r = app.withTypeProvider<ZodTypeProvider>();
  if (!isWebBuilt(dist)) {
    r.get('/', {
      config: PAGE_RULE,
      schema: { hide: true, response: { 200: z.string() } },
      handler: (_req, reply) => {
        void reply.type('text/html; charset=utf-8');
        return apiOnlyPage(opts.mode);
      },
    });
    return;
  }
  await app.register(fastifyStatic, { root: dist, serve: false });
  const html = (file: string) => ({
    config: PAGE_RULE,
    schema: { hide: true, querystring: ZPageQuery },
    handler: (_req: unknown, reply: FastifyReply) => {
      // The HTML names the current hashed assets: never cached, so a new release is seen at once.
      reply.header('cache-control', 'no-cache');
      return reply.sendFile(file, dist, { cacheControl: false });
    },
  });
  for (const p of portalPaths()) app.get(p, html('index.html'));
  app.get('/*', notFoundPage(dist));
  app.get('/console', html('console.html'));
  app.get('/console/*', html('console.html'));
  r.get('/assets/*', {
    config: PAGE_RULE,
    schema: { hide: true, params: ZAssetParams },
    handler: (req, reply) => {
      const file = req.params['*'];
      return reply.sendFile(file, path.join(dist, 'assets'), { immutable: true, maxAge: '365d' });
    },
  });
  r.get('/maps/:file', {
    config: PAGE_RULE,
    schema: { hide: true, params: ZMapParams },
    handler: (req, reply) => {
      const file = req.params.file;
      return reply.sendFile(file, path.join(dist, 'maps'), { maxAge: '1d' });
    },
  });
}

/** A missing file (favicon.ico, /index.html, a stale asset) is not a page: a plain 404. */
const FILE_LIKE = /\.[A-Za-z0-9]{1,8}$/;

/**
 * Any other GET outside the API and the console: the portal with status 404 (its router shows 页面不存在). The API
 * keeps its JSON answer: /api/... goes to the platform's not-found handler.
 */
function notFoundPage(dist: string) {
  return {
    config: PAGE_RULE,
    schema: { hide: true, querystring: ZPageQuery },
    handler: (req: FastifyRequest, reply: FastifyReply) => {
      const pathname = req.url.split('?')[0] ?? '';
      if (pathname === '/api' || pathname.startsWith('/api/') || FILE_LIKE.test(pathname)) return reply.callNotFound();
      reply.header('cache-control', 'no-cache');
      return reply.code(404).sendFile('index.html', dist, { cacheControl: false });
    },
  };
}

function apiOnlyPage(mode: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>旗县 Qixian</title><link rel="icon" href="data:,"></head><body style="font-family:sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">
<h1>旗县 · 县域创新驱动发展平台</h1><p>Qixian county innovation platform</p>
<p>接口服务运行中（${mode === 'demo' ? '演示模式' : mode}）。网页尚未构建：运行 <code>npm run build:web</code>。
The API is running; the web app is not built (npm run build:web).</p>
<ul><li><a href="/api/docs">接口文档 / API documentation</a></li><li><a href="/api/health">健康检查 / health</a></li></ul>
</body></html>`;
}
