/** The audit log's readable accounts: 姓名（用户名）, as the staff account pages show them (no phone, no ID number). */
import { defineAuditTarget, namesById } from '../../platform/audit/audit-targets.ts';

export const USER_AUDIT_TARGETS = [
  defineAuditTarget({
    type: 'user',
    zh: '账户',
    en: 'Account',
    names: async (db, ids) =>
      namesById(
        await db.selectFrom('app_user').select(['id', 'username', 'display_name']).where('id', 'in', ids).execute(),
        (r) => (r.display_name && r.display_name !== r.username ? `${r.display_name}（${r.username}）` : r.username),
      ),
  }),
];
