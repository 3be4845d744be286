/** GET /api/users/export.xlsx|.csv: accounts with the list's filters and scope, personal data masked, audited. */
import type { FastifyInstance } from 'fastify';
import { registerExportRoutes } from '../../platform/spreadsheets/export-routes.ts';
import type { z } from 'zod';
import { ZListUsersQuery } from '../../../../contracts/users.ts';
import { scopeRoots } from '../../platform/access/scope.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { Caller, Deps } from '../../platform/deps.ts';
import { keysetPages, writeExport, type ExportFormat } from '../../platform/spreadsheets/export.ts';
import { presentUser } from './users.presenter.ts';
import { listUsersForExport, rolesOf } from './users.repository.ts';
import { userExportColumns } from './users.sheet.ts';

export const EXPORT_CAP = 100_000;

const ZExportQuery = ZListUsersQuery.omit({ page: true, pageSize: true });

/** Builds the export of the accounts the caller may read (masked), and audits it. */
export async function exportUsers(
  deps: Deps,
  caller: Caller,
  format: ExportFormat,
  query: z.infer<typeof ZExportQuery>,
): Promise<{ buffer: Buffer; count: number }> {
  const filter = { roots: scopeRoots(caller.principal, 'user:read'), ...query };
  const out = await writeExport(format, {
    sheetName: '账户',
    columns: userExportColumns,
    rows: keysetPages(async (after, limit) => {
      const rows = await listUsersForExport(deps.db, deps.engine, filter, after, limit);
      const roles = await rolesOf(
        deps.db,
        rows.map((r) => r.id),
      );
      return rows.map((r) => presentUser(r, roles.get(r.id) ?? [], deps.vault));
    }, EXPORT_CAP),
  });
  await deps.db.transaction().execute((trx) =>
    writeAudit(trx, deps.audit, caller.actor, {
      action: 'user.export',
      targetType: 'user',
      divisionCode: caller.principal.divisionCode,
      details: { format, filter: query, rows: out.count, personalData: 'masked' },
    }),
  );
  return out;
}

export function registerUserExportRoutes(app: FastifyInstance, deps: Deps): void {
  registerExportRoutes(app, {
    path: '/api/users/export',
    rule: { access: 'user:read', scope: 'division-subtree', audit: 'user.export' },
    tags: ['users'],
    summary: (format) => `导出账户列表（${format}，个人信息脱敏） / export accounts, masked`,
    querystring: ZExportQuery,
    fileName: { zh: '账户列表', ascii: 'users' },
    build: (caller, format, query) => exportUsers(deps, caller, format, query),
  });
}
