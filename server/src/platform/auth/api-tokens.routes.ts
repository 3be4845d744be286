/**
 * API token routes: one's own tokens (`token:own`, every business role) and the administrators' view of every
 * account's tokens in their scope (`token:manage`: system and security administrators). Creating a token needs a
 * signed-in session (`sessionOnly`): a token never mints another.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ZAdminApiTokenListQuery,
  ZAdminApiTokenPage,
  ZApiToken,
  ZApiTokenListQuery,
  ZApiTokenPage,
  ZCreateApiTokenRequest,
  ZCreatedApiToken,
} from '../../../../contracts/api-tokens.ts';
import { ZIdParams, errorResponses } from '../../../../contracts/common.ts';
import type { Deps } from '../deps.ts';
import { callerOf } from '../http/caller.ts';
import { createApiToken, listApiTokensInScope, listOwnApiTokens, revokeApiToken } from './api-tokens.service.ts';

const tags = ['auth'];

export function registerApiTokenRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/tokens', {
    config: { rule: { access: 'token:own', scope: 'self', audit: 'none' } },
    schema: {
      tags,
      summary: '本人的 API 令牌（不含密钥） / own API tokens (never the secret)',
      querystring: ZApiTokenListQuery,
      response: { 200: ZApiTokenPage, ...errorResponses },
    },
    handler: async (req) => {
      const { page, pageSize, all } = req.query;
      return listOwnApiTokens(deps, { principal: callerOf(req).principal, all: all === '1', page: { page, pageSize } });
    },
  });

  r.post('/api/tokens', {
    config: {
      rule: { access: 'token:own', scope: 'self', audit: 'token.create', sessionOnly: true },
      rateLimit: { max: 20, timeWindow: '1 minute' },
    },
    schema: {
      tags,
      summary: '创建 API 令牌（密钥仅此一次显示） / create an API token (the secret is shown once)',
      body: ZCreateApiTokenRequest,
      response: { 201: ZCreatedApiToken, ...errorResponses },
    },
    handler: async (req, reply) => {
      const caller = callerOf(req);
      const created = await createApiToken(deps, {
        userId: caller.principal.userId,
        name: req.body.name,
        expiresInDays: req.body.expiresInDays,
        createdBy: caller.principal.userId,
        actor: caller.actor,
      });
      void reply.header('cache-control', 'no-store');
      return reply.status(201).send(created);
    },
  });

  r.delete('/api/tokens/:id', {
    config: { rule: { access: 'token:own', scope: 'self', audit: 'token.revoke' } },
    schema: {
      tags,
      summary: '撤销本人的 API 令牌 / revoke an own API token',
      params: ZIdParams,
      response: { 200: ZApiToken, ...errorResponses },
    },
    handler: async (req) => {
      const caller = callerOf(req);
      return revokeApiToken(deps, { id: req.params.id, as: 'own', principal: caller.principal, actor: caller.actor });
    },
  });

  r.get('/api/admin/tokens', {
    config: { rule: { access: 'token:manage', scope: 'division-subtree', audit: 'none' } },
    schema: {
      tags,
      summary: '范围内账户的 API 令牌 / API tokens of the accounts in scope',
      querystring: ZAdminApiTokenListQuery,
      response: { 200: ZAdminApiTokenPage, ...errorResponses },
    },
    handler: async (req) => {
      const { page, pageSize, all, username } = req.query;
      return listApiTokensInScope(deps, {
        principal: callerOf(req).principal,
        username,
        all: all === '1',
        page: { page, pageSize },
      });
    },
  });

  r.delete('/api/admin/tokens/:id', {
    config: { rule: { access: 'token:manage', scope: 'division-subtree', audit: 'token.revoke' } },
    schema: {
      tags,
      summary: '撤销范围内账户的 API 令牌 / revoke an API token of an account in scope',
      params: ZIdParams,
      response: { 200: ZApiToken, ...errorResponses },
    },
    handler: async (req) => {
      const caller = callerOf(req);
      return revokeApiToken(deps, { id: req.params.id, as: 'admin', principal: caller.principal, actor: caller.actor });
    },
  });
}
