import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZErrorBody, ZIdParams, errorResponses } from '../../../../contracts/common.ts';
import {
  ZCreateUserRequest,
  ZCreatedUser,
  ZListRegistrationsQuery,
  ZListUsersQuery,
  ZPersonalInfo,
  ZRegistrationPage,
  ZRegistrationAccepted,
  ZRegistrationRequest,
  ZRejectRequest,
  ZListRoleRequestsQuery,
  ZPasswordResetInfo,
  ZPasswordResetInspectRequest,
  ZRedeemPasswordResetRequest,
  ZResetPasswordResult,
  ZRoleChangePending,
  ZRoleChangeRequest,
  ZRoleRequest,
  ZRoleRequestDecision,
  ZRoleRequestPage,
  ZUser,
  ZUserPage,
} from '../../../../contracts/users.ts';
import { ZPreferences, ZPreferencesRequest } from '../../../../contracts/auth.ts';
import { callerActor, type Deps } from '../../platform/deps.ts';
import { callerOf } from '../../platform/http/caller.ts';
import { inspectPasswordReset, redeemPasswordReset, resetPassword } from './password-reset.service.ts';
import * as roleChanges from './role-changes.service.ts';
import * as registrations from './registrations.service.ts';
import * as service from './users.service.ts';

const ZDecision = z.object({ id: z.number().int(), status: z.enum(['pending', 'active', 'rejected']) });

export function registerUserRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];

  r.get('/api/me', {
    config: { rule: { access: 'authenticated', scope: 'self', audit: 'none', allowPasswordChangePending: true } },
    schema: { tags, summary: '我的账户 / my account', response: { 200: ZUser, ...errorResponses } },
    handler: (req) => service.getMe(deps, callerOf(req)),
  });

  r.patch('/api/me/preferences', {
    config: {
      rule: {
        access: 'authenticated',
        scope: 'self',
        audit: 'user.preferences_update',
        allowPasswordChangePending: true,
      },
    },
    schema: {
      tags,
      summary: '保存个人偏好（界面语言） / save preferences (interface language)',
      body: ZPreferencesRequest,
      response: { 200: ZPreferences, ...errorResponses },
    },
    handler: (req) => service.updatePreferences(deps, callerOf(req), req.body),
  });

  r.get('/api/users', {
    config: { rule: { access: 'user:read', scope: 'division-subtree', audit: 'none' } },
    schema: {
      tags,
      summary: '账户列表 / list accounts',
      querystring: ZListUsersQuery,
      response: { 200: ZUserPage, ...errorResponses },
    },
    handler: (req) => service.listUsers(deps, callerOf(req), req.query),
  });

  r.get('/api/users/:id', {
    config: { rule: { access: 'user:read', scope: 'division-subtree', audit: 'none' } },
    schema: {
      tags,
      summary: '账户详情（个人信息脱敏） / account, masked',
      params: ZIdParams,
      response: { 200: ZUser, ...errorResponses },
    },
    handler: (req) => service.getUser(deps, callerOf(req), req.params.id),
  });

  r.get('/api/users/:id/personal-info', {
    config: { rule: { access: 'pi:view_full', scope: 'division-subtree', audit: 'pi.view_full' } },
    schema: {
      tags,
      summary: '查看完整个人信息（留痕） / full personal data, audited',
      params: ZIdParams,
      response: { 200: ZPersonalInfo, ...errorResponses },
    },
    handler: (req) => service.viewPersonalInfo(deps, callerOf(req), req.params.id),
  });

  r.post('/api/users', {
    config: { rule: { access: 'user:create', scope: 'division-subtree', audit: 'user.create' } },
    schema: {
      tags,
      summary: '创建账户（不给密码时激活链接只发给本人） / create account (no password: activation link to the holder)',
      body: ZCreateUserRequest,
      response: { 201: ZCreatedUser, ...errorResponses },
    },
    handler: async (req, reply) => reply.status(201).send(await service.createUser(deps, callerOf(req), req.body)),
  });

  for (const [suffix, op] of [
    ['', 'grant'],
    ['/revoke', 'revoke'],
  ] as const) {
    r.post(`/api/users/:id/roles${suffix}`, {
      config: {
        rule: {
          access: 'role:assign',
          scope: 'division-subtree',
          audit: op === 'grant' ? 'user.role_grant' : 'user.role_revoke',
        },
      },
      schema: {
        tags,
        summary:
          op === 'grant'
            ? '授予角色（三员角色须另一名管理员批准，返回 202） / grant role (admin roles: 202, a second admin approves)'
            : '撤销角色（三员角色须另一名管理员批准，返回 202） / revoke role (admin roles: 202, a second admin approves)',
        params: ZIdParams,
        body: ZRoleChangeRequest,
        response: { 200: ZUser, 202: ZRoleChangePending, ...errorResponses },
      },
      handler: async (req, reply) => {
        const fn = op === 'grant' ? roleChanges.assignRole : roleChanges.revokeRole;
        const result = await fn(deps, callerOf(req), req.params.id, req.body);
        return 'pending' in result ? reply.status(202).send(result) : reply.status(200).send(result);
      },
    });
  }

  r.get('/api/role-requests', {
    config: { rule: { access: 'role:approve', scope: 'division-subtree', audit: 'none' } },
    schema: {
      tags,
      summary: '三员角色变更申请（双人规则） / admin-role requests awaiting a second administrator',
      querystring: ZListRoleRequestsQuery,
      response: { 200: ZRoleRequestPage, ...errorResponses },
    },
    handler: (req) => roleChanges.listRoleRequests(deps, callerOf(req), req.query),
  });

  for (const decision of ['approve', 'reject'] as const) {
    r.post(`/api/role-requests/:id/${decision}`, {
      config: { rule: { access: 'role:approve', scope: 'division-subtree', audit: `role_request.${decision}` } },
      schema: {
        tags,
        summary:
          decision === 'approve'
            ? '批准三员角色变更（不能是申请人或账户本人） / approve (not the requester, not the account)'
            : '驳回三员角色变更 / reject',
        params: ZIdParams,
        body: ZRoleRequestDecision,
        response: { 200: ZRoleRequest, ...errorResponses },
      },
      handler: (req) =>
        roleChanges.decideRoleRequest(deps, callerOf(req), req.params.id, decision === 'approve', req.body),
    });
  }

  for (const [action, status] of [
    ['disable', 'disabled'],
    ['enable', 'active'],
  ] as const) {
    r.post(`/api/users/:id/${action}`, {
      config: { rule: { access: 'user:update', scope: 'division-subtree', audit: `user.${action}` } },
      schema: {
        tags,
        summary: action === 'disable' ? '停用账户 / disable' : '启用账户 / enable',
        params: ZIdParams,
        response: { 200: ZUser, ...errorResponses },
      },
      handler: (req) => service.setUserStatus(deps, callerOf(req), req.params.id, status),
    });
  }

  r.post('/api/users/:id/reset-password', {
    config: { rule: { access: 'user:update', scope: 'division-subtree', audit: 'user.password_reset' } },
    schema: {
      tags,
      summary:
        '重置密码：原密码立即失效，一次性链接只发给账户本人（重置人看不到） / reset: a one-time link goes to the holder only',
      params: ZIdParams,
      response: { 200: ZResetPasswordResult, ...errorResponses },
    },
    handler: (req) => resetPassword(deps, callerOf(req), req.params.id),
  });

  r.post('/api/password-reset/inspect', {
    config: {
      rule: { access: 'public', scope: 'none', audit: 'user.password_link_open' },
      rateLimit: { max: 20, timeWindow: '1 minute' },
    },
    schema: {
      tags,
      summary: '一次性链接的信息（账户、有效期、是否需要动态口令） / what a one-time link is for',
      body: ZPasswordResetInspectRequest,
      response: { 200: ZPasswordResetInfo, ...errorResponses, 429: ZErrorBody },
    },
    handler: (req) => inspectPasswordReset(deps, req.ip, req.body.token),
  });

  r.post('/api/password-reset/redeem', {
    config: {
      rule: { access: 'public', scope: 'none', audit: 'user.password_set' },
      rateLimit: { max: 10, timeWindow: '1 minute' },
    },
    schema: {
      tags,
      summary: '账户本人用一次性链接设置新密码 / the holder sets a new password with the one-time link',
      body: ZRedeemPasswordResetRequest,
      response: { 200: z.object({ username: z.string() }), ...errorResponses, 429: ZErrorBody },
    },
    handler: (req) => redeemPasswordReset(deps, req.ip, req.body),
  });

  r.post('/api/registrations', {
    config: {
      rule: { access: 'public', scope: 'none', audit: 'user.create' },
      rateLimit: { max: 10, timeWindow: '1 minute' },
    },
    schema: {
      tags,
      summary: '企业/科研人员/农牧民注册 / self-registration',
      body: ZRegistrationRequest,
      response: { 201: ZRegistrationAccepted, ...errorResponses, 429: ZErrorBody },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await registrations.register(deps, callerActor(null, req.ip), req.body)),
  });

  r.get('/api/registrations', {
    config: { rule: { access: 'registration:approve', scope: 'division-subtree', audit: 'none' } },
    schema: {
      tags,
      summary: '注册审核列表 / registrations to review',
      querystring: ZListRegistrationsQuery,
      response: { 200: ZRegistrationPage, ...errorResponses },
    },
    handler: (req) => registrations.listRegistrations(deps, callerOf(req), req.query),
  });

  r.post('/api/registrations/:id/approve', {
    config: { rule: { access: 'registration:approve', scope: 'division-subtree', audit: 'registration.approve' } },
    schema: { tags, summary: '通过注册 / approve', params: ZIdParams, response: { 200: ZDecision, ...errorResponses } },
    handler: (req) => registrations.decideRegistration(deps, callerOf(req), req.params.id, { approve: true }),
  });

  r.post('/api/registrations/:id/reject', {
    config: { rule: { access: 'registration:approve', scope: 'division-subtree', audit: 'registration.reject' } },
    schema: {
      tags,
      summary: '驳回注册 / reject',
      params: ZIdParams,
      body: ZRejectRequest,
      response: { 200: ZDecision, ...errorResponses },
    },
    handler: (req) =>
      registrations.decideRegistration(deps, callerOf(req), req.params.id, { approve: false, reason: req.body.reason }),
  });
}
