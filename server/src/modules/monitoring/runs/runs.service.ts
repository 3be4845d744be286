/**
 * Index runs (测算): create (queued, run in the background with progress), list, read the result, publish and
 * unpublish. Results of a published run are public (the portal shows them), so `monitoring:read` sees every county
 * of a published run; unpublished and running runs are visible only to those who may change them: monitoring:manage
 * over the whole region (`managesRegion`, the rule of every run write), others get 404. A run covers all 103
 * counties, so monitoring:manage over a part of the region (a region role granted at a league) sees no more than
 * monitoring:read.
 */
import { assertRegionManager, managesRegion } from '../shared/region-guard.ts';
import type { z } from 'zod';
import type {
  Framework,
  RunCoverage,
  RunResult,
  RunSummary,
  ZCreateRunRequest,
  ZListRunsQuery,
} from '../../../../../contracts/monitoring.ts';
import { writeAudit } from '../../../platform/audit/audit.ts';
import { iso } from '../../../platform/clock.ts';
import type { FastifyBaseLogger } from 'fastify';
import type { Caller, Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors/errors.ts';
import { defineJobKind, scheduleJob } from '../../../platform/jobs/index.ts';
import { notify } from '../../../platform/notifications/notify.ts';
import { loadCurrentFramework, loadFramework } from '../frameworks/frameworks.repository.ts';
import { listRunCounties } from '../shared/counties.repository.ts';
import { liveValues } from '../shared/live.ts';
import { type RunData, isScored, prepareRun } from './run-engine.ts';
import { computeRun } from './run-result.ts';
import { coverageSentence, liveCoverage, runCoverage } from './coverage.ts';
import { viewRun } from './run-view.ts';
import {
  MODE_NAMES,
  type StoredMethod,
  type StoredOptions,
  type StoredResult,
  parseStoredMethod,
  parseStoredResult,
  presentRunSummary,
} from './runs.presenter.ts';
import * as repo from './runs.repository.ts';
import { DEFAULT_REGION_CODE } from '../../../../../contracts/region.ts';
import { activeHoldersOfRoles } from '../../users/index.ts';

type CreateRunBody = z.infer<typeof ZCreateRunRequest>;

/** Stored as the error of runs a previous process left unfinished. */
export const INTERRUPTED_ERROR =
  '服务重启，测算中断，请重新发起 / the server restarted; the run was interrupted, start it again';
const INTERNAL_ERROR =
  '测算失败（内部错误），请联系管理员 / the run failed (internal error); contact the administrator';

async function frameworkFor(deps: Deps, frameworkId: number | undefined): Promise<Framework> {
  if (frameworkId !== undefined) {
    const f = await loadFramework(deps.db, frameworkId);
    if (!f) throw new AppError('NOT_FOUND', { zh: '未找到该指标体系', en: 'No such framework' });
    return f;
  }
  const f = await loadCurrentFramework(deps.db);
  if (!f) throw new AppError('INVALID_STATE', { zh: '没有启用的指标体系', en: 'No framework is active' });
  return f;
}

function defaultTitle(period: number, mode: CreateRunBody['mode'], provisional: boolean, demo: boolean): string {
  return `${period}年度县域创新能力${MODE_NAMES[mode]}测算${provisional ? '（含未审核数据，临时）' : ''}${demo ? '（演示）' : ''}`;
}

/** Inserts a queued run (audited in the same transaction); the caller starts it. */
export async function insertQueuedRun(
  deps: Deps,
  caller: Caller | null,
  body: CreateRunBody,
  opts: { isDemo?: boolean } = {},
): Promise<number> {
  const framework = await frameworkFor(deps, body.frameworkId);
  if (!framework.nodes.some(isScored))
    throw new AppError('INVALID_STATE', {
      zh: '该指标体系没有可计分的数值指标',
      en: 'The framework has no numeric indicator',
    });
  const options: StoredOptions = {
    mode: body.mode,
    weights: body.weights,
    aggregation: body.aggregation,
    replications: body.replications,
    includeUnapproved: body.includeUnapproved,
  };
  const method: StoredMethod = { options };
  // A run over demo values is itself demo: its result carries the 演示数据 marking wherever it is shown.
  const isDemo = opts.isDemo === true || (await repo.readsDemoValues(deps.db, framework.code, body.period));
  const title = body.title || defaultTitle(body.period, body.mode, body.includeUnapproved, isDemo);
  return deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertRun(trx, {
      frameworkId: framework.id,
      period: body.period,
      mode: body.mode,
      title,
      method: JSON.stringify(method),
      provisional: body.includeUnapproved,
      isDemo,
      createdBy: caller?.principal.userId ?? null,
      now: iso(deps.clock.now()),
    });
    await writeAudit(trx, deps.audit, caller?.actor ?? { userId: null, username: 'seed', ip: null }, {
      action: 'monitoring.run.create',
      targetType: 'mon_run',
      targetId: id,
      divisionCode: DEFAULT_REGION_CODE,
      details: { period: body.period, frameworkId: framework.id, ...options },
    });
    return id;
  });
}

/** POST /api/monitoring/runs: queues a run and answers at once (202); progress is polled on the summary. */
export async function createRun(deps: Deps, caller: Caller, body: CreateRunBody): Promise<RunSummary> {
  await assertRegionManager(deps, caller);
  const id = await insertQueuedRun(deps, caller, body);
  scheduleJob(deps, indexRunJob, { runId: id });
  return getRunSummary(deps, caller, id);
}

/** The data a run reads: counties with attributes, values of the period and earlier years. */
export async function loadRunData(
  deps: Deps,
  framework: Framework,
  period: number,
  includeUnapproved: boolean,
): Promise<RunData> {
  const counties = await listRunCounties(deps.db);
  const scored = new Set(framework.nodes.filter(isScored).map((n) => n.code));
  const rows = await repo.readRunValues(deps.db, { frameworkCode: framework.code, upTo: period, includeUnapproved });
  const values: Record<string, Record<string, Record<string, number>>> = {};
  const provisional: Record<string, string[]> = {};
  for (const r of rows) {
    if (!scored.has(r.indicatorCode)) continue;
    const year = (values[String(r.period)] ??= {});
    (year[r.divisionCode] ??= {})[r.indicatorCode] = r.value;
    if (r.period === period && !r.approved) (provisional[r.divisionCode] ??= []).push(r.indicatorCode);
  }
  if (includeUnapproved) {
    // live values of indicators bound to a platform fact (provisional) where nothing was entered
    const year = (values[String(period)] ??= {});
    const live = await liveValues(
      deps.db,
      framework,
      period,
      counties.map((c) => c.code),
    );
    for (const l of live) {
      if (!scored.has(l.indicatorCode)) continue;
      const cells = (year[l.divisionCode] ??= {});
      if (cells[l.indicatorCode] !== undefined) continue;
      cells[l.indicatorCode] = l.value;
      (provisional[l.divisionCode] ??= []).push(l.indicatorCode);
    }
  }
  return { period, counties, values, provisional };
}

function errorText(err: unknown): string {
  if (err instanceof AppError) return `${err.messages?.zh ?? err.message} / ${err.messages?.en ?? err.message}`;
  if (err instanceof Error && /[\u4e00-\u9fff]/.test(err.message)) return err.message.slice(0, 500);
  return INTERNAL_ERROR;
}

/**
 * Executes a queued run: reads the data, runs the method and the statistics, stores method, result and log. A
 * failure is stored on the run (never thrown); an internal one is also logged to `log`.
 */
export async function executeRun(deps: Deps, runId: number, log?: Pick<FastifyBaseLogger, 'error'>): Promise<void> {
  const row = await repo.findRun(deps.db, runId);
  if (!row || row.status !== 'queued') return;
  try {
    await repo.updateRun(deps.db, runId, { status: 'running', progress: 5 });
    const framework = await loadFramework(deps.db, row.framework_id);
    if (!framework) throw new AppError('NOT_FOUND', { zh: '指标体系已不存在', en: 'The framework no longer exists' });
    const stored = parseStoredMethod(row);
    const data = await loadRunData(deps, framework, row.period, stored.options.includeUnapproved);
    const current = data.values[String(row.period)] ?? {};
    if (Object.keys(current).length === 0)
      throw new AppError('INVALID_STATE', {
        zh: stored.options.includeUnapproved
          ? `${row.period} 年度没有任何填报数据`
          : `${row.period} 年度没有已审核的数据`,
        en: stored.options.includeUnapproved ? `No values for ${row.period}` : `No approved values for ${row.period}`,
      });
    await repo.updateRun(deps.db, runId, { progress: 10 });
    const prepared = prepareRun(framework, data, stored.options);
    const computed = await computeRun(framework, data, prepared, (pct) =>
      repo.updateRun(deps.db, runId, { progress: pct }),
    );
    const method: StoredMethod = {
      options: stored.options,
      method: prepared.method,
      uncertainty: prepared.uncertainty,
      standardValues: prepared.standardValues,
      notes: prepared.notes,
      data,
    };
    const result: StoredResult = { framework, counties: computed.counties, statistics: computed.statistics };
    await repo.updateRun(deps.db, runId, {
      status: 'done',
      progress: 100,
      method: JSON.stringify(method),
      result: JSON.stringify(result),
      log: JSON.stringify(computed.log),
      finished_at: iso(deps.clock.now()),
    });
  } catch (err) {
    if (!(err instanceof AppError)) log?.error({ err, runId }, 'index run failed');
    await repo
      .updateRun(deps.db, runId, { status: 'failed', error: errorText(err), finished_at: iso(deps.clock.now()) })
      .catch(() => undefined);
  }
}

/** Fails runs a previous process left queued or running (called once when the app is ready). */
export function failInterruptedRuns(deps: Deps): Promise<number> {
  return repo.failInterruptedRuns(deps.db, INTERRUPTED_ERROR, iso(deps.clock.now()));
}

/**
 * Index runs on platform/jobs, one queue with report jobs: users follow the mon_run row (RunSummary: status,
 * progress, error), so the kind tracks itself there and no `job` row is written; runs a restart interrupted fail
 * at startup with INTERRUPTED_ERROR.
 */
export const indexRunJob = defineJobKind<{ runId: number }, 'self'>('monitoring.run', {
  tracking: 'self',
  run: (ctx, params) => executeRun(ctx.deps, params.runId, ctx.log),
  recover: failInterruptedRuns,
});

/**
 * A run the caller may see: published ones for `monitoring:read` (the route's permission), any for monitoring:manage
 * over the whole region; else 404 (unknown and not yet published answer alike). Every read of a run (summary,
 * result, export, county diagnosis, report job) goes through here.
 */
export async function visibleRun(deps: Deps, caller: Caller, id: number): Promise<repo.RunRowWithFramework> {
  const row = await repo.findRun(deps.db, id);
  if (!row || (row.published_at === null && !(await managesRegion(deps, caller)))) throw new AppError('NOT_FOUND');
  return row;
}

export async function getRunSummary(deps: Deps, caller: Caller, id: number): Promise<RunSummary> {
  return presentRunSummary(await visibleRun(deps, caller, id));
}

export async function listRuns(deps: Deps, caller: Caller, query: z.infer<typeof ZListRunsQuery>) {
  const published = query.published === undefined ? undefined : query.published === 'true';
  const { rows, total } = await repo.listRuns(
    deps.db,
    { period: query.period, published, publishedOnly: !(await managesRegion(deps, caller)) },
    query,
  );
  return { items: rows.map(presentRunSummary), total, page: query.page, pageSize: query.pageSize };
}

export { countiesWithPrevious, previousRun } from './run-view.ts';

/** A finished run's result (409 while it is queued, running or failed). */
export async function loadDoneRun(
  deps: Deps,
  caller: Caller | null,
  id: number,
): Promise<{ row: repo.RunRowWithFramework; stored: StoredResult }> {
  const row = caller ? await visibleRun(deps, caller, id) : await repo.findRun(deps.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  const stored = parseStoredResult(row);
  if (row.status !== 'done' || !stored)
    throw new AppError('INVALID_STATE', { zh: '测算尚未完成或已失败', en: 'The run has not finished or has failed' });
  return { row, stored };
}

export async function getRunResult(deps: Deps, caller: Caller, id: number): Promise<RunResult> {
  const { row, stored } = await loadDoneRun(deps, caller, id);
  const view = await viewRun(deps, row, stored);
  return {
    run: presentRunSummary(row),
    framework: stored.framework,
    counties: view.counties,
    statistics: stored.statistics,
    log: row.log ? (JSON.parse(row.log) as unknown[]) : [],
    comparison: view.comparison,
    coverage: view.coverage,
  };
}

/** GET /api/monitoring/runs/:id/coverage: the coverage of a finished run's year (as published, or live). */
export async function getRunCoverage(deps: Deps, caller: Caller, id: number): Promise<RunCoverage> {
  const { row, stored } = await loadDoneRun(deps, caller, id);
  return runCoverage(deps, row, stored);
}

/** 409 unless every county is approved and scored or the caller acknowledged the missing ones. */
function assertCoverageAcknowledged(coverage: RunCoverage, acknowledged: boolean): void {
  if (coverage.complete || acknowledged) return;
  const n = coverage.missing.length;
  throw new AppError('INVALID_STATE', {
    zh: `${coverageSentence(coverage)}。请确认在 ${n} 个旗县缺数据的情况下发布（acknowledgeIncomplete）`,
    en: `${n} of ${coverage.total} counties have no approved data for ${coverage.period}; confirm publishing without them (acknowledgeIncomplete)`,
  });
}

/**
 * Publishes a finished, non-provisional run (409 otherwise): its results appear on the portal and to every
 * `monitoring:read` user; league and county officers are notified. Audited.
 */
export async function publishRun(
  deps: Deps,
  caller: Caller | null,
  id: number,
  opts: { notify?: boolean; acknowledgeIncomplete?: boolean } = {},
): Promise<RunSummary> {
  // caller null: the demo seed, which publishes its own runs (and knows their coverage).
  if (caller) await assertRegionManager(deps, caller);
  const row = caller ? await visibleRun(deps, caller, id) : await repo.findRun(deps.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (row.status !== 'done')
    throw new AppError('INVALID_STATE', { zh: '只能发布已完成的测算', en: 'Only a finished run can be published' });
  if (row.provisional === 1)
    throw new AppError('INVALID_STATE', {
      zh: '含未审核数据的临时测算不能发布',
      en: 'A provisional run (with unapproved values) cannot be published',
    });
  if (row.published_at !== null)
    throw new AppError('INVALID_STATE', { zh: '该测算已发布', en: 'The run is already published' });
  const stored = parseStoredResult(row);
  if (!stored) throw new AppError('INVALID_STATE', { zh: '测算结果缺失', en: 'The run has no result' });
  const coverage = await liveCoverage(deps, row, stored);
  const acknowledged = opts.acknowledgeIncomplete === true || caller === null;
  assertCoverageAcknowledged(coverage, acknowledged);
  const now = deps.clock.now();
  const recipients =
    opts.notify === false ? [] : await activeHoldersOfRoles(deps.db, ['league-officer', 'county-officer']);
  await deps.db.transaction().execute(async (trx) => {
    await repo.setPublished(trx, id, iso(now), caller?.principal.userId ?? null);
    // the coverage as it stood at publication travels with the result (the portal states it)
    const published = { ...stored, coverage: { ...coverage, asOf: iso(now) } };
    await repo.updateRun(trx, id, { result: JSON.stringify(published) });
    await writeAudit(trx, deps.audit, caller?.actor ?? { userId: null, username: 'seed', ip: null }, {
      action: 'monitoring.run.publish',
      targetType: 'mon_run',
      targetId: id,
      divisionCode: DEFAULT_REGION_CODE,
      details: {
        period: row.period,
        mode: row.mode,
        title: row.title,
        coverage: {
          total: coverage.total,
          approved: coverage.approved,
          inReview: coverage.inReview,
          returned: coverage.returned,
          notSubmitted: coverage.notSubmitted,
          scored: coverage.scored,
          missing: coverage.missing.map((m) => `${m.code}:${m.reason}`),
          acknowledgedIncomplete: !coverage.complete,
        },
      },
    });
    await notify(trx, {
      userIds: recipients,
      kind: 'monitoring.run.published',
      title: {
        zh: `${row.period}年度县域创新能力监测结果已发布`,
        en: `County innovation results ${row.period} published`,
      },
      body: { zh: row.title, en: `${row.period} ${row.mode} run` },
      link: `/console/monitoring/results?run=${id}`,
      at: now,
    });
  });
  return presentRunSummary({ ...row, published_at: iso(now), published_by: caller?.principal.userId ?? null });
}

/** Withdraws a published run (409 when it is not published). Audited. */
export async function unpublishRun(deps: Deps, caller: Caller, id: number): Promise<RunSummary> {
  await assertRegionManager(deps, caller);
  const row = await visibleRun(deps, caller, id);
  if (row.published_at === null)
    throw new AppError('INVALID_STATE', { zh: '该测算尚未发布', en: 'The run is not published' });
  await deps.db.transaction().execute(async (trx) => {
    await repo.setPublished(trx, id, null, null);
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'monitoring.run.unpublish',
      targetType: 'mon_run',
      targetId: id,
      divisionCode: DEFAULT_REGION_CODE,
      details: { period: row.period, mode: row.mode },
    });
  });
  return presentRunSummary({ ...row, published_at: null, published_by: null });
}
