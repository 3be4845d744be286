/**
 * 统计年鉴批量导入: a region-level CSV of many counties x indicators x years (旗县代码,指标代码,年份,数值,来源,备注).
 *
 * Two phases so that memory stays bounded and the write lock is held only while writing: (1) the body is decoded and
 * parsed as it streams in, every row validated against the framework, the caller's counties, the county-year's
 * workflow state and the rows before it, and kept in compact typed arrays (about 20 bytes a row plus interned
 * source/note text); (2) if no row failed, everything is written in one transaction in batches (multi-row inserts
 * for new cells, a revision and an update for each changed one, the county-years' submissions), with one audit row.
 * Any invalid row: nothing is written and the report lists the rows (the first 1,000). Phase 1 is
 * values.bulk-parse.ts, phase 2 values.bulk-write.ts; this file runs them and records the county-years.
 */
import type { BulkImportReport } from '../../../../../contracts/monitoring.ts';
import { scopeRoots } from '../../../platform/access/scope.ts';
import { writeAudit } from '../../../platform/audit/audit.ts';
import { iso } from '../../../platform/clock.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import type { Caller, Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors/errors.ts';
import { indicatorsOf } from '../frameworks/frameworks.repository.ts';
import { listCounties } from '../shared/counties.repository.ts';
import { currentFramework } from './collection.service.ts';
import * as submissions from './submissions.repository.ts';
import * as values from './values.repository.ts';
import { BULK_LIMITS, parseBulk } from './values.bulk-parse.ts';
import { writeBulk } from './values.bulk-write.ts';

type SubmissionState = Awaited<ReturnType<typeof submissions.listSubmissionStates>>[number];

/**
 * The submissions of the county-years a load wrote: created where missing (draft, or approved when asked); with
 * `approve` every one is approved with one `approve` event each, else those that existed are touched. Returns how
 * many were approved.
 */
async function recordCountyYears(
  trx: DbOrTrx,
  written: ReadonlySet<string>,
  before: ReadonlyMap<string, SubmissionState>,
  ctx: { frameworkCode: string; approve: boolean; fileName: string; userId: number; now: string },
): Promise<number> {
  const { frameworkCode, approve, now } = ctx;
  const missing = [...written]
    .filter((p) => !before.has(p))
    .map((p) => {
      const [county, period] = p.split(':') as [string, string];
      return { county, period: Number(period) };
    });
  await submissions.insertSubmissions(trx, frameworkCode, missing, { approved: approve, now });
  if (!approve) {
    // Existing county-years touched: their updated_at moves.
    const touched = [...written].map((p) => before.get(p)?.id).filter((id): id is number => id !== undefined);
    await submissions.touchSubmissions(trx, touched, now);
    return 0;
  }
  const events: submissions.NewEvent[] = [];
  for (const s of await submissions.listSubmissionStates(trx, frameworkCode)) {
    const pair = `${s.division_code}:${s.period}`;
    if (!written.has(pair)) continue;
    if (s.status !== 'approved') await submissions.approveSubmission(trx, s.id, now);
    events.push({
      submissionId: s.id,
      action: 'approve',
      from: before.get(pair)?.status ?? 'draft',
      to: 'approved',
      comment: `统计年鉴批量导入并审定（${ctx.fileName}）`,
      actorId: ctx.userId,
      at: now,
    });
  }
  await submissions.insertEvents(trx, events);
  return events.length;
}

/**
 * POST /api/monitoring/values/import.csv: validates the whole stream, then writes all rows or none. With `approve`
 * the county-years loaded are approved (locked) in the same transaction, one `approve` event each.
 */
export async function importBulkCsv(
  deps: Deps,
  caller: Caller,
  body: AsyncIterable<Uint8Array>,
  opts: { fileName: string; approve: boolean; maxBytes?: number },
): Promise<BulkImportReport> {
  const framework = await currentFramework(deps.db);
  const roots = scopeRoots(caller.principal, 'monitoring:manage');
  if (roots.length === 0) throw new AppError('FORBIDDEN');
  const counties = (await listCounties(deps.db, roots)).map((c) => c.code);
  const indicators = indicatorsOf(framework);
  const states = await submissions.listSubmissionStates(deps.db, framework.code);
  const subByPair = new Map(states.map((s) => [`${s.division_code}:${s.period}`, s]));
  const parsed = await parseBulk(body, {
    counties,
    indicators,
    statusOf: (county, year) => subByPair.get(`${county}:${year}`)?.status,
    maxBytes: opts.maxBytes ?? BULK_LIMITS.maxBytes,
  });
  const report = {
    fileName: opts.fileName,
    encoding: parsed.encoding,
    rowCount: parsed.rowCount,
    errorCount: parsed.errorCount,
    errors: parsed.errors.sort((a, b) => a.row - b.row),
    errorsTruncated: parsed.errorCount > parsed.errors.length,
  };
  if (parsed.errorCount > 0)
    return { ...report, status: 'failed', inserted: 0, updated: 0, unchanged: 0, countyYears: 0, approved: 0 };

  const existingPairs = await values.listValueCountyYears(deps.db, framework.code);
  const now = iso(deps.clock.now());
  const userId = caller.principal.userId;
  const result = await deps.db.transaction().execute(async (trx) => {
    const written = await writeBulk(trx, deps.engine, parsed, {
      frameworkCode: framework.code,
      counties,
      indicators,
      userId,
      now,
      existingPairs,
    });
    const approved = await recordCountyYears(trx, written.pairs, subByPair, {
      frameworkCode: framework.code,
      approve: opts.approve,
      fileName: opts.fileName,
      userId,
      now,
    });
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'monitoring.values.bulk_import',
      targetType: 'mon_framework',
      targetId: framework.id,
      divisionCode: caller.principal.divisionCode,
      details: {
        framework: framework.code,
        fileName: opts.fileName,
        rows: parsed.rowCount,
        inserted: written.inserted,
        updated: written.updated,
        unchanged: written.unchanged,
        countyYears: written.pairs.size,
        approve: opts.approve,
      },
    });
    return { ...written, approved };
  });
  return {
    ...report,
    status: 'saved',
    inserted: result.inserted,
    updated: result.updated,
    unchanged: result.unchanged,
    countyYears: result.pairs.size,
    approved: result.approved,
  };
}
