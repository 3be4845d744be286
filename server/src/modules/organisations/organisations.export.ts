/** GET /api/organisations/export.xlsx|.csv: the list with the list's filters and scope, audited with the row count. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { errorResponses } from '../../../../contracts/common.ts';
import { ZFileDownload } from '../../../../contracts/imports.ts';
import { ZListOrganisationsQuery } from '../../../../contracts/organisations.ts';
import { scopeRoots } from '../../platform/access/scope.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { Caller, Deps } from '../../platform/deps.ts';
import { callerOf } from '../../platform/http/caller.ts';
import {
  CONTENT_TYPES,
  contentDisposition,
  keysetPages,
  writeExport,
  type ExportFormat,
} from '../../platform/spreadsheets/export.ts';
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
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const format of ['xlsx', 'csv'] as const) {
    r.get(`/api/organisations/export.${format}`, {
      config: { rule: { access: 'org:read', scope: 'division-subtree', audit: 'organisation.export' } },
      schema: {
        tags: ['organisations'],
        summary: `导出单位列表（${format}） / export organisations`,
        querystring: ZExportQuery,
        response: { 200: ZFileDownload, ...errorResponses },
      },
      handler: async (req, reply) => {
        const { buffer } = await exportOrganisations(deps, callerOf(req), format, req.query);
        return reply
          .type(CONTENT_TYPES[format])
          .header('content-disposition', contentDisposition(`单位列表.${format}`, `organisations.${format}`))
          .send(buffer);
      },
    });
  }
}
