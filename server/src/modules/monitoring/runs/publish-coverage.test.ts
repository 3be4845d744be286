/**
 * Publishing an incomplete year: the coverage of the run's year (by status and league), the acknowledgement the
 * publication needs when counties are missing, the coverage stored with the publication and its audit row, the
 * missing reasons and the like-for-like rank comparison in the console and portal results.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunCoverage, RunResult, RunSummary } from '../../../../../contracts/monitoring.ts';
import { addUser, createTestApp, signIn, type Agent, type TestApp } from '../../../test/harness.ts';
import { whenJobsIdle } from '../../../platform/jobs/index.ts';
import type { SubmissionStatus } from '../shared/monitoring.tables.ts';
import { insertRunValues } from './runs.test-helper.ts';

/** 呼和浩特市 counties whose 2025 form is not approved, and how far each got. */
const NOT_APPROVED: Record<string, SubmissionStatus | null> = {
  '150102': 'submitted',
  '150103': 'league_approved',
  '150104': 'returned',
  '150105': 'draft',
  '150121': null,
};

describe('publishing with coverage', () => {
  let t: TestApp;
  let region: Agent;

  beforeEach(async () => {
    t = await createTestApp();
    await addUser(t, { username: 'region', role: 'region-officer', division: '150000' });
    region = await signIn(t, 'region');
    await insertRunValues(t.db.db, [2024, 2025]);
    for (const [code, status] of Object.entries(NOT_APPROVED)) {
      const q = t.db.db.updateTable('mon_submission').where('division_code', '=', code).where('period', '=', 2025);
      if (status === null)
        await t.db.db
          .deleteFrom('mon_submission')
          .where('division_code', '=', code)
          .where('period', '=', 2025)
          .execute();
      else await q.set({ status }).execute();
    }
  });
  afterEach(async () => {
    await t.close();
  });

  async function run(period: number): Promise<number> {
    const res = await region.request('POST', '/api/monitoring/runs', { period, mode: 'monitoring', replications: 0 });
    expect(res.statusCode, res.body).toBe(202);
    await whenJobsIdle(t.app.deps);
    const summary = (
      await region.request('GET', `/api/monitoring/runs/${res.json<RunSummary>().id}`)
    ).json<RunSummary>();
    expect(summary.status, summary.error ?? '').toBe('done');
    return summary.id;
  }

  it('states the coverage by league and refuses an incomplete publication without the acknowledgement', async () => {
    const complete = await run(2024);
    const full = (await region.request('GET', `/api/monitoring/runs/${complete}/coverage`)).json<RunCoverage>();
    expect(full).toMatchObject({ total: 103, approved: 103, complete: true, missing: [] });
    // a complete year publishes without a question
    expect((await region.request('POST', `/api/monitoring/runs/${complete}/publish`, {})).statusCode).toBe(200);

    const id = await run(2025);
    const res = await region.request('GET', `/api/monitoring/runs/${id}/coverage`);
    expect(res.statusCode).toBe(200);
    const coverage = res.json<RunCoverage>();
    expect(coverage).toMatchObject({
      period: 2025,
      total: 103,
      approved: 98,
      inReview: 2,
      returned: 1,
      notSubmitted: 2,
      scored: 98,
      complete: false,
    });
    const hohhot = coverage.leagues.find((l) => l.code === '150100');
    expect(hohhot).toMatchObject({ name: '呼和浩特市', inReview: 2, returned: 1, notSubmitted: 2 });
    expect(hohhot!.approved).toBe(hohhot!.total - 5);
    expect(coverage.leagues.reduce((n, l) => n + l.total, 0)).toBe(103);
    expect(Object.fromEntries(coverage.missing.map((m) => [m.code, m.reason]))).toEqual({
      '150102': 'in_review',
      '150103': 'in_review',
      '150104': 'returned',
      '150105': 'not_submitted',
      '150121': 'not_submitted',
    });

    const refused = await region.request('POST', `/api/monitoring/runs/${id}/publish`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('请确认在 5 个旗县缺数据的情况下发布');
    expect(refused.json().error.message).toContain('103 个旗县中 98 个审核通过');
    const summary = (await region.request('GET', `/api/monitoring/runs/${id}`)).json<RunSummary>();
    expect(summary.publishedAt).toBeNull();

    const ok = await region.request('POST', `/api/monitoring/runs/${id}/publish`, { acknowledgeIncomplete: true });
    expect(ok.statusCode, ok.body).toBe(200);
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'monitoring.run.publish')
      .where('target_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details ?? '{}').coverage).toMatchObject({
      total: 103,
      approved: 98,
      acknowledgedIncomplete: true,
      missing: expect.arrayContaining(['150104:returned', '150121:not_submitted']),
    });

    // the coverage as published stays with the results when a form is approved later
    await t.db.db
      .updateTable('mon_submission')
      .set({ status: 'approved' })
      .where('division_code', '=', '150104')
      .where('period', '=', 2025)
      .execute();
    const result = (await region.request('GET', `/api/monitoring/runs/${id}/result`)).json<RunResult>();
    expect(result.coverage?.missing).toHaveLength(5);
    const byCode = new Map(result.counties.map((c) => [c.code, c]));
    expect(byCode.get('150104')).toMatchObject({ score: null, missingReason: 'returned' });
    expect(byCode.get('150121')).toMatchObject({ score: null, missingReason: 'not_submitted' });
    expect(byCode.get('150203')?.missingReason).toBeNull();

    const portal = (await t.app.inject({ method: 'GET', url: '/api/public/monitoring/results' })).json();
    expect(portal.coverage).toMatchObject({ total: 103, approved: 98, complete: false });
    const missing = portal.counties.filter((c: { missingReason: string | null }) => c.missingReason !== null);
    expect(missing.map((c: { code: string }) => c.code).sort()).toEqual(Object.keys(NOT_APPROVED).sort());
  });

  it('compares ranks only over the counties scored in both years and never calls tiers comparable then', async () => {
    const before = await run(2024);
    await region.request('POST', `/api/monitoring/runs/${before}/publish`, {});
    const id = await run(2025);
    const result = (await region.request('GET', `/api/monitoring/runs/${id}/result`)).json<RunResult>();
    expect(result.comparison).toEqual({
      previousRunId: before,
      previousPeriod: 2024,
      common: 98,
      current: 98,
      previous: 103,
      tiersComparable: false,
    });
    const scored = result.counties.filter((c) => c.score !== null);
    for (const c of scored) {
      expect(c.previousScore).not.toBeNull();
      expect(c.rankChange).toBe((c.comparablePreviousRank ?? 0) - (c.comparableRank ?? 0));
    }
    // both years re-ranked among the 98 (ties at the lowest rank)
    for (const c of scored) {
      const better = scored.filter((o) => (o.score ?? 0) > (c.score ?? 0)).length;
      const betterBefore = scored.filter((o) => (o.previousScore ?? 0) > (c.previousScore ?? 0)).length;
      expect([c.comparableRank, c.comparablePreviousRank]).toEqual([better + 1, betterBefore + 1]);
    }
    // the overall ranks would have lifted counties for the five missing ones
    const naive = scored.reduce((n, c) => n + ((c.previousRank ?? 0) - (c.rank ?? 0)), 0);
    expect(naive).toBeGreaterThan(0);
    const unscored = result.counties.filter((c) => c.score === null);
    expect(unscored.every((c) => c.rankChange === null && c.comparableRank === null)).toBe(true);
  });
});
