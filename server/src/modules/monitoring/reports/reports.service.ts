/**
 * Monitoring reports as background jobs: POST /api/monitoring/runs/:id/reports checks the run and the kind, then
 * enqueues `monitoring.report`; the job loads the result (and the county's diagnosis), draws the charts with
 * progress, renders docx or PDF and keeps the file for its owner.
 */
import type { z } from 'zod';
import type { Job, ZCreateReportRequest } from '../../../../../contracts/monitoring.ts';
import { scopeRoots, isWithinScope } from '../../../platform/access/scope.ts';
import type { Caller, Deps } from '../../../platform/deps.ts';
import {
  DOCUMENT_CONTENT_TYPES,
  renderChartPng,
  renderDocument,
  type DocumentFormat,
  type ReportDocument,
} from '../../../platform/documents/index.ts';
import { AppError } from '../../../platform/errors/errors.ts';
import { defineJobKind, enqueueJob, presentJob, type JobContext } from '../../../platform/jobs/index.ts';
import { getCountyDiagnosis } from '../diagnosis/diagnosis.service.ts';
import { getRunResult } from '../runs/runs.service.ts';
import { countyReportDocument } from './county-report.ts';
import { regionMap } from './region-map.ts';
import { regionReportDocument } from './region-report.ts';
import { compactDate } from './report-text.ts';
import { DEFAULT_REGION_CODE } from '../../../../../contracts/region.ts';

export const REPORT_AUDIT = 'monitoring.report';

export interface ReportParams {
  runId: number;
  kind: 'region' | 'county';
  division: string | null;
  format: DocumentFormat;
}

const OUT_OF_SCOPE_REGION = {
  zh: '全区报告需要覆盖全区的监测评价权限',
  en: 'The region report needs monitoring access for the whole region',
};

/** Draws every chart of `doc` (cached for the render that follows), reporting progress from `from` to `to` %. */
async function drawCharts(ctx: JobContext, doc: ReportDocument, from: number, to: number): Promise<void> {
  const charts = doc.sections.flatMap((s) => s.blocks.filter((b) => b.kind === 'chart'));
  for (const [i, block] of charts.entries()) {
    await ctx.progress(from + ((to - from) * i) / charts.length, `正在绘制图表（${i + 1}/${charts.length}）`);
    await renderChartPng(block.chart);
  }
}

/** The report's document for the job's caller (the caller's visibility of the run is checked again). */
export async function buildReportDocument(
  ctx: Pick<JobContext, 'deps' | 'caller' | 'progress'>,
  p: ReportParams,
): Promise<{ document: ReportDocument; baseName: string }> {
  const { deps, caller } = ctx;
  await ctx.progress(5, '正在读取测算结果');
  const result = await getRunResult(deps, caller, p.runId);
  const generatedAt = deps.clock.now();
  if (p.kind === 'region') {
    await ctx.progress(10, '正在准备地图');
    const map = await regionMap();
    const document = regionReportDocument(result, { generatedAt, map });
    return { document, baseName: `县域创新能力监测评价报告-${result.run.period}-${compactDate(generatedAt)}` };
  }
  const code = p.division ?? '';
  await ctx.progress(10, '正在诊断（优势短板、目标差距、提升模拟）');
  const diagnosis = await getCountyDiagnosis(deps, caller, p.runId, code, 'type');
  const document = countyReportDocument(result, diagnosis, { generatedAt });
  return {
    document,
    baseName: `县域创新能力诊断报告-${diagnosis.county.name}-${result.run.period}-${compactDate(generatedAt)}`,
  };
}

export const reportJob = defineJobKind<ReportParams>('monitoring.report', {
  permission: 'monitoring:read',
  async run(ctx, p) {
    const { document, baseName } = await buildReportDocument(ctx, p);
    await drawCharts(ctx, document, 30, 80);
    await ctx.progress(85, p.format === 'pdf' ? '正在排版 PDF' : '正在生成 Word 文档');
    const content = await renderDocument(p.format, document);
    return {
      fileName: `${baseName}.${p.format}`,
      mime: DOCUMENT_CONTENT_TYPES[p.format],
      content,
      message: `已生成（${Math.max(1, Math.round(content.length / 1024))} KB）`,
    };
  },
});

/**
 * Checks that the caller may have the report and enqueues it. The run must be visible (`visibleRun`: published, or
 * any run for monitoring:manage over the whole region) and finished (409). A county report is the county's
 * diagnosis as a document, so it follows the diagnosis route: any county of a visible run (published results are
 * public: every monitoring:read user reads every county's diagnosis, the portal shows the rank table). The region
 * report, the region's own document, needs monitoring:read over the whole region. Otherwise 404. Audited with the
 * job.
 */
export async function requestReport(
  deps: Deps,
  caller: Caller,
  runId: number,
  body: z.infer<typeof ZCreateReportRequest>,
): Promise<Job> {
  if (body.kind === 'county' && !body.division)
    throw new AppError('VALIDATION', {
      details: [
        { path: 'body.division', message: '旗县报告需要指定旗县', messageEn: 'a county report needs a division' },
      ],
    });
  const result = await getRunResult(deps, caller, runId);
  let divisionCode: string;
  if (body.kind === 'region') {
    const roots = scopeRoots(caller.principal, 'monitoring:read');
    if (!(await isWithinScope(deps.db, roots, DEFAULT_REGION_CODE)))
      throw new AppError('NOT_FOUND', OUT_OF_SCOPE_REGION);
    divisionCode = DEFAULT_REGION_CODE;
  } else {
    divisionCode = body.division ?? '';
    // the same rule and answer as GET /api/monitoring/runs/:id/counties/:code (diagnosis.ts)
    if (!result.counties.some((c) => c.code === divisionCode))
      throw new AppError('NOT_FOUND', {
        zh: `该测算中没有旗县 ${divisionCode}`,
        en: `No county ${divisionCode} in this run`,
      });
  }
  const params: ReportParams = { runId, kind: body.kind, division: body.division ?? null, format: body.format };
  const row = await enqueueJob(deps, caller, reportJob, params, {
    audit: {
      action: REPORT_AUDIT,
      targetType: 'mon_run',
      targetId: runId,
      divisionCode,
      details: { kind: body.kind, format: body.format, period: result.run.period },
    },
  });
  return presentJob(row);
}
