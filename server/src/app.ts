/** buildApp: the Fastify application with the platform pipeline and every module's routes. */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.ts';
import type { DbHandle } from './db/database.ts';
import { registerAuthRoutes } from './platform/auth/auth.routes.ts';
import { registerSessions } from './platform/auth/session.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import { createDeps, type Deps } from './platform/deps.ts';
import { registerErrorHandler, toErrorBody } from './platform/errors/error-handler.ts';
import { collectRoutes, enforceRule, type InventoryEntry } from './platform/http/route-rules.ts';
import {
  DEFAULT_REQUEST_TIMEOUTS,
  registerRequestLimits,
  serverTimeoutOptions,
  type RequestTimeouts,
} from './platform/http/request-limits.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { registerWeb } from './platform/http/web.ts';
import { registerPlatformInfo } from './platform/info/info.routes.ts';
import { MODULES, registerModules } from './modules/registry.ts';

export interface BuildAppOptions {
  config: Config;
  database: DbHandle;
  clock?: Clock;
  logger?: boolean;
  /** Request, header and body-rate timeouts (tests use short ones); defaults in DEFAULT_REQUEST_TIMEOUTS. */
  timeouts?: Partial<RequestTimeouts>;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: Deps;
    routeInventory: InventoryEntry[];
  }
}

export const BODY_LIMIT_BYTES = 1024 * 1024;

export async function buildApp(opts: BuildAppOptions): Promise<FastifyInstance> {
  const { config, database } = opts;
  const clock = opts.clock ?? systemClock;
  const deps = createDeps(config, database, clock);
  const timeouts: RequestTimeouts = { ...DEFAULT_REQUEST_TIMEOUTS, ...opts.timeouts };

  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: config.logLevel,
            redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
          },
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.trustProxy,
    // Slow headers and bodies do not hold a connection for ever (finding 10 of issue 9).
    ...serverTimeoutOptions(timeouts),
  });
  app.decorate('deps', deps);
  const inventory: InventoryEntry[] = [];
  app.decorate('routeInventory', inventory);
  collectRoutes(app, inventory);

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app, { exposeInternals: config.mode === 'development' });

  await app.register(cookie);
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Demo and development run on plain http://localhost; production sits behind TLS.
        upgradeInsecureRequests: config.mode === 'production' ? [] : null,
      },
    },
    hsts: { maxAge: 31536000, includeSubDomains: true },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: () => ({ statusCode: 429, ...toErrorBody('RATE_LIMITED') }),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Qixian 旗县 API',
        description: '县域创新驱动发展平台 / county innovation platform',
        version: '0.1.0',
      },
      tags: MODULES.flatMap((m) => m.tags ?? []),
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'qx_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerSessions(app, deps);
  // Access is decided before the body is read (preParsing runs after the session is resolved in onRequest): a refused
  // upload is never buffered, and strangers learn nothing about the schema.
  app.addHook('preParsing', (req, _reply, payload, done) => {
    let waiting: Promise<void> | undefined;
    try {
      waiting = enforceRule(req);
    } catch (err) {
      done(err as Error);
      return;
    }
    if (waiting) waiting.then(() => done(null, payload), done);
    else done(null, payload);
  });
  // Bodies that trickle in are cut; an answer sent before the body was read closes the connection.
  registerRequestLimits(app, timeouts);

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/health', {
    config: { rule: { access: 'public', scope: 'none', audit: 'none' } },
    schema: {
      tags: ['platform'],
      summary: '健康检查 / health',
      response: { 200: z.object({ status: z.literal('ok'), engine: z.string(), time: z.string() }) },
    },
    handler: () => ({ status: 'ok' as const, engine: deps.engine, time: clock.now().toISOString() }),
  });
  registerPlatformInfo(app, deps);
  registerAuthRoutes(app, deps);
  registerModules(app, deps);
  await registerWeb(app, { mode: config.mode });
  return app;
}
