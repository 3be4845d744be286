/** The audit target kinds the platform itself writes (divisions, notifications, spreadsheet imports, the log). */
import type { ImportJobTable } from '../spreadsheets/imports.repository.ts';
import { defineAuditTarget, namesById, type AuditTargetKind } from './audit-targets.ts';

export const PLATFORM_AUDIT_TARGETS: readonly AuditTargetKind[] = [
  defineAuditTarget({
    type: 'division',
    zh: '行政区划',
    en: 'Division',
    names: async (db, ids) => {
      const rows = await db
        .selectFrom('division')
        .select(['code', 'name'])
        .where(
          'code',
          'in',
          ids.map((id) => String(id)),
        )
        .execute();
      return new Map(rows.map((r) => [Number(r.code), `${r.name}（${r.code}）`]));
    },
  }),
  defineAuditTarget({
    type: 'notification',
    zh: '通知',
    en: 'Notification',
    names: async (db, ids) =>
      namesById(
        await db.selectFrom('notification').select(['id', 'title_zh']).where('id', 'in', ids).execute(),
        (r) => r.title_zh,
      ),
  }),
  defineAuditTarget({
    type: 'import_job',
    zh: '导入任务',
    en: 'Import',
    names: async (db, ids) =>
      namesById(
        await db
          .withTables<{ import_job: ImportJobTable }>()
          .selectFrom('import_job')
          .select(['id', 'file_name'])
          .where('id', 'in', ids)
          .execute(),
        (r) => r.file_name,
      ),
  }),
  defineAuditTarget({ type: 'audit_log', zh: '审计日志', en: 'Audit log' }),
];
