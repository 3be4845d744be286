import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  isCountUnit,
  type CountyDiagnosis,
  type Framework,
  type RunResult,
  type RunSummary,
} from '../../../../../contracts/monitoring.ts';
import { addUser, createTestApp, signIn, type Agent, type TestApp } from '../../../test/harness.ts';
import { recoverInterruptedJobs, whenJobsIdle } from '../../../platform/jobs/index.ts';
import { failInterruptedRuns, INTERRUPTED_ERROR } from './runs.service.ts';
import { insertRunValues } from './runs.test-helper.ts';

describe('index runs', () => {
  let t: TestApp;
  let region: Agent;
  let league: Agent;
  let county: Agent;
  let enterprise: Agent;

  beforeEach(async () => {
    t = await createTestApp();
    await addUser(t, { username: 'region', role: 'region-officer', division: '150000' });
    await addUser(t, { username: 'league', role: 'league-officer', division: '150100' });
    await addUser(t, { username: 'county', role: 'county-officer', division: '150102' });
    await addUser(t, { username: 'ent', role: 'enterprise', division: '150102' });
    region = await signIn(t, 'region');
    league = await signIn(t, 'league');
    county = await signIn(t, 'county');
    enterprise = await signIn(t, 'ent');
  });
  afterEach(async () => {
    await t.close();
  });

  async function run(body: Record<string, unknown>): Promise<RunSummary> {
    const res = await region.request('POST', '/api/monitoring/runs', { replications: 20, ...body });
    expect(res.statusCode, res.body).toBe(202);
    await whenJobsIdle(t.app.deps);
    const summary = await region.request('GET', `/api/monitoring/runs/${res.json<RunSummary>().id}`);
    return summary.json<RunSummary>();
  }

  async function audits(action: string): Promise<number> {
    const rows = await t.db.db.selectFrom('audit_log').select('seq').where('action', '=', action).execute();
    return rows.length;
  }

  it('queues a run, runs it in the background and stores the result with intervals and tiers', async () => {
    await insertRunValues(t.db.db, [2023, 2024]);
    const res = await region.request('POST', '/api/monitoring/runs', {
      period: 2024,
      mode: 'monitoring',
      replications: 20,
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toMatchObject({ status: 'queued', progress: 0, mode: 'monitoring', provisional: false });
    expect(res.json<RunSummary>().title).toContain('2024年度');
    await whenJobsIdle(t.app.deps);
    const done = await region.request('GET', `/api/monitoring/runs/${res.json<RunSummary>().id}`);
    expect(done.json()).toMatchObject({ status: 'done', progress: 100, error: null });
    const result = (
      await region.request('GET', `/api/monitoring/runs/${res.json<RunSummary>().id}/result`)
    ).json<RunResult>();
    expect(result.counties).toHaveLength(103);
    expect(result.framework.code).toBe('county-default');
    const ranks = result.counties.map((c) => c.rank).filter((r) => r !== null);
    expect(Math.min(...(ranks as number[]))).toBe(1);
    for (const c of result.counties) {
      expect(c.score).not.toBeNull();
      expect(c.rankLow).not.toBeNull();
      expect(c.tier).toBeGreaterThanOrEqual(1);
      expect(Object.keys(c.dimensions)).toEqual(['D1', 'D2', 'D3', 'D4', 'D5']);
      expect(c.indicators['D5.5']).toBeUndefined(); // the text indicator is not scored
    }
    expect(Object.values(result.statistics.tierCounts).reduce((a, b) => a + b, 0)).toBe(103);
    expect(result.log.map((l) => (l as { name: string }).name)).toEqual(
      expect.arrayContaining(['Prepare', 'Normalised', 'Aggregated', 'Uncertainty', 'Sensitivity', 'Removal']),
    );
    expect(await audits('monitoring.run.create')).toBe(1);
  });

  it('lets only region-wide managers run, publish or change frameworks (a region role granted at a league is refused)', async () => {
    await insertRunValues(t.db.db, [2023, 2024]);
    await addUser(t, { username: 'partial', role: 'region-officer', division: '150100' });
    const partial = await signIn(t, 'partial');
    const refused = await partial.request('POST', '/api/monitoring/runs', { period: 2024, mode: 'ranking' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('全区');
    const framework = await partial.request('GET', '/api/monitoring/frameworks/active');
    expect(framework.statusCode).toBe(200);
    const copy = await partial.request(
      'POST',
      `/api/monitoring/frameworks/${framework.json<{ id: number }>().id}/versions`,
      {},
    );
    expect(copy.statusCode).toBe(403);
    const done = await run({ period: 2024, mode: 'ranking' });
    expect((await partial.request('POST', `/api/monitoring/runs/${done.id}/publish`, {})).statusCode).toBe(403);
    expect(await t.db.db.selectFrom('mon_framework').select('id').execute()).toHaveLength(1);
    expect((await region.request('POST', `/api/monitoring/runs/${done.id}/publish`, {})).statusCode).toBe(200);
  });

  it('hides unpublished runs from a region role granted at a league: the read rule is the write rule (finding 5)', async () => {
    await insertRunValues(t.db.db, [2024]);
    await addUser(t, { username: 'partial', role: 'region-officer', division: '150100' });
    const partial = await signIn(t, 'partial');
    const r = await run({ period: 2024, mode: 'ranking' });
    expect(r.status).toBe('done');
    const exportsBefore = await audits('monitoring.run.export');
    const reads = [
      `/api/monitoring/runs/${r.id}`,
      `/api/monitoring/runs/${r.id}/result`,
      `/api/monitoring/runs/${r.id}/export.xlsx`,
      `/api/monitoring/runs/${r.id}/counties/150102`, // inside the role's league
      `/api/monitoring/runs/${r.id}/counties/150203`,
    ];
    for (const url of reads) {
      const res = await partial.request('GET', url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('"counties"');
    }
    for (const body of [
      { kind: 'county', division: '150102', format: 'docx' },
      { kind: 'region', format: 'pdf' },
    ]) {
      const res = await partial.request('POST', `/api/monitoring/runs/${r.id}/reports`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(404);
    }
    expect(await t.db.db.selectFrom('job').select('id').execute()).toHaveLength(0);
    expect(await audits('monitoring.run.export')).toBe(exportsBefore);
    expect((await partial.request('GET', '/api/monitoring/runs')).json()).toMatchObject({ items: [], total: 0 });
    expect((await partial.request('GET', '/api/monitoring/runs?published=false')).json().total).toBe(0);
    // the region-wide manager still sees it; once published, the league-scoped role reads it like everyone
    expect((await region.request('GET', `/api/monitoring/runs/${r.id}/result`)).statusCode).toBe(200);
    expect((await region.request('GET', '/api/monitoring/runs?published=false')).json().total).toBe(1);
    expect((await region.request('POST', `/api/monitoring/runs/${r.id}/publish`, {})).statusCode).toBe(200);
    const published = await partial.request('GET', `/api/monitoring/runs/${r.id}/result`);
    expect(published.statusCode).toBe(200);
    expect(published.json<RunResult>().counties).toHaveLength(103);
    expect((await partial.request('GET', '/api/monitoring/runs')).json().total).toBe(1);
    // it still cannot withdraw it (403: a write) and, withdrawn by the region, no longer reads it
    expect((await partial.request('POST', `/api/monitoring/runs/${r.id}/unpublish`, {})).statusCode).toBe(403);
    expect((await region.request('POST', `/api/monitoring/runs/${r.id}/unpublish`, {})).statusCode).toBe(200);
    expect((await partial.request('GET', `/api/monitoring/runs/${r.id}/result`)).statusCode).toBe(404);
  });

  it('marks a run over demo values as demo (演示), and one over real values not', async () => {
    await insertRunValues(t.db.db, [2023, 2024]);
    const real = await run({ period: 2024, mode: 'ranking' });
    expect(real).toMatchObject({ status: 'done', isDemo: false });
    expect(real.title).not.toContain('演示');
    await t.db.db.updateTable('mon_value').set({ is_demo: 1 }).where('period', '=', 2023).execute();
    const demo = await run({ period: 2024, mode: 'ranking' });
    expect(demo).toMatchObject({ status: 'done', isDemo: true });
    expect(demo.title).toContain('（演示）');
    // A run of 2023 alone reads the demo year too; the marking follows what the run reads, up to its period.
    expect((await run({ period: 2023, mode: 'ranking' })).isDemo).toBe(true);
  });

  it('fails a run without approved data with a Chinese message, and rejects bad input with nothing stored', async () => {
    const failed = await run({ period: 2019, mode: 'ranking' });
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('2019 年度没有已审核的数据');
    const bad = await region.request('POST', '/api/monitoring/runs', { period: 2024, mode: 'other' });
    expect(bad.statusCode).toBe(400);
    const n = await t.db.db.selectFrom('mon_run').select('id').execute();
    expect(n).toHaveLength(1);
    expect((await region.request('GET', '/api/monitoring/runs/999/result')).statusCode).toBe(404);
  });

  it('publishes only finished, non-provisional runs, once; unpublishes published ones; all audited', async () => {
    await insertRunValues(t.db.db, [2024]);
    const failed = await run({ period: 2018, mode: 'monitoring' });
    expect((await region.request('POST', `/api/monitoring/runs/${failed.id}/publish`, {})).statusCode).toBe(409);
    const provisional = await run({ period: 2024, mode: 'monitoring', includeUnapproved: true });
    expect(provisional).toMatchObject({ status: 'done', provisional: true });
    const p = await region.request('POST', `/api/monitoring/runs/${provisional.id}/publish`, {});
    expect(p.statusCode).toBe(409);
    expect(p.json().error.message).toContain('临时测算不能发布');
    const ok = await run({ period: 2024, mode: 'ranking' });
    const pub = await region.request('POST', `/api/monitoring/runs/${ok.id}/publish`, {});
    expect(pub.statusCode).toBe(200);
    expect(pub.json<RunSummary>().publishedAt).not.toBeNull();
    expect((await region.request('POST', `/api/monitoring/runs/${ok.id}/publish`, {})).statusCode).toBe(409);
    expect((await league.request('POST', `/api/monitoring/runs/${ok.id}/unpublish`, {})).statusCode).toBe(403);
    expect((await region.request('POST', `/api/monitoring/runs/${ok.id}/unpublish`, {})).statusCode).toBe(200);
    expect((await region.request('POST', `/api/monitoring/runs/${ok.id}/unpublish`, {})).statusCode).toBe(409);
    expect(await audits('monitoring.run.publish')).toBe(1);
    // the league and county officers are told (in-app notifications)
    const told = await t.db.db
      .selectFrom('notification')
      .select('user_id')
      .where('kind', '=', 'monitoring.run.published')
      .execute();
    expect(told).toHaveLength(2);
    expect(await audits('monitoring.run.unpublish')).toBe(1);
  });

  it('shows unpublished runs to managers only; published results to every monitoring:read user', async () => {
    await insertRunValues(t.db.db, [2024]);
    const r = await run({ period: 2024, mode: 'monitoring' });
    for (const a of [league, county]) {
      expect((await a.request('GET', `/api/monitoring/runs/${r.id}`)).statusCode).toBe(404);
      expect((await a.request('GET', `/api/monitoring/runs/${r.id}/result`)).statusCode).toBe(404);
      expect((await a.request('GET', `/api/monitoring/runs/${r.id}/counties/150102`)).statusCode).toBe(404);
      expect((await a.request('GET', `/api/monitoring/runs/${r.id}/export.xlsx`)).statusCode).toBe(404);
      expect((await a.request('GET', '/api/monitoring/runs')).json().items).toHaveLength(0);
      expect((await a.request('POST', '/api/monitoring/runs', { period: 2024, mode: 'ranking' })).statusCode).toBe(403);
    }
    expect((await region.request('GET', '/api/monitoring/runs')).json().items).toHaveLength(1);
    expect((await enterprise.request('GET', '/api/monitoring/runs')).statusCode).toBe(403);
    await region.request('POST', `/api/monitoring/runs/${r.id}/publish`, {});
    for (const a of [league, county]) {
      const res = await a.request('GET', `/api/monitoring/runs/${r.id}/result`);
      expect(res.statusCode).toBe(200);
      // published results are public: every county, not only the caller's own
      expect(res.json<RunResult>().counties).toHaveLength(103);
      expect((await a.request('GET', '/api/monitoring/runs?published=true')).json().total).toBe(1);
    }
    expect((await enterprise.request('GET', `/api/monitoring/runs/${r.id}/result`)).statusCode).toBe(403);
  });

  it('fills the previous published run of the same code and mode one period earlier', async () => {
    await insertRunValues(t.db.db, [2023, 2024]);
    const before = await run({ period: 2023, mode: 'ranking' });
    const other = await run({ period: 2023, mode: 'monitoring' });
    await region.request('POST', `/api/monitoring/runs/${before.id}/publish`, {});
    await region.request('POST', `/api/monitoring/runs/${other.id}/publish`, {});
    const now = await run({ period: 2024, mode: 'ranking' });
    const result = (await region.request('GET', `/api/monitoring/runs/${now.id}/result`)).json<RunResult>();
    const old = (await region.request('GET', `/api/monitoring/runs/${before.id}/result`)).json<RunResult>();
    const c = result.counties.find((x) => x.code === '150105');
    const o = old.counties.find((x) => x.code === '150105');
    expect(c?.previousRank).toBe(o?.rank);
    expect(c?.previousScore).toBe(o?.score);
    expect(c?.previousTier).toBe(o?.tier);
  });

  it('diagnoses a county: trend, strengths and weaknesses among peers, targets, improvements', async () => {
    await insertRunValues(t.db.db, [2022, 2023, 2024]);
    const r23 = await run({ period: 2023, mode: 'monitoring' });
    await region.request('POST', `/api/monitoring/runs/${r23.id}/publish`, {});
    const r = await run({ period: 2024, mode: 'monitoring' });
    await region.request('POST', `/api/monitoring/runs/${r.id}/publish`, {});
    const res = await county.request('GET', `/api/monitoring/runs/${r.id}/counties/150125?peers=league`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json<CountyDiagnosis>();
    expect(d.county.code).toBe('150125');
    expect(d.trend.map((x) => x.period)).toEqual([2023, 2024]);
    expect(d.peerGroup).toBe('league');
    expect(d.peers.every((p) => p.code.startsWith('1501') && p.code !== '150125')).toBe(true);
    // a rural county among Hohhot's districts: below the league mean nearly everywhere
    expect(d.weaknesses.length).toBeGreaterThan(0);
    for (const w of d.weaknesses) expect(w.gap).toBeLessThan(0);
    // among the other counties (县) it has strengths: above their mean
    const byType = (
      await county.request('GET', `/api/monitoring/runs/${r.id}/counties/150125`)
    ).json<CountyDiagnosis>();
    expect(byType.peerGroup).toBe('type');
    expect(byType.strengths.length).toBeGreaterThan(0);
    for (const s of [...byType.strengths, ...d.strengths]) {
      expect(s.gap).toBeCloseTo(s.score - s.peerMean, 1);
      expect(s.gap).toBeGreaterThan(0);
    }
    const rd = d.targets.find((x) => x.indicatorCode === 'D1.1');
    expect(rd).toMatchObject({ year: 2025, target: 1.5, unit: '%' });
    expect(rd?.note).not.toBe('');
    expect(d.improvements.length).toBeGreaterThan(0);
    expect(d.improvements[0]?.scoreGain).toBeGreaterThan(0);
    expect(d.improvements.some((i) => i.step.startsWith('提高 10%') || i.step.startsWith('达到同类中位数'))).toBe(true);
    // count indicators (人, 个, 家 …) are proposed in whole numbers: "25 → 28人", never "25 → 27.5人"
    const active = (await county.request('GET', '/api/monitoring/frameworks/active')).json<Framework>();
    const counted = new Set(active.nodes.filter((n) => isCountUnit(n.spec?.unit)).map((n) => n.code));
    const whole = d.improvements.filter((i) => counted.has(i.indicatorCode));
    expect(whole.length).toBeGreaterThan(0);
    for (const i of whole) expect(i.step, i.step).toMatch(/→ [\d,]+[^\d.,]/);
    const n = (
      await county.request('GET', `/api/monitoring/runs/${r.id}/counties/150102?peers=neighbours`)
    ).json<CountyDiagnosis>();
    // 新城区 borders 回民区, 玉泉区, 赛罕区 (Hohhot), 武川县 and 卓资县 (Ulanqab, another league)
    expect(n.peerGroup).toBe('neighbours');
    expect(n.peers.map((p) => p.code).sort()).toEqual(['150103', '150104', '150105', '150125', '150921']);
    const type = await county.request('GET', `/api/monitoring/runs/${r.id}/counties/150125?peers=type`);
    expect(type.json<CountyDiagnosis>().peers.length).toBeGreaterThan(5);
    expect((await county.request('GET', `/api/monitoring/runs/${r.id}/counties/110101`)).statusCode).toBe(404);
    expect((await county.request('GET', `/api/monitoring/runs/${r.id}/counties/15012`)).statusCode).toBe(400);
  });

  it('exports the rank table as xlsx and audits it', async () => {
    await insertRunValues(t.db.db, [2024]);
    const r = await run({ period: 2024, mode: 'ranking' });
    const res = await region.request('GET', `/api/monitoring/runs/${r.id}/export.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(`run-${r.id}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('排名');
    expect(ws.getRow(2).getCell(1).value).toBe(1);
    expect(ws.rowCount).toBe(104);
    expect(await audits('monitoring.run.export')).toBe(1);
  });

  it('fails runs a previous process left queued or running', async () => {
    const frameworkId = await insertRunValues(t.db.db, [2024]);
    await t.db.db
      .insertInto('mon_run')
      .values({
        framework_id: frameworkId,
        period: 2024,
        mode: 'ranking',
        title: '中断的测算',
        method: '{}',
        status: 'running',
        progress: 40,
        provisional: 0,
        is_demo: 0,
        created_at: new Date().toISOString(),
      })
      .execute();
    expect(await failInterruptedRuns(t.app.deps)).toBe(1);
    const row = await t.db.db.selectFrom('mon_run').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'failed', error: INTERRUPTED_ERROR });
  });

  it('fails interrupted runs through the job runner at startup, with the report jobs (one queue)', async () => {
    const frameworkId = await insertRunValues(t.db.db, [2024]);
    for (const status of ['queued', 'running', 'done'] as const)
      await t.db.db
        .insertInto('mon_run')
        .values({
          framework_id: frameworkId,
          period: 2024,
          mode: 'ranking',
          title: status,
          method: '{}',
          status,
          progress: 0,
          provisional: 0,
          is_demo: 0,
          created_at: new Date().toISOString(),
        })
        .execute();
    await recoverInterruptedJobs(t.app.deps);
    const rows = await t.db.db.selectFrom('mon_run').select(['title', 'status', 'error']).orderBy('id').execute();
    expect(rows).toEqual([
      { title: 'queued', status: 'failed', error: INTERRUPTED_ERROR },
      { title: 'running', status: 'failed', error: INTERRUPTED_ERROR },
      { title: 'done', status: 'done', error: null },
    ]);
  });
});

describe('public published results', () => {
  let t: TestApp;
  let region: Agent;
  beforeEach(async () => {
    t = await createTestApp();
    await addUser(t, { username: 'region', role: 'region-officer', division: '150000' });
    region = await signIn(t, 'region');
  });
  afterEach(async () => {
    await t.close();
  });

  async function run(period: number, mode: string, publish: boolean): Promise<number> {
    const res = await region.request('POST', '/api/monitoring/runs', { period, mode, replications: 10 });
    await whenJobsIdle(t.app.deps);
    const id = res.json<RunSummary>().id;
    if (publish) expect((await region.request('POST', `/api/monitoring/runs/${id}/publish`, {})).statusCode).toBe(200);
    return id;
  }

  it('shows only published runs, the latest of the newest period by default, with rank changes', async () => {
    const empty = await t.app.inject({ method: 'GET', url: '/api/public/monitoring/results' });
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({ run: null, periods: [], counties: [] });
    await insertRunValues(t.db.db, [2023, 2024]);
    const r23 = await run(2023, 'ranking', true);
    const r24 = await run(2024, 'ranking', true);
    const hidden = await run(2024, 'monitoring', false);
    const res = await t.app.inject({ method: 'GET', url: '/api/public/monitoring/results' });
    const body = res.json();
    expect(body.run.id).toBe(r24);
    expect(body.periods).toEqual([2024, 2023]);
    expect(body.counties).toHaveLength(103);
    expect(body.counties[0].rank).toBe(1);
    expect(body.counties.some((c: { rankChange: number | null }) => c.rankChange !== null)).toBe(true);
    expect(res.body).not.toContain('"indicators"');
    const older = await t.app.inject({ method: 'GET', url: '/api/public/monitoring/results?period=2023' });
    expect(older.json().run.id).toBe(r23);
    const mode = await t.app.inject({
      method: 'GET',
      url: '/api/public/monitoring/results?period=2024&mode=monitoring',
    });
    expect(mode.json().run).toBeNull(); // the monitoring-mode run of 2024 is not published
    expect(hidden).toBeGreaterThan(r24);
    const bad = await t.app.inject({ method: 'GET', url: '/api/public/monitoring/results?period=1999' });
    expect(bad.statusCode).toBe(400);

    // Answers are cached by the published runs: a withdrawal and a new publication show at once.
    const latest = async () => (await t.app.inject({ method: 'GET', url: '/api/public/monitoring/results' })).json();
    expect((await latest()).run.id).toBe(r24);
    expect((await region.request('POST', `/api/monitoring/runs/${r24}/unpublish`, {})).statusCode).toBe(200);
    expect((await latest()).run.id).toBe(r23);
    expect((await region.request('POST', `/api/monitoring/runs/${hidden}/publish`, {})).statusCode).toBe(200);
    expect((await latest()).run.id).toBe(hidden);
  });
});
