/** The demo contracts and transfer projects: deterministic, plausible, inside the rules, idempotent. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../db/seed/demo.ts';
import { createTestApp, signIn, type Agent, type TestApp } from '../../../test/harness.ts';
import { DEMO_PASSWORD } from '../../../db/seed/demo.ts';
import { seedContractsDemo } from './contracts.demo.ts';
import { seedTransferProjectsDemo } from '../projects/projects.demo.ts';

describe('market contracts demo data', () => {
  let t: TestApp;
  let region: Agent;
  beforeAll(async () => {
    t = await createTestApp();
    await seedDemo(t.app.deps);
    region = await signIn(t, 'region', DEMO_PASSWORD);
  }, 600_000);
  afterAll(async () => {
    await t.close();
  });

  it('writes 300 labelled contracts over 2021-2025, a quarter of them flowing in from outside the region', async () => {
    const rows = await t.db.db.selectFrom('mkt_tech_contract').selectAll().execute();
    expect(rows).toHaveLength(300);
    expect(rows.every((r) => r.is_demo === 1 && r.source === 'demo' && r.title.includes('演示数据'))).toBe(true);
    expect(new Set(rows.map((r) => r.year))).toEqual(new Set([2021, 2022, 2023, 2024, 2025]));
    expect(rows.every((r) => r.turnover <= r.contract_value)).toBe(true);
    const outside = rows.filter((r) => r.agency_code === 'OUTSIDE').length;
    expect(outside).toBeGreaterThan(50);
    expect(outside).toBeLessThan(100);
    const overdue = rows.filter((r) => r.is_overdue === 1).length;
    expect(overdue).toBeGreaterThan(5);
    expect(overdue).toBeLessThan(60);
    expect(new Set(rows.map((r) => r.buyer_division_code)).size).toBeGreaterThan(30);
  });

  it('shows technology flowing into counties in the statistics and the facts', async () => {
    const stats = (await region.request('GET', '/api/market/contract-stats?groupBy=county&year=2025')).json();
    const inflowCounties = stats.rows.filter((r: { inflow: { count: number } }) => r.inflow.count > 0);
    expect(inflowCounties.length).toBeGreaterThan(20);
    expect(stats.total.inflow.count).toBeGreaterThan(0);
    const fact = (
      await region.request('GET', '/api/metrics/market.contract_turnover_in?division=150000&period=2025')
    ).json();
    const sum = stats.rows.reduce((s: number, r: { inflow: { turnover: number } }) => s + r.inflow.turnover, 0);
    expect(fact.total.value).toBeCloseTo(sum, 4);
  });

  it('follows 12 transfer projects of four demo centres across the four stages', async () => {
    const list = (await region.request('GET', '/api/market/transfer-projects?pageSize=50')).json();
    expect(list.total).toBe(12);
    expect(new Set(list.items.map((p: { stage: string }) => p.stage))).toEqual(
      new Set(['rd', 'small_trial', 'pilot', 'industrial']),
    );
    expect(new Set(list.items.map((p: { centreName: string }) => p.centreName)).size).toBe(4);
    const board = (
      await region.request('GET', `/api/market/transfer-centres/${list.items[0].centreOrgId}/board`)
    ).json();
    expect(board.columns).toHaveLength(4);
  });

  it('adds nothing when seeded again', async () => {
    expect(await seedContractsDemo(t.app.deps)).toBe(0);
    expect(await seedTransferProjectsDemo(t.app.deps)).toBe(0);
  });
});
