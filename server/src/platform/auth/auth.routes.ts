import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ZChangePasswordRequest,
  ZLoginRequest,
  ZSession,
  ZTotpRequest,
  ZTotpSetup,
} from '../../../../contracts/auth.ts';
import { ZErrorBody, ZOk, errorResponses } from '../../../../contracts/common.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../errors/errors.ts';
import { login, logout, presentSession, setupTotp, verifyTotp } from './auth.service.ts';
import { changeOwnPassword } from './password-change.ts';
import { clearSessionCookie, cookieName, hashSessionId, setSessionCookie } from './session.ts';
import { DEVICE_TTL_MS, deviceCookieName } from './throttle.ts';

export function registerAuthRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/auth/login', {
    config: {
      rule: { access: 'public', scope: 'none', audit: 'auth.login' },
      rateLimit: { max: 30, timeWindow: '1 minute' },
    },
    schema: {
      tags: ['auth'],
      summary: '登录 / sign in',
      body: ZLoginRequest,
      response: { 200: ZSession, ...errorResponses, 429: ZErrorBody },
    },
    handler: async (req, reply) => {
      const previous = req.cookies[cookieName(deps)];
      const { id, state, principal, deviceCookie } = await login(deps, {
        username: req.body.username,
        password: req.body.password,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? '',
        previousSessionHash: previous ? hashSessionId(previous) : null,
        deviceCookie: req.cookies[deviceCookieName(deps)],
      });
      setSessionCookie(reply, deps, id);
      // Remembers this browser for the account (see throttle.ts): strangers' failures never slow it down.
      void reply.setCookie(deviceCookieName(deps), deviceCookie, {
        path: '/',
        httpOnly: true,
        secure: deps.config.secureCookies,
        sameSite: 'strict',
        maxAge: DEVICE_TTL_MS / 1000,
      });
      return presentSession(deps.db, principal, state);
    },
  });

  r.get('/api/auth/session', {
    config: {
      rule: {
        access: 'authenticated',
        scope: 'self',
        audit: 'none',
        allowMfaPending: true,
        allowPasswordChangePending: true,
        sessionOnly: true,
      },
    },
    schema: { tags: ['auth'], summary: '当前会话 / current session', response: { 200: ZSession, ...errorResponses } },
    handler: async (req) => {
      if (!req.principal || !req.session) throw new AppError('UNAUTHENTICATED');
      return presentSession(deps.db, req.principal, req.session);
    },
  });

  r.post('/api/auth/logout', {
    config: {
      rule: {
        access: 'authenticated',
        scope: 'self',
        audit: 'auth.logout',
        allowMfaPending: true,
        allowPasswordChangePending: true,
        sessionOnly: true,
      },
    },
    schema: { tags: ['auth'], summary: '退出登录 / sign out', response: { 200: ZOk, ...errorResponses } },
    handler: async (req, reply) => {
      if (!req.principal || !req.session) throw new AppError('UNAUTHENTICATED');
      await logout(deps, { principal: req.principal, session: req.session, ip: req.ip });
      clearSessionCookie(reply, deps);
      return { ok: true as const };
    },
  });

  r.get('/api/auth/totp/setup', {
    config: {
      rule: {
        access: 'authenticated',
        scope: 'self',
        audit: 'none',
        allowMfaPending: true,
        allowPasswordChangePending: true,
        sessionOnly: true,
      },
    },
    schema: {
      tags: ['auth'],
      summary: '开始绑定动态口令 / start TOTP enrolment',
      response: { 200: ZTotpSetup, ...errorResponses },
    },
    handler: async (req, reply) => {
      if (!req.principal) throw new AppError('UNAUTHENTICATED');
      void reply.header('cache-control', 'no-store');
      return setupTotp(deps, req.principal);
    },
  });

  r.post('/api/auth/totp', {
    config: {
      rule: {
        access: 'authenticated',
        scope: 'self',
        audit: 'auth.totp',
        allowMfaPending: true,
        allowPasswordChangePending: true,
        sessionOnly: true,
      },
      rateLimit: { max: 30, timeWindow: '1 minute' },
    },
    schema: {
      tags: ['auth'],
      summary: '动态口令验证 / verify one-time code',
      body: ZTotpRequest,
      response: { 200: ZSession, ...errorResponses, 429: ZErrorBody },
    },
    handler: async (req, reply) => {
      if (!req.principal || !req.session) throw new AppError('UNAUTHENTICATED');
      const { id, state } = await verifyTotp(deps, {
        principal: req.principal,
        session: req.session,
        code: req.body.code,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? '',
      });
      setSessionCookie(reply, deps, id);
      return presentSession(deps.db, req.principal, state);
    },
  });

  r.post('/api/me/password', {
    config: {
      rule: {
        access: 'authenticated',
        scope: 'self',
        audit: 'user.password_change',
        allowPasswordChangePending: true,
        sessionOnly: true,
      },
      rateLimit: { max: 10, timeWindow: '1 minute' },
    },
    schema: {
      tags: ['auth'],
      summary:
        '修改本人密码（结束其他会话，当前会话换发新标识） / change own password; other sessions end, this one rotates',
      body: ZChangePasswordRequest.strict(),
      response: { 200: ZSession, ...errorResponses, 429: ZErrorBody },
    },
    handler: async (req, reply) => {
      if (!req.principal || !req.session) throw new AppError('UNAUTHENTICATED');
      const { id, state } = await changeOwnPassword(deps, {
        ...req.body,
        principal: req.principal,
        session: req.session,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? '',
      });
      setSessionCookie(reply, deps, id);
      return presentSession(deps.db, req.principal, state);
    },
  });
}
