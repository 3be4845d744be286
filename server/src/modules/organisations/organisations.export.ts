/** GET /api/organisations/export.xlsx|.csv: the list with the list's filters and scope, audited with the row count. */
import type { FastifyInstance } from 'fastify';
import { registerExportRoutes } from '../../platform/spreadsheets/export-routes.ts';
import type { z } from 'zod';
import { ZListOrganisationsQuery } from '../../../../contracts/organisations.ts';
import { scopeRoots } from '../../platform/access/scope.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { Caller, Deps } from '../../platform/deps.ts';
import { keysetPages, writeExport, type ExportFormat } from '../../platform/spreadsheets/export.ts';
import { listOrganisationsForExport } from './organisations.repository.ts';
import { organisationExportColumns } from './organisations.sheet.ts';

/** Most rows one export carries. */
export const EXPORT_CAP = 100_000;

const ZExportQuery = ZListOrganisationsQuery.omit({ page: true, pageSize: true });

/** Builds the export file of the organisations the caller may read, and audits it. */
export async function exportOrganisations(
  deps: Deps,
  caller: Caller,
  format: ExportFormat,
  query: z.infer<typeof ZExportQuery>,
): Promise<{ buffer: Buffer; count: number }> {
  const filter = { roots: scopeRoots(caller.principal, 'org:read'), ...query };
  const out = await writeExport(format, {
    sheetName: '单位',
    columns: organisationExportColumns,
    rows: keysetPages(
      (after, limit) => listOrganisationsForExport(deps.db, deps.engine, filter, after, limit),
      EXPORT_CAP,
    ),
  });
  await deps.db.transaction().execute((trx) =>
    writeAudit(trx, deps.audit, caller.actor, {
      action: 'organisation.export',
      targetType: 'organisation',
      divisionCode: caller.principal.divisionCode,
      details: { format, filter: query, rows: out.count },
    }),
  );
  return out;
}

export function registerOrganisationExportRoutes(app: FastifyInstance, deps: Deps): void {
  registerExportRoutes(app, {
    path: '/api/organisations/export',
    rule: { access: 'org:read', scope: 'division-subtree', audit: 'organisation.export' },
    tags: ['organisations'],
    summary: (format) => `导出单位列表（${format}） / export organisations`,
    querystring: ZExportQuery,
    fileName: { zh: '单位列表', ascii: 'organisations' },
    build: (caller, format, query) => exportOrganisations(deps, caller, format, query),
  });
}
