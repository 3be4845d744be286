import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses } from '../../../../contracts/common.ts';
import { ZAuditActionNames, ZAuditPage, ZAuditVerifyResult, ZListAuditQuery } from '../../../../contracts/audit.ts';
import { scopeRoots } from '../access/scope.ts';
import type { Deps } from '../deps.ts';
import { callerOf } from '../http/caller.ts';
import { registerAuditExportRoutes } from './audit.export.ts';
import { listAuditPage } from './audit.repository.ts';
import { verifyAuditChain } from './audit.ts';
import { auditActionNames, auditTargetKinds } from '../modules/installed.ts';
import { describeTargets } from './audit-targets.ts';

/** Audit log search, export and chain verification for the audit administrator. */
export function registerAuditModule(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  registerAuditExportRoutes(app, deps);

  r.get('/api/audit/action-names', {
    config: { rule: { access: 'audit:read', scope: 'public-data', audit: 'none' } },
    schema: {
      tags: ['audit'],
      summary: '审计动作名称（模块声明） / audit action names declared by the modules',
      response: { 200: ZAuditActionNames, ...errorResponses },
    },
    handler: () => ({ items: auditActionNames() }),
  });

  r.get('/api/audit', {
    config: { rule: { access: 'audit:read', scope: 'division-subtree', audit: 'none' } },
    schema: {
      tags: ['audit'],
      summary: '审计日志 / audit log',
      querystring: ZListAuditQuery,
      response: { 200: ZAuditPage, ...errorResponses },
    },
    handler: async (req) => {
      const q = req.query;
      const { rows, total } = await listAuditPage(deps.db, scopeRoots(callerOf(req).principal, 'audit:read'), q);
      const targets = await describeTargets(deps.db, auditTargetKinds(), rows);
      return {
        items: rows.map((row, i) => ({
          seq: row.seq,
          at: row.at,
          actorUserId: row.actor_user_id,
          actorUsername: row.actor_username,
          action: row.action,
          targetType: row.target_type,
          targetId: row.target_id,
          target: targets[i] ?? null,
          divisionCode: row.division_code,
          result: row.result,
          ip: row.ip,
          details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : null,
        })),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  });

  r.get('/api/audit/verify', {
    config: { rule: { access: 'audit:verify', scope: 'none', audit: 'none' } },
    schema: {
      tags: ['audit'],
      summary: '校验审计链 / verify the audit chain',
      response: { 200: ZAuditVerifyResult, ...errorResponses },
    },
    handler: () => verifyAuditChain(deps.db, deps.config.auditKey),
  });
}
