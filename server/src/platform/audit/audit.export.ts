/**
 * GET /api/audit/export.xlsx|.csv: the audit rows of GET /api/audit (same scope, same filters), newest first, for the
 * audit administrator. An export is all or nothing: above the cap it is refused with the number of matching rows (a
 * silently truncated audit export would mislead), and rows are read up to the newest one counted, so rows written
 * meanwhile (this export's own audit row included) never shift the batches. Refusals are audited too.
 */
import type { FastifyInstance } from 'fastify';
import { registerExportRoutes } from '../spreadsheets/export-routes.ts';
import { ZAuditExportQuery } from '../../../../contracts/audit.ts';
import { scopeRoots } from '../access/scope.ts';
import type { Caller, Deps } from '../deps.ts';
import { AppError } from '../errors/errors.ts';
import { keysetPages, writeExport, type ExportColumn, type ExportFormat } from '../spreadsheets/export.ts';
import { openAuditExport, type AuditFilter } from './audit.repository.ts';
import { writeAudit } from './audit.ts';
import { describeTargets, type AuditTargetView } from './audit-targets.ts';
import { auditTargetKinds } from '../modules/installed.ts';

export const AUDIT_EXPORT_CAP = 100_000;

interface ExportRow {
  id: number;
  at: string;
  actorUserId: number | null;
  actorUsername: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  target: string | null;
  divisionCode: string | null;
  result: string;
  ip: string | null;
  details: string | null;
}

/** 账户 张三（zhangsan）; the kind alone when the record has no name or is gone. */
function targetText(t: AuditTargetView | null): string | null {
  if (!t) return null;
  return t.name ? `${t.kindZh} ${t.name}` : t.kindZh;
}

const RESULT_LABELS: Record<string, string> = { success: '成功', failure: '失败', denied: '拒绝' };

export const auditExportColumns: ExportColumn<ExportRow>[] = [
  { header: '序号', width: 10, value: (r) => r.id },
  { header: '时间（UTC）', width: 26, value: (r) => r.at },
  { header: '操作人', value: (r) => r.actorUsername },
  { header: '操作人编号', width: 10, value: (r) => r.actorUserId },
  { header: '操作', width: 24, value: (r) => r.action },
  { header: '对象类型', value: (r) => r.targetType },
  { header: '对象编号', width: 12, value: (r) => r.targetId },
  { header: '对象', width: 30, value: (r) => r.target },
  { header: '行政区划代码', value: (r) => r.divisionCode },
  { header: '结果', width: 8, value: (r) => RESULT_LABELS[r.result] ?? r.result },
  { header: 'IP 地址', value: (r) => r.ip },
  { header: '详情', width: 60, value: (r) => r.details },
];

/** Builds the export of the audit rows the caller may read, and audits it; refuses above `cap` rows. */
export async function exportAudit(
  deps: Deps,
  caller: Caller,
  format: ExportFormat,
  query: AuditFilter,
  opts: { cap?: number } = {},
): Promise<{ buffer: Buffer; count: number }> {
  const cap = opts.cap ?? AUDIT_EXPORT_CAP;
  const { total, readBatch } = await openAuditExport(deps.db, scopeRoots(caller.principal, 'audit:read'), query);
  const audit = (result: 'success' | 'failure', details: Record<string, unknown>) =>
    deps.db.transaction().execute((trx) =>
      writeAudit(trx, deps.audit, caller.actor, {
        action: 'audit.export',
        result,
        targetType: 'audit_log',
        divisionCode: caller.principal.divisionCode,
        details: { format, filter: query, ...details },
      }),
    );
  if (total > cap) {
    await audit('failure', { reason: 'over-cap', matching: total, cap });
    const zh = `符合条件的审计记录共 ${total} 条，超过单次导出上限 ${cap} 条；请缩小时间范围或增加筛选条件后重试`;
    const en = `${total} audit rows match, more than the ${cap} one export may hold; narrow the dates or filters`;
    throw new AppError('EXPORT_TOO_LARGE', { zh, en, details: [{ path: 'query', message: zh, messageEn: en }] });
  }
  const out = await writeExport(format, {
    sheetName: '审计日志',
    columns: auditExportColumns,
    rows: keysetPages(async (after, limit) => {
      const rows = await readBatch(after, limit);
      const targets = await describeTargets(deps.db, auditTargetKinds(), rows);
      return rows.map((r, i): ExportRow => ({
        id: r.seq,
        at: r.at,
        actorUserId: r.actor_user_id,
        actorUsername: r.actor_username,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        target: targetText(targets[i] ?? null),
        divisionCode: r.division_code,
        result: r.result,
        ip: r.ip,
        details: r.details,
      }));
    }, cap),
  });
  await audit('success', { rows: out.count });
  return out;
}

export function registerAuditExportRoutes(app: FastifyInstance, deps: Deps): void {
  registerExportRoutes(app, {
    path: '/api/audit/export',
    rule: { access: 'audit:read', scope: 'division-subtree', audit: 'audit.export' },
    tags: ['audit'],
    summary: (format) =>
      `导出审计日志（${format}，筛选条件同列表，上限 ${AUDIT_EXPORT_CAP} 条） / export the audit log`,
    querystring: ZAuditExportQuery,
    fileName: { zh: '审计日志', ascii: 'audit-log' },
    build: (caller, format, query) => exportAudit(deps, caller, format, query),
  });
}
