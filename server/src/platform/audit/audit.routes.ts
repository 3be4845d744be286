import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { errorResponses } from '../../../../contracts/common.ts';
import { ZAuditPage, ZAuditVerifyResult, ZListAuditQuery } from '../../../../contracts/audit.ts';
import { scopeFilter, scopeRoots } from '../access/scope.ts';
import type { Deps } from '../deps.ts';
import { callerOf } from '../http/caller.ts';
import { fetchPage } from '../http/paging.ts';
import { verifyAuditChain } from './audit.ts';

/** Audit log search and chain verification for the audit administrator. */
export function registerAuditModule(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

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
      const roots = scopeRoots(callerOf(req).principal, 'audit:read');
      // Rows without a division (failed logins of unknown names, system events) belong to region-level auditors.
      const provinceRoots = await deps.db
        .selectFrom('division')
        .select('code')
        .where('code', 'in', roots.length ? roots : [''])
        .where('level', '=', 'province')
        .execute();
      let base = deps.db
        .selectFrom('audit_log')
        .where((eb) =>
          provinceRoots.length > 0
            ? eb.or([scopeFilter('audit_log.division_code', roots), eb('audit_log.division_code', 'is', null)])
            : scopeFilter('audit_log.division_code', roots),
        );
      if (q.actor) base = base.where('audit_log.actor_username', '=', q.actor.toLowerCase());
      if (q.action) base = base.where('audit_log.action', '=', q.action);
      if (q.division) base = base.where(scopeFilter('audit_log.division_code', [q.division]));
      if (q.from) base = base.where('audit_log.at', '>=', q.from);
      if (q.to) base = base.where('audit_log.at', '<', sql<string>`${q.to + 'T23:59:59.999Z'}`);
      const { rows, total } = await fetchPage(base, (qb) => qb.selectAll().orderBy('audit_log.seq', 'desc'), q);
      return {
        items: rows.map((row) => ({
          seq: row.seq,
          at: row.at,
          actorUserId: row.actor_user_id,
          actorUsername: row.actor_username,
          action: row.action,
          targetType: row.target_type,
          targetId: row.target_id,
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
