/** The audit log's readable organisations: their registered names. */
import { defineAuditTarget, namesById } from '../../platform/audit/audit-targets.ts';

export const ORGANISATION_AUDIT_TARGETS = [
  defineAuditTarget({
    type: 'organisation',
    zh: '单位',
    en: 'Organisation',
    names: async (db, ids) =>
      namesById(
        await db.selectFrom('organisation').select(['id', 'name']).where('id', 'in', ids).execute(),
        (r) => r.name,
      ),
  }),
];
