/** GET /api/reports/region-overview.{docx,pdf}: rendered, audited downloads. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses } from '../../../../contracts/common.ts';
import { REPORT_FORMATS, ZRegionOverviewQuery, ZReportDownload } from '../../../../contracts/reports.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import type { Caller, Deps } from '../../platform/deps.ts';
import { renderDocument, sendDocument, type DocumentFormat } from '../../platform/documents/index.ts';
import { callerOf } from '../../platform/http/caller.ts';
import { buildRegionOverview, compactDate } from './region-overview.ts';

export const REGION_OVERVIEW_AUDIT = 'report.region_overview';

/** Renders the region overview of the requested division and audits the download. */
export async function exportRegionOverview(
  deps: Deps,
  caller: Caller,
  format: DocumentFormat,
  query: { division?: string },
): Promise<{ buffer: Buffer; baseName: string; asciiBaseName: string }> {
  const { document, fact, generatedAt } = await buildRegionOverview(deps, caller, query);
  const buffer = await renderDocument(format, document);
  const code = fact.total.divisionCode;
  await deps.db.transaction().execute((trx) =>
    writeAudit(trx, deps.audit, caller.actor, {
      action: REGION_OVERVIEW_AUDIT,
      targetType: 'division',
      targetId: code,
      divisionCode: code,
      details: { format, level: fact.level, rows: fact.items.length, total: fact.total.value, bytes: buffer.length },
    }),
  );
  const day = compactDate(generatedAt);
  return {
    buffer,
    baseName: `区域概览报告-${fact.total.divisionName}-${day}`,
    asciiBaseName: `region-overview-${code}-${day}`,
  };
}

export function registerReportRoutes(app: FastifyInstance, deps: Deps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const format of REPORT_FORMATS) {
    r.get(`/api/reports/region-overview.${format}`, {
      config: { rule: { access: 'metrics:read', scope: 'division-subtree', audit: REGION_OVERVIEW_AUDIT } },
      schema: {
        tags: ['reports'],
        summary: `区域概览报告（${format}） / region overview report`,
        description:
          '在册单位按下级行政区划和类型的表格与柱状图；division 默认为本人所在行政区划，超出管辖范围答复 404。' +
          ' Organisations per child division and type, as a table and a bar chart.',
        querystring: ZRegionOverviewQuery,
        response: { 200: ZReportDownload, ...errorResponses },
      },
      handler: async (req, reply) => {
        const file = await exportRegionOverview(deps, callerOf(req), format, req.query);
        return sendDocument(reply, { format, ...file });
      },
    });
  }
}
