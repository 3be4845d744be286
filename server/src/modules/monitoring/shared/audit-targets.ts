/**
 * The audit log's readable monitoring records: a framework by its name and version, a run by its number and title,
 * a form (填报表) by its county and period, an attachment by its file name and form.
 */
import { defineAuditTarget, namesById } from '../../../platform/audit/audit-targets.ts';

export const MONITORING_AUDIT_TARGETS = [
  defineAuditTarget({
    type: 'mon_framework',
    zh: '指标体系',
    en: 'Framework',
    names: async (db, ids) =>
      namesById(
        await db.selectFrom('mon_framework').select(['id', 'name_zh', 'version']).where('id', 'in', ids).execute(),
        (r) => `${r.name_zh}（第${r.version}版）`,
      ),
  }),
  defineAuditTarget({
    type: 'mon_run',
    zh: '测算',
    en: 'Index run',
    names: async (db, ids) =>
      namesById(
        await db.selectFrom('mon_run').select(['id', 'title', 'period']).where('id', 'in', ids).execute(),
        (r) => `第${r.id}号测算（${r.title || `${r.period}年度`}）`,
      ),
  }),
  defineAuditTarget({
    type: 'mon_submission',
    zh: '填报表',
    en: 'Form',
    names: async (db, ids) =>
      namesById(
        await db
          .selectFrom('mon_submission as s')
          .innerJoin('division as d', 'd.code', 's.division_code')
          .select(['s.id', 's.period', 'd.name as county'])
          .where('s.id', 'in', ids)
          .execute(),
        (r) => `${r.county} ${r.period}年度`,
      ),
  }),
  defineAuditTarget({
    type: 'mon_attachment',
    zh: '佐证材料',
    en: 'Attachment',
    names: async (db, ids) =>
      namesById(
        await db
          .selectFrom('mon_attachment as a')
          .innerJoin('mon_submission as s', 's.id', 'a.submission_id')
          .innerJoin('division as d', 'd.code', 's.division_code')
          .select(['a.id', 'a.file_name', 's.period', 'd.name as county'])
          .where('a.id', 'in', ids)
          .execute(),
        (r) => `${r.file_name}（${r.county} ${r.period}年度）`,
      ),
  }),
];
