import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../../../test/harness.ts';
import { marketAgents, type MarketAgents } from '../shared/market.test-helper.ts';

describe('achievements', () => {
  let t: TestApp;
  let a: MarketAgents;
  beforeEach(async () => {
    t = await createTestApp();
    a = await marketAgents(t);
  });
  afterEach(async () => {
    await t.close();
  });

  const post = (body: Record<string, unknown>) =>
    a.researcher.request('POST', '/api/market/achievements', { divisionCode: '150105', ...body });

  it('creates from title + summary + divisionCode with defaults, audited without the detail', async () => {
    const res = await post({ title: '羊绒分梳新工艺', summary: '提高无毛绒得率。', confidentialDetail: '梳针参数' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'draft',
      visibility: 'nda',
      pricingMode: 'negotiable',
      stage: 'middle',
      isOwner: true,
      confidentialDetail: '梳针参数',
      divisionName: '赛罕区',
    });
    const audit = await t.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'market.achievement.create')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).not.toContain('梳针参数');
  });

  it('keeps the 科技成果登记 fields: 12-digit number, <= 3 keywords, contributors, owners, 植物新品种权', async () => {
    const full = await post({
      title: '蒙薯 21 号马铃薯新品种',
      summary: '抗晚疫病、高产。',
      registrationNo: '150000202600',
      keywords: ['马铃薯', '新品种', '抗病'],
      domain: 'seed',
      form: 'variety',
      stage: 'mature',
      trl: 9,
      contributors: [{ name: '张三', unit: '内蒙古农牧业科学院', percent: 60 }],
      owners: [{ name: '内蒙古农牧业科学院', share: 100 }],
      ipItems: [{ kind: 'plant_variety', number: 'CNA20260001.1', status: 'granted', expiresOn: '2041-06-30' }],
      transferModes: ['license_exclusive', 'assignment'],
      pricingMode: 'listed',
      price: 80,
      suitability: { forEntrepreneurs: true, cost: 20, equipment: '组培室', training: '3 天' },
    });
    expect(full.statusCode).toBe(201);
    expect(full.json()).toMatchObject({
      registrationNo: '150000202600',
      ipItems: [{ kind: 'plant_variety', number: 'CNA20260001.1', expiresOn: '2041-06-30' }],
      forEntrepreneurs: true,
      price: 80,
    });
    for (const bad of [
      { registrationNo: '12345' },
      { keywords: ['a', 'b', 'c', 'd'] },
      { trl: 10 },
      { pricingMode: 'listed' },
      {
        contributors: [
          { name: '甲', percent: 70 },
          { name: '乙', percent: 40 },
        ],
      },
      { stage: '成熟' },
      { unknown: 1 },
    ]) {
      const res = await post({ title: '错误成果', summary: '简介', ...bad });
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    const n = await t.db.db.selectFrom('mkt_achievement').select('id').where('title', '=', '错误成果').execute();
    expect(n).toHaveLength(0);
  });

  it('refuses posting outside the own divisions (403) and edits by anyone but the owner', async () => {
    expect((await post({ title: '外地成果', summary: '简介', divisionCode: '150203' })).statusCode).toBe(403);
    const id = (await post({ title: '本地成果', summary: '简介' })).json<{ id: number }>().id;
    expect((await a.other.request('PATCH', `/api/market/achievements/${id}`, { title: '改名成果' })).statusCode).toBe(
      404,
    );
    expect((await a.region.request('GET', `/api/market/achievements/${id}`)).statusCode).toBe(404); // a draft
  });

  it('goes through review, 公示 with an end date and objections, to listed; rejection needs a reason', async () => {
    const id = (await post({ title: '草原补播技术', summary: '退化草原免耕补播。', submit: true })).json<{
      id: number;
    }>().id;
    const review = (body: unknown) => a.region.request('POST', `/api/market/achievements/${id}/review`, body);
    expect((await review({ action: 'list' })).statusCode).toBe(409);
    expect((await review({ action: 'reject' })).statusCode).toBe(400);
    expect((await review({ action: 'start' })).json()).toMatchObject({ status: 'review' });
    const pub = await review({ action: 'publicise', publicityDays: 7 });
    expect(pub.json()).toMatchObject({ status: 'publicity' });
    expect(pub.json<{ publicityEndsAt: string }>().publicityEndsAt > t.clock.now().toISOString()).toBe(true);
    // During 公示 anyone in the market sees it and may object; listing waits for the end date.
    const obj = await a.other.request('POST', `/api/market/achievements/${id}/objections`, {
      reason: '完成人排序有异议',
    });
    expect(obj.statusCode).toBe(200);
    expect((await review({ action: 'list' })).statusCode).toBe(409);
    t.clock.advance(8 * 86_400_000);
    a.region = await signIn(t, 'region'); // sessions do not last a week
    a.researcher = await signIn(t, 'res');
    expect((await review({ action: 'list' })).statusCode).toBe(400); // objections: say how they were settled
    const listed = await review({ action: 'list', comment: '异议已核实，完成人排序无误' });
    expect(listed.json()).toMatchObject({ status: 'listed' });
    const owner = await a.researcher.request('GET', `/api/market/achievements/${id}`);
    expect(owner.json<{ events: { action: string }[] }>().events.map((e) => e.action)).toEqual([
      'create',
      'submit',
      'start',
      'publicise',
      'objection',
      'list',
    ]);
    const notes = await t.db.db.selectFrom('notification').select('kind').where('kind', 'like', 'market.%').execute();
    expect(notes.map((n) => n.kind)).toContain('market.status.changed');
    expect(notes.map((n) => n.kind)).toContain('market.review.requested');
    // Owner steps after listing: negotiating -> transferred; the fact counts only records on offer.
    expect(
      (await a.researcher.request('POST', `/api/market/achievements/${id}/owner-step`, { step: 'negotiating' })).json(),
    ).toMatchObject({ status: 'negotiating' });
    const fact = await a.region.request('GET', '/api/metrics/market.listed_achievements?division=150100&by=domain');
    expect(fact.statusCode).toBe(200);
    expect(fact.body).toMatch(/"divisionCode":"150105"[^}]*"value":1/);
    expect(
      (await a.researcher.request('POST', `/api/market/achievements/${id}/owner-step`, { step: 'transferred' })).json(),
    ).toMatchObject({ status: 'transferred' });
    expect(
      (await a.region.request('POST', `/api/market/achievements/${id}/review`, { action: 'reject', comment: '不实' }))
        .statusCode,
    ).toBe(409);
  });

  it('lists on the portal only public achievements on offer, summary only', async () => {
    const id = (
      await post({
        title: '公开成果',
        summary: '公开简介',
        confidentialDetail: '内部',
        visibility: 'public',
        submit: true,
      })
    ).json<{ id: number }>().id;
    await a.region.request('POST', `/api/market/achievements/${id}/review`, { action: 'publicise', publicityDays: 0 });
    await a.region.request('POST', `/api/market/achievements/${id}/review`, { action: 'list' });
    const nda = (await post({ title: '需保密协议成果', summary: '简介', submit: true })).json<{ id: number }>().id;
    await a.region.request('POST', `/api/market/achievements/${nda}/review`, { action: 'publicise', publicityDays: 0 });
    await a.region.request('POST', `/api/market/achievements/${nda}/review`, { action: 'list' });
    const list = await t.app.inject({ method: 'GET', url: '/api/public/market/achievements' });
    expect(list.json<{ items: { id: number }[] }>().items.map((i) => i.id)).toEqual([id]);
    const one = await t.app.inject({ method: 'GET', url: `/api/public/market/achievements/${id}` });
    expect(one.json()).toMatchObject({ title: '公开成果', confidentialDetail: null });
    expect((await t.app.inject({ method: 'GET', url: `/api/public/market/achievements/${nda}` })).statusCode).toBe(404);
    // Signed-in market users see both (not the detail).
    const signed = await a.other.request('GET', '/api/market/achievements');
    expect(signed.json<{ total: number }>().total).toBe(2);
  });
});
