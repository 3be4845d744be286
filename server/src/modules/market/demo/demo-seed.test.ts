import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createTestApp, signIn, type Agent, type TestApp } from '../../../test/harness.ts';
import { seedMarketDemo } from './demo-seed.ts';

describe('market demo data (演示数据)', () => {
  let t: TestApp;
  let enterprise: Agent;
  beforeAll(async () => {
    t = await createTestApp();
    await addUser(t, { username: 'researcher-150105', role: 'researcher', division: '150105' });
    await addUser(t, { username: 'enterprise-150121', role: 'enterprise', division: '150000' });
    enterprise = await signIn(t, 'enterprise-150121');
  });
  afterAll(async () => {
    await t.close();
  });

  it('seeds 40 labelled achievements and 30 demands over real counties, once', async () => {
    expect(await seedMarketDemo(t.app.deps)).toEqual({ achievements: 40, demands: 30 });
    expect(await seedMarketDemo(t.app.deps)).toEqual({ achievements: 0, demands: 0 });
    const rows = await t.db.db.selectFrom('mkt_achievement').select(['title', 'is_demo', 'division_code']).execute();
    expect(rows.every((r) => r.title.endsWith('（演示）') && r.is_demo === 1)).toBe(true);
    const divisions = await t.db.db.selectFrom('division').select('code').where('level', '=', 'county').execute();
    const counties = new Set(divisions.map((d) => d.code));
    expect(rows.every((r) => counties.has(r.division_code))).toBe(true);
  });

  it('gives plausible matches, portal lists and search hits', async () => {
    const demand = await t.db.db
      .selectFrom('mkt_demand')
      .select('id')
      .where('title', '=', '马铃薯种薯退化问题求解（演示）')
      .executeTakeFirstOrThrow();
    const res = await enterprise.request('GET', `/api/market/demands/${demand.id}/matches`);
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { title: string; explanation: string }[] }>().items;
    expect(items[0]?.title).toContain('马铃薯');
    expect(items[0]?.explanation).toContain('马铃薯');
    const portal = await t.app.inject({ method: 'GET', url: '/api/public/market/achievements?pageSize=100' });
    expect(portal.json<{ total: number }>().total).toBeGreaterThan(10);
    expect(portal.body).not.toContain('演示保密内容');
    const demands = await t.app.inject({ method: 'GET', url: '/api/public/market/demands?pageSize=100' });
    expect(demands.json<{ total: number }>().total).toBe(26);
    const search = await enterprise.request(
      'GET',
      `/api/search?q=${encodeURIComponent('马铃薯')}&type=market_achievement`,
    );
    expect(search.json<{ total: number }>().total).toBeGreaterThan(2);
    const library = await enterprise.request('GET', '/api/market/achievements?forEntrepreneurs=true&pageSize=100');
    expect(library.json<{ total: number }>().total).toBeGreaterThan(5);
  });
});
