/**
 * The confidential detail of an achievement must never leave the server before the owner approves an NDA request:
 * a canary string goes through every market route (and the platform search, notifications and audit log) and is
 * absent everywhere, then present only on the detail route for the approved requester (and the owner).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../test/harness.ts';
import { runDigest } from '../matches/digest.service.ts';
import { listedAchievement, marketAgents, publishedDemand, type MarketAgents } from '../shared/market.test-helper.ts';

const CANARY = 'CANARYQX7Z';

describe('confidential detail (canary)', () => {
  let t: TestApp;
  let a: MarketAgents;
  beforeEach(async () => {
    t = await createTestApp();
    a = await marketAgents(t);
  });
  afterEach(async () => {
    await t.close();
  });

  async function everyRoute(agent: Agent | null, achievementId: number, demandId: number): Promise<string[]> {
    const urls = [
      '/api/market/achievements',
      '/api/market/achievements?mine=true',
      `/api/market/achievements?q=${encodeURIComponent('马铃薯')}`,
      '/api/market/achievements?forEntrepreneurs=true',
      `/api/market/achievements/${achievementId}`,
      `/api/market/achievements/${achievementId}/matches`,
      `/api/market/achievements/${achievementId}/matches?kind=enterprises`,
      '/api/market/demands',
      `/api/market/demands/${demandId}`,
      `/api/market/demands/${demandId}/matches`,
      `/api/market/demands/${demandId}/matches?kind=experts`,
      `/api/market/demands/${demandId}/proposals`,
      '/api/market/nda-requests?as=owner',
      '/api/market/nda-requests?as=requester',
      `/api/search?q=${encodeURIComponent('马铃薯')}`,
      `/api/search?q=${CANARY}`,
      `/api/search/similar?type=market_achievement&id=${achievementId}`,
      '/api/notifications',
      '/api/public/market/achievements',
      `/api/public/market/achievements/${achievementId}`,
      '/api/public/market/demands',
      `/api/public/market/demands/${demandId}`,
    ];
    const bodies: string[] = [];
    for (const url of urls) {
      const res = agent ? await agent.request('GET', url) : await t.app.inject({ method: 'GET', url });
      bodies.push(`${url.replace(CANARY, '<canary>')} ${res.statusCode} ${res.body}`);
    }
    return bodies;
  }

  async function tablesWithCanary(): Promise<string[]> {
    const found: string[] = [];
    const audit = await t.db.db.selectFrom('audit_log').select(['action', 'details']).execute();
    for (const r of audit) if ((r.details ?? '').includes(CANARY)) found.push(`audit ${r.action}`);
    const notes = await t.db.db
      .selectFrom('notification')
      .select(['kind', 'title_zh', 'body_zh', 'title_en', 'body_en'])
      .execute();
    for (const n of notes) if (JSON.stringify(n).includes(CANARY)) found.push(`notification ${n.kind}`);
    const docs = await t.db.db
      .selectFrom('search_document')
      .select(['source_type', 'title', 'body', 'body_segmented'])
      .execute();
    for (const d of docs) if (JSON.stringify(d).includes(CANARY)) found.push(`search ${d.source_type}`);
    const events = await t.db.db.selectFrom('mkt_event').select(['action', 'comment']).execute();
    for (const e of events) if (e.comment.includes(CANARY)) found.push(`event ${e.action}`);
    return found;
  }

  it('stays out of the answers of every write route taken by someone else than the owner', async () => {
    const created = await a.researcher.request('POST', '/api/market/achievements', {
      title: '奶牛乳房炎快速检测',
      summary: '乳汁体细胞快速检测。',
      confidentialDetail: `试剂配比 ${CANARY}`,
      divisionCode: '150105',
      submit: true,
    });
    const id = created.json<{ id: number }>().id;
    const demandId = await publishedDemand(a, { title: '乳房炎检测需求', description: '需要奶牛乳房炎快速检测。' });
    const answers = [
      await a.region.request('POST', `/api/market/achievements/${id}/review`, { action: 'start' }),
      await a.region.request('POST', `/api/market/achievements/${id}/review`, {
        action: 'publicise',
        publicityDays: 0,
      }),
      await a.other.request('POST', `/api/market/achievements/${id}/objections`, { reason: '检测方法已有专利' }),
      await a.region.request('POST', `/api/market/achievements/${id}/review`, {
        action: 'list',
        comment: '异议不成立',
      }),
      await a.other.request('POST', `/api/market/achievements/${id}/nda-requests`, { message: '申请' }),
      await a.other.request('POST', '/api/market/matches/feedback', {
        fromType: 'demand',
        fromId: demandId,
        toId: id,
        useful: true,
      }),
      await a.other.request('POST', `/api/market/demands/${demandId}/supporters`, {}),
    ];
    for (const res of answers) {
      expect(res.statusCode, res.body).toBeLessThan(300);
      expect(res.body).not.toContain(CANARY);
    }
    expect(await tablesWithCanary()).toEqual([]);
  });

  it('stays out of every list, search, match, notification and audit row until the owner approves the NDA request', async () => {
    const demandId = await publishedDemand(a, {
      title: '马铃薯脱毒种薯繁育需求',
      description: '需要马铃薯脱毒种薯快繁技术。',
      cooperationForms: ['open_call'],
      deadline: '2099-01-01',
    });
    const created = await a.researcher.request('POST', '/api/market/achievements', {
      title: '马铃薯脱毒种薯快繁技术',
      summary: '马铃薯茎尖脱毒与雾培快繁。',
      confidentialDetail: `第一版配方 ${CANARY}-v1`,
      divisionCode: '150105',
    });
    const draftId = created.json<{ id: number }>().id;
    // Editing the draft's detail: the audit row names the changed field, never its value.
    const edited = await a.researcher.request('PATCH', `/api/market/achievements/${draftId}`, {
      confidentialDetail: `培养基配方与雾培参数 ${CANARY}`,
    });
    expect(edited.statusCode).toBe(200);
    const id = await listedAchievement(a, {
      title: '马铃薯脱毒种薯雾培技术',
      summary: '马铃薯雾培快繁，原原种产量高。',
      confidentialDetail: `雾培营养液配方 ${CANARY}`,
      visibility: 'public',
    });
    for (const step of ['submit'] as const)
      expect(
        (await a.researcher.request('POST', `/api/market/achievements/${draftId}/owner-step`, { step })).statusCode,
      ).toBe(200);

    // The daily match digest names both records to their owners: public titles only (checked with the notifications).
    expect((await runDigest(t.app.deps, '2026-07-01')).recipients).toBeGreaterThan(0);
    // Before approval: nobody but the owner sees it, anywhere.
    for (const [name, agent] of [
      ['enterprise', a.enterprise],
      ['other', a.other],
      ['region', a.region],
      ['public', null],
    ] as const) {
      for (const body of [...(await everyRoute(agent, id, demandId)), ...(await everyRoute(agent, draftId, demandId))])
        expect(body.includes(CANARY), `${name}: ${body.slice(0, 200)}`).toBe(false);
    }
    // The enterprise asks; the owner sees the request (not the detail echoed) and approves.
    const asked = await a.enterprise.request('POST', `/api/market/achievements/${id}/nda-requests`, {
      message: '愿签保密协议',
    });
    expect(asked.statusCode).toBe(201);
    const pending = await a.enterprise.request('GET', `/api/market/achievements/${id}`);
    expect(pending.json()).toMatchObject({ ndaStatus: 'pending', confidentialDetail: null });
    const proposal = await a.researcher.request('POST', `/api/market/demands/${demandId}/proposals`, {
      summary: '揭榜方案',
      achievementId: id,
    });
    expect(proposal.statusCode).toBe(201);
    // The owner's lists, matches and search (its own detail route is the one place it may read it).
    for (const body of await everyRoute(a.researcher, 999999, demandId)) expect(body).not.toContain(CANARY);
    expect(await tablesWithCanary()).toEqual([]);

    const requests = await a.researcher.request('GET', '/api/market/nda-requests?as=owner');
    const requestId = requests.json<{ items: { id: number }[] }>().items[0]?.id;
    expect(requests.body).not.toContain(CANARY);
    expect(
      (await a.other.request('POST', `/api/market/nda-requests/${requestId}/decision`, { decision: 'approve' }))
        .statusCode,
    ).toBe(404);
    const decided = await a.researcher.request('POST', `/api/market/nda-requests/${requestId}/decision`, {
      decision: 'approve',
    });
    expect(decided.statusCode).toBe(200);
    expect(decided.body).not.toContain(CANARY);

    // After approval: on the detail route for the approved requester (and the owner) only.
    const detail = await a.enterprise.request('GET', `/api/market/achievements/${id}`);
    expect(detail.json()).toMatchObject({ ndaStatus: 'approved', confidentialDetail: `雾培营养液配方 ${CANARY}` });
    expect((await a.researcher.request('GET', `/api/market/achievements/${id}`)).body).toContain(CANARY);
    for (const [name, agent] of [
      ['other', a.other],
      ['region', a.region],
      ['public', null],
    ] as const)
      for (const body of await everyRoute(agent, id, demandId))
        expect(body.includes(CANARY), `${name}: ${body.slice(0, 200)}`).toBe(false);
    for (const body of await everyRoute(a.enterprise, id, demandId)) {
      if (body.startsWith(`/api/market/achievements/${id} `)) continue;
      expect(body.includes(CANARY), `enterprise: ${body.slice(0, 200)}`).toBe(false);
    }
    // The draft's detail was never released to anyone.
    expect((await a.enterprise.request('GET', `/api/market/achievements/${draftId}`)).body).not.toContain(CANARY);
    expect(await tablesWithCanary()).toEqual([]);
  });
});
