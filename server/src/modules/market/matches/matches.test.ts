import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, createTestApp, signIn, type TestApp } from '../../../test/harness.ts';
import { listedAchievement, marketAgents, publishedDemand, type MarketAgents } from '../shared/market.test-helper.ts';

describe('market matches', () => {
  let t: TestApp;
  let a: MarketAgents;
  beforeEach(async () => {
    t = await createTestApp();
    a = await marketAgents(t);
  });
  afterEach(async () => {
    await t.close();
  });

  it('a published demand lists the listed achievement that answers it, with an explanation, and the reverse', async () => {
    const demandId = await publishedDemand(a, {
      title: '马铃薯脱毒种薯繁育技术需求',
      description: '我社自留种退化严重，需要马铃薯脱毒种薯快繁技术，提高原原种产量。',
    });
    const wanted = await listedAchievement(a, {
      title: '马铃薯脱毒种薯高效繁育技术',
      summary: '马铃薯茎尖脱毒与雾培快繁，原原种单株结薯 10 粒以上，种薯退化明显减轻。',
      confidentialDetail: '培养基配方：MS + 0.5 mg/L 秘密配方 CANARY-MATCH',
    });
    await listedAchievement(a, { title: '风光互补离网供电系统', summary: '适用于牧区的风光互补离网供电。' });
    // A draft never appears.
    await a.researcher.request('POST', '/api/market/achievements', {
      title: '马铃薯种薯草稿',
      summary: '马铃薯脱毒种薯',
      divisionCode: '150105',
    });

    const res = await a.enterprise.request('GET', `/api/market/demands/${demandId}/matches`);
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { id: number; title: string; score: number; explanation: string }[] }>().items;
    expect(items[0]).toMatchObject({ id: wanted, title: '马铃薯脱毒种薯高效繁育技术' });
    expect(items[0]?.explanation).toContain('马铃薯');
    expect(items.map((i) => i.title)).not.toContain('马铃薯种薯草稿');
    for (let i = 1; i < items.length; i++) expect(items[i - 1]!.score).toBeGreaterThanOrEqual(items[i]!.score);
    expect(res.body).not.toContain('CANARY-MATCH');

    const back = await a.researcher.request('GET', `/api/market/achievements/${wanted}/matches`);
    expect(back.statusCode).toBe(200);
    expect(back.json<{ items: { id: number }[] }>().items[0]?.id).toBe(demandId);
  });

  it('sees a withdrawal at once (the index is rebuilt after writes) and stores feedback with a reason', async () => {
    const demandId = await publishedDemand(a, {
      title: '奶牛乳房炎快速检测',
      description: '牧场需要奶牛乳房炎快速检测技术。',
    });
    const id = await listedAchievement(a, {
      title: '奶牛乳房炎快速检测试纸',
      summary: '奶牛乳房炎现场快速检测，10 分钟出结果。',
    });
    const first = await a.enterprise.request('GET', `/api/market/demands/${demandId}/matches`);
    expect(first.json<{ items: { id: number }[] }>().items.map((i) => i.id)).toContain(id);

    const bad = await a.enterprise.request('POST', '/api/market/matches/feedback', {
      fromType: 'demand',
      fromId: demandId,
      toId: id,
      useful: false,
    });
    expect(bad.statusCode).toBe(400);
    const fb = await a.enterprise.request('POST', '/api/market/matches/feedback', {
      fromType: 'demand',
      fromId: demandId,
      toId: id,
      useful: false,
      reason: 'price',
    });
    expect(fb.statusCode).toBe(201);
    const stored = await t.db.db.selectFrom('mkt_match_feedback').selectAll().executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ from_type: 'demand', to_id: id, useful: 0, reason: 'price' });
    expect(stored.score).toBeGreaterThan(0);

    const w = await a.researcher.request('POST', `/api/market/achievements/${id}/owner-step`, {
      step: 'withdraw',
      comment: '已与企业签约',
    });
    expect(w.statusCode).toBe(200);
    const after = await a.enterprise.request('GET', `/api/market/demands/${demandId}/matches`);
    expect(after.json<{ items: { id: number }[] }>().items.map((i) => i.id)).not.toContain(id);
  });

  it('answers 404 for a demand the caller may not see and 401 without a session', async () => {
    const res = await a.enterprise.request('POST', '/api/market/demands', {
      title: '草稿需求',
      description: '草稿',
      divisionCode: '150121',
    });
    const id = res.json<{ id: number }>().id;
    expect((await a.other.request('GET', `/api/market/demands/${id}/matches`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/market/demands/${id}/matches` })).statusCode).toBe(401);
  });

  it('suggests experts for a demand and enterprises for an achievement, from their own public records', async () => {
    // The researcher holds the expert role too; the enterprise account belongs to an organisation.
    const res = await t.db.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'res')
      .executeTakeFirstOrThrow();
    await t.db.db
      .insertInto('user_role')
      .values({
        user_id: res.id,
        role_code: 'expert',
        division_code: '150105',
        granted_by: null,
        granted_at: '2026-01-01T00:00:00.000Z',
      })
      .execute();
    const org = await t.db.db
      .insertInto('organisation')
      .values({
        name: '和林格尔县某某乳业有限公司',
        type: 'enterprise',
        uscc: '91150123MA0N000001',
        division_code: '150123',
        status: 'active',
        is_demo: 0,
        created_at: '2026-01-01T00:00:00.000Z',
        updated_at: '2026-01-01T00:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await addUser(t, { username: 'dairy', role: 'enterprise', division: '150123', orgId: org.id });
    const dairy = { ...a, enterprise: await signIn(t, 'dairy') };

    const achievement = await listedAchievement(a, {
      title: '奶牛乳房炎快速检测试纸',
      summary: '奶牛隐性乳房炎现场快速检测，10 分钟出结果。',
      confidentialDetail: '抗体批号 CANARY-EXPERT',
    });
    const demandId = await publishedDemand(dairy, {
      title: '牛奶体细胞超标',
      description: '牧场牛奶体细胞数一直超标，收奶被压价，想要现场快速查出哪头牛有乳房炎。',
      divisionCode: '150123',
    });

    const experts = await a.enterprise.request('GET', `/api/market/demands/${demandId}/matches?kind=experts`);
    expect(experts.statusCode).toBe(200);
    const people = experts.json<{ items: { id: number; title: string; score: number; explanation: string }[] }>();
    expect(people.items[0]).toMatchObject({ id: res.id, title: 'res' });
    expect(people.items[0]?.explanation).toContain('乳房炎');
    expect(experts.body).not.toContain('CANARY-EXPERT');

    const firms = await a.researcher.request('GET', `/api/market/achievements/${achievement}/matches?kind=enterprises`);
    expect(firms.statusCode).toBe(200);
    expect(firms.json<{ items: { id: number; title: string }[] }>().items[0]).toMatchObject({
      id: org.id,
      title: '和林格尔县某某乳业有限公司',
    });
    // The default kind keeps the contract: records, not people.
    const records = await a.researcher.request('GET', `/api/market/achievements/${achievement}/matches`);
    expect(records.json<{ items: { id: number }[] }>().items[0]?.id).toBe(demandId);

    const bad = await a.enterprise.request('GET', `/api/market/demands/${demandId}/matches?kind=cats`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('推荐类型');
  });
});
