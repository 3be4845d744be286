import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, createTestApp, signIn, type TestApp } from '../../../test/harness.ts';
import { marketAgents, publishedDemand, type MarketAgents } from '../shared/market.test-helper.ts';

describe('demands', () => {
  let t: TestApp;
  let a: MarketAgents;
  beforeEach(async () => {
    t = await createTestApp();
    a = await marketAgents(t);
  });
  afterEach(async () => {
    await t.close();
  });

  it('posts a minimal demand as draft, submits it, and the region publishes it; audit and events follow', async () => {
    const res = await a.enterprise.request('POST', '/api/market/demands', {
      title: '肉牛育肥饲料配方优化',
      description: '降低育肥成本。',
      divisionCode: '150121',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'draft', source: 'self', isOwner: true, cooperationForms: [] });
    const id = res.json<{ id: number }>().id;
    expect((await a.region.request('POST', `/api/market/demands/${id}/review`, { action: 'publish' })).statusCode).toBe(
      404,
    );
    expect(
      (await a.enterprise.request('POST', `/api/market/demands/${id}/owner-step`, { step: 'submit' })).statusCode,
    ).toBe(200);
    expect(
      (await a.enterprise.request('POST', `/api/market/demands/${id}/owner-step`, { step: 'relist' })).statusCode,
    ).toBe(400);
    const pub = await a.region.request('POST', `/api/market/demands/${id}/review`, { action: 'publish' });
    expect(pub.json()).toMatchObject({ status: 'published' });
    const portal = await t.app.inject({ method: 'GET', url: `/api/public/market/demands/${id}` });
    expect(portal.json()).toMatchObject({ title: '肉牛育肥饲料配方优化', contact: '' });
    const actions = await t.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'market.demand.%')
      .execute();
    expect(actions.map((r) => r.action)).toEqual([
      'market.demand.create',
      'market.demand.owner_step',
      'market.demand.review',
    ]);
    const facts = await a.region.request('GET', '/api/metrics/market.open_demands?division=150100');
    expect(facts.body).toMatch(/"divisionCode":"150121"[^}]*"value":1/);
  });

  it('checks budgets, open-call deadlines and the source organisation; a county officer records a township demand', async () => {
    const bad = [
      { budgetMin: 50, budgetMax: 10 },
      { cooperationForms: ['open_call'] },
      { source: 'rumour' },
      { organisationId: 999999 },
      { targetTrl: 0 },
    ];
    for (const b of bad) {
      const res = await a.enterprise.request('POST', '/api/market/demands', {
        title: '坏需求',
        description: '描述',
        divisionCode: '150121',
        ...b,
      });
      expect(res.statusCode, JSON.stringify(b)).toBe(400);
    }
    await addUser(t, { username: 'county', role: 'county-officer', division: '150121' });
    const county = await signIn(t, 'county');
    const org = await county.request('POST', '/api/organisations', {
      name: '演示马铃薯合作社',
      type: 'social',
      divisionCode: '150121',
    });
    const res = await county.request('POST', '/api/market/demands', {
      title: '乡镇征集：马铃薯储藏保鲜',
      description: '窖藏烂薯率高。',
      divisionCode: '150121',
      source: 'township',
      sourceRef: 'township-sheet:2026-03',
      organisationId: org.json<{ id: number }>().id,
      submit: true,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'submitted', source: 'township', organisationName: '演示马铃薯合作社' });
  });

  it('takes supporters once and 揭榜挂帅 proposals before the deadline, shown to the owner', async () => {
    const id = await publishedDemand(a, {
      title: '揭榜挂帅：盐碱地改良',
      description: '河套灌区盐碱地改良技术。',
      cooperationForms: ['open_call'],
      deadline: '2099-06-30',
    });
    expect(
      (await a.other.request('POST', `/api/market/demands/${id}/supporters`, { note: '我们也需要' })).json(),
    ).toMatchObject({ supporters: 1 });
    expect((await a.other.request('POST', `/api/market/demands/${id}/supporters`, {})).statusCode).toBe(409);
    expect((await a.enterprise.request('POST', `/api/market/demands/${id}/supporters`, {})).statusCode).toBe(409);
    const prop = await a.researcher.request('POST', `/api/market/demands/${id}/proposals`, {
      summary: '脱硫石膏改良方案',
    });
    expect(prop.statusCode).toBe(201);
    const list = await a.enterprise.request('GET', `/api/market/demands/${id}/proposals`);
    expect(list.json()).toMatchObject({ items: [{ summary: '脱硫石膏改良方案', proposerName: 'res' }] });
    expect((await a.other.request('GET', `/api/market/demands/${id}/proposals`)).statusCode).toBe(404);
    const notes = await t.db.db
      .selectFrom('notification')
      .select('kind')
      .where('kind', '=', 'market.proposal.received')
      .execute();
    expect(notes).toHaveLength(1);
  });
});
