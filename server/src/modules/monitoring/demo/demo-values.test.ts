import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.ts';
import { DEMO_RUN_YEARS, seedMonitoringDemo } from './demo-seed.ts';
import { demoStatus2025, generateDemoValues, NOT_STARTED_2025 } from './demo-values.ts';
import { DEFAULT_FRAMEWORK_CODE, loadActiveFramework } from '../frameworks/frameworks.repository.ts';
import { listRunCounties } from '../shared/counties.repository.ts';
import { parseStoredResult } from '../runs/runs.presenter.ts';
import type { Framework } from '../../../../../contracts/monitoring.ts';
import type { CountyInfo } from '../runs/run-engine.ts';

describe('monitoring demo data (演示数据)', () => {
  let t: TestApp;
  let framework: Framework;
  let counties: CountyInfo[];
  let seeded: { values: number; runs: number };

  beforeAll(async () => {
    t = await createTestApp();
    framework = (await loadActiveFramework(t.db.db, DEFAULT_FRAMEWORK_CODE))!;
    counties = await listRunCounties(t.db.db);
    seeded = await seedMonitoringDemo(t.app.deps);
  }, 300_000);
  afterAll(async () => {
    await t.close();
  });

  it('generates the same values every time, and stores exactly them', async () => {
    const a = generateDemoValues(framework, counties);
    const b = generateDemoValues(framework, counties);
    expect([...a.entries()].map(([c, y]) => [c, [...y].map(([k, v]) => [k, [...v]])])).toEqual(
      [...b.entries()].map(([c, y]) => [c, [...y].map(([k, v]) => [k, [...v]])]),
    );
    const rows = await t.db.db
      .selectFrom('mon_value')
      .select(['division_code', 'indicator_code', 'period', 'value', 'is_demo'])
      .execute();
    expect(rows.length).toBe(seeded.values);
    for (const r of rows) {
      expect(r.is_demo).toBe(1);
      expect(Number(r.value)).toBe(a.get(r.division_code)?.get(r.period)?.get(r.indicator_code));
    }
  });

  it('is plausible: ranges, consistency, stronger urban districts, few missing cells', () => {
    const values = generateDemoValues(framework, counties);
    const numeric = framework.nodes.filter((n) => n.kind === 'indicator' && n.spec?.valueType === 'number');
    let cells = 0;
    let missing = 0;
    const rd: number[] = [];
    for (const c of counties) {
      for (const [year, v] of values.get(c.code)!) {
        for (const n of numeric) {
          const x = v.get(n.code);
          if (n.code === 'D5.3') continue; // optional, surveyed for about 60 %
          cells++;
          if (x === undefined) {
            missing++;
            continue;
          }
          expect(x, `${c.code} ${n.code} ${year}`).toBeGreaterThanOrEqual(0);
          if (n.spec?.unit === '%') expect(x).toBeLessThanOrEqual(100);
          if (n.spec?.unit === '家' || n.spec?.unit === '个' || n.spec?.unit === '人')
            expect(Number.isInteger(x)).toBe(true);
        }
        if (v.has('D4.1') && v.has('D4.2')) expect(v.get('D4.2')!).toBeLessThanOrEqual(v.get('D4.1')!);
        if (v.has('D5.4')) expect(v.get('D5.4')!).toBeLessThanOrEqual(15);
        if (v.has('D1.1')) rd.push(v.get('D1.1')!);
      }
    }
    expect(missing / cells).toBeGreaterThan(0.002);
    expect(missing / cells).toBeLessThan(0.03);
    const inRange = rd.filter((x) => x >= 0.2 && x <= 3).length / rd.length;
    expect(inRange).toBeGreaterThan(0.85);
    const perTenK = (type: string) => {
      const xs = counties
        .filter((c) => c.countyType === type)
        .map((c) => (values.get(c.code)!.get(2024)!.get('D2.1') ?? 0) / (c.population! / 10_000));
      return xs.reduce((s, x) => s + x, 0) / xs.length;
    };
    expect(perTenK('市辖区')).toBeGreaterThan(perTenK('旗'));
    // counts grow over the years (high-tech enterprises roughly double 2021-2025 in the region)
    const total = (year: number) => counties.reduce((s, c) => s + (values.get(c.code)!.get(year)!.get('D2.1') ?? 0), 0);
    expect(total(2025) / total(2021)).toBeGreaterThan(1.6);
    expect(total(2025) / total(2021)).toBeLessThan(2.4);
  });

  it('has 2025 submissions in every state, with 150102 and 150121 not started', async () => {
    const subs = await t.db.db
      .selectFrom('mon_submission')
      .select(['division_code', 'period', 'status'])
      .where('period', '=', 2025)
      .execute();
    const count = (s: string) => subs.filter((x) => x.status === s).length;
    expect([count('approved'), count('league_approved'), count('submitted'), count('returned')]).toEqual([80, 8, 6, 3]);
    expect(subs.length).toBe(97);
    for (const c of NOT_STARTED_2025) expect(subs.some((s) => s.division_code === c)).toBe(false);
    const v = await t.db.db
      .selectFrom('mon_value')
      .select('id')
      .where('period', '=', 2025)
      .where('division_code', 'in', NOT_STARTED_2025)
      .execute();
    expect(v).toHaveLength(0);
    const returned = await t.db.db
      .selectFrom('mon_submission_event')
      .select(['comment'])
      .where('action', '=', 'return')
      .execute();
    expect(returned).toHaveLength(3);
    expect(returned[0]?.comment).toContain('演示');
    const earlier = await t.db.db.selectFrom('mon_submission').select('status').where('period', '<', 2025).execute();
    expect(earlier).toHaveLength(4 * 103);
    expect(earlier.every((s) => s.status === 'approved')).toBe(true);
    expect(demoStatus2025(counties.map((c) => c.code))).toEqual(demoStatus2025(counties.map((c) => c.code)));
  });

  it('publishes demo runs in both modes for 2021-2024, with the named 一类 districts on top', async () => {
    const runs = await t.db.db.selectFrom('mon_run').selectAll().orderBy('id').execute();
    expect(runs).toHaveLength(DEMO_RUN_YEARS.length * 2);
    for (const r of runs) {
      expect(r).toMatchObject({ status: 'done', is_demo: 1, provisional: 0 });
      expect(r.published_at).not.toBeNull();
      expect(r.title).toContain('演示');
    }
    const monitoring2024 = runs.find((r) => r.period === 2024 && r.mode === 'monitoring')!;
    const result = parseStoredResult(monitoring2024)!;
    const top = [...result.counties].sort((a, b) => (a.rank ?? 999) - (b.rank ?? 999)).slice(0, 10);
    expect(top.map((c) => c.code)).toEqual(expect.arrayContaining(['150105', '150203']));
    const tier1 = result.counties.filter((c) => c.tier === 1).length;
    expect(tier1).toBeGreaterThanOrEqual(5);
    expect(tier1).toBeLessThanOrEqual(20);
  });

  it('does nothing the second time, and completes the runs an interrupted seed left out', async () => {
    expect(await seedMonitoringDemo(t.app.deps)).toEqual({ values: 0, runs: 0 });
    const lost = await t.db.db
      .selectFrom('mon_run')
      .select('id')
      .where('period', '=', 2021)
      .where('mode', '=', 'ranking')
      .executeTakeFirstOrThrow();
    await t.db.db
      .updateTable('mon_run')
      .set({ status: 'failed', published_at: null })
      .where('id', '=', lost.id)
      .execute();
    expect(await seedMonitoringDemo(t.app.deps)).toEqual({ values: 0, runs: 1 });
  });
});
