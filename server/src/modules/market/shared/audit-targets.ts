/**
 * The market's readable audit targets: achievements, demands and projects by title, contracts by registration number
 * and title, deals and 创业技术库 requests by the achievement they concern (a request's visitor name and phone are
 * personal data and never shown here).
 */
import { defineAuditTarget, namesById } from '../../../platform/audit/audit-targets.ts';

export const MARKET_AUDIT_TARGETS = [
  defineAuditTarget({
    type: 'mkt_achievement',
    zh: '技术成果',
    en: 'Achievement',
    names: async (db, ids) =>
      namesById(
        await db.selectFrom('mkt_achievement').select(['id', 'title']).where('id', 'in', ids).execute(),
        (r) => r.title,
      ),
  }),
  defineAuditTarget({
    type: 'mkt_demand',
    zh: '技术需求',
    en: 'Demand',
    names: async (db, ids) =>
      namesById(
        await db.selectFrom('mkt_demand').select(['id', 'title']).where('id', 'in', ids).execute(),
        (r) => r.title,
      ),
  }),
  defineAuditTarget({
    type: 'mkt_deal',
    zh: '交易洽谈',
    en: 'Deal',
    names: async (db, ids) =>
      namesById(
        await db
          .selectFrom('mkt_deal')
          .innerJoin('mkt_achievement', 'mkt_achievement.id', 'mkt_deal.achievement_id')
          .select(['mkt_deal.id as id', 'mkt_achievement.title as title'])
          .where('mkt_deal.id', 'in', ids)
          .execute(),
        (r) => `${r.title}（第 ${r.id} 号洽谈）`,
      ),
  }),
  defineAuditTarget({
    type: 'mkt_startup_request',
    zh: '创业技术咨询',
    en: 'Start-up technology request',
    names: async (db, ids) =>
      namesById(
        await db
          .selectFrom('mkt_startup_request')
          .innerJoin('mkt_achievement', 'mkt_achievement.id', 'mkt_startup_request.achievement_id')
          .select(['mkt_startup_request.id as id', 'mkt_achievement.title as title'])
          .where('mkt_startup_request.id', 'in', ids)
          .execute(),
        (r) => `关于“${r.title}”的咨询`,
      ),
  }),
  defineAuditTarget({
    type: 'tech_contract',
    zh: '技术合同',
    en: 'Technology contract',
    names: async (db, ids) =>
      namesById(
        await db
          .selectFrom('mkt_tech_contract')
          .select(['id', 'registration_no', 'title'])
          .where('id', 'in', ids)
          .execute(),
        (r) => `${r.registration_no} ${r.title}`,
      ),
  }),
  defineAuditTarget({
    type: 'transfer_project',
    zh: '转化项目',
    en: 'Transfer project',
    names: async (db, ids) =>
      namesById(
        await db.selectFrom('mkt_transfer_project').select(['id', 'title']).where('id', 'in', ids).execute(),
        (r) => r.title,
      ),
  }),
];
