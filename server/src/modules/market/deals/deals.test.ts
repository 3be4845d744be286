/**
 * 交易洽谈 through the HTTP API: interest -> NDA (only past it once the buyer's NDA request is approved) -> messages ->
 * offer and counter-offer -> accepted -> four contract steps approved by both parties -> 已签约, with the contract record
 * counted as inflow for the buyer's county and the achievement transferred; a stranger's 404; an officer reads but
 * does not write; decline feedback stored and the achievement back on offer.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../test/harness.ts';
import { listedAchievement, marketAgents, type MarketAgents } from '../shared/market.test-helper.ts';

const ACHIEVEMENT = {
  title: '马铃薯脱毒种薯快繁技术',
  summary: '马铃薯脱毒种薯工厂化快繁',
  confidentialDetail: '培养基配方',
  stage: 'mature',
  trl: 8,
  domain: 'seed',
  transferModes: ['license_ordinary', 'assignment'],
};

describe('deals (交易洽谈)', () => {
  let t: TestApp;
  let a: MarketAgents;
  beforeEach(async () => {
    t = await createTestApp();
    a = await marketAgents(t);
  });
  afterEach(async () => {
    await t.close();
  });

  const ok = async (agent: Agent, method: 'GET' | 'POST', url: string, body?: unknown, status = 200) => {
    const res = await agent.request(method, url, body);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
    return res.json<Record<string, unknown> & { id: number; status: string }>();
  };
  const achievementStatus = async (id: number) =>
    (await ok(a.researcher, 'GET', `/api/market/achievements/${id}`)).status;
  const auditActions = async () =>
    (await t.db.db.selectFrom('audit_log').select('action').where('action', 'like', 'market.deal.%').execute()).map(
      (r) => r.action,
    );

  it('runs from interest to 已签约 and records a contract counted as inflow for the buyer county', async () => {
    const achievementId = await listedAchievement(a, ACHIEVEMENT);
    const deal = await ok(a.enterprise, 'POST', '/api/market/deals', { achievementId, message: '想了解许可条件' }, 201);
    expect(deal.status).toBe('nda');
    expect(deal.myRole).toBe('buyer');
    expect(await achievementStatus(achievementId)).toBe('negotiating');
    const url = `/api/market/deals/${deal.id}`;

    // A second open deal on the same achievement by the same buyer is refused.
    expect((await a.enterprise.request('POST', '/api/market/deals', { achievementId })).statusCode).toBe(409);
    // A stranger sees nothing; the region officer reads but may not write.
    expect((await a.other.request('GET', url)).statusCode).toBe(404);
    expect((await a.other.request('POST', `${url}/messages`, { body: '你好' })).statusCode).toBe(404);
    expect((await a.other.request('GET', '/api/market/deals')).json<{ total: number }>().total).toBe(0);
    expect((await a.region.request('GET', url)).statusCode).toBe(200);
    expect((await a.region.request('POST', `${url}/messages`, { body: '你好' })).statusCode).toBe(403);

    // Past the NDA only once the buyer's NDA request is approved.
    const early = await a.researcher.request('POST', `${url}/proceed`);
    expect(early.statusCode).toBe(409);
    expect(early.json<{ error: { message: string } }>().error.message).toContain('保密协议');
    await ok(a.enterprise, 'POST', `/api/market/achievements/${achievementId}/nda-requests`, {}, 201);
    const nda = await ok(a.researcher, 'GET', '/api/market/nda-requests?as=owner');
    const ndaId = (nda.items as { id: number }[])[0]!.id;
    await ok(a.researcher, 'POST', `/api/market/nda-requests/${ndaId}/decision`, { decision: 'approve' });
    expect((await ok(a.researcher, 'POST', `${url}/proceed`)).status).toBe('negotiating');

    await ok(a.researcher, 'POST', `${url}/messages`, { body: '可普通许可，面议' });
    // Offer, counter-offer, accept.
    const offered = await ok(a.enterprise, 'POST', `${url}/offers`, {
      amount: 30,
      transferMode: 'license_ordinary',
      terms: '普通许可五年，首付 30%',
    });
    const first = (offered.offers as { id: number }[])[0]!.id;
    expect((await a.enterprise.request('POST', `${url}/offers/${first}/accept`)).statusCode).toBe(409);
    const countered = await ok(a.researcher, 'POST', `${url}/offers`, {
      amount: 40,
      transferMode: 'license_ordinary',
      terms: '普通许可五年，一次付清',
    });
    const offers = countered.offers as { id: number; status: string }[];
    expect(offers.map((o) => o.status)).toEqual(['countered', 'pending']);
    const accepted = await ok(a.enterprise, 'POST', `${url}/offers/${offers[1]!.id}/accept`);
    expect(accepted.status).toBe('contracting');
    expect(accepted.agreedAmount).toBe(40);
    expect((accepted.steps as { name: string }[]).map((s) => s.name)).toEqual([
      '条款确认',
      '价款与支付',
      '知识产权归属',
      '签署',
    ]);

    // 签署 waits for the other three steps; each step needs both parties.
    expect((await a.enterprise.request('POST', `${url}/steps/signing/approve`)).statusCode).toBe(409);
    for (const code of ['terms', 'payment', 'ip'])
      for (const agent of [a.enterprise, a.researcher]) await ok(agent, 'POST', `${url}/steps/${code}/approve`);
    expect((await a.enterprise.request('POST', `${url}/steps/terms/approve`)).statusCode).toBe(409);
    expect((await ok(a.enterprise, 'POST', `${url}/steps/signing/approve`)).status).toBe('contracting');
    const signed = await ok(a.researcher, 'POST', `${url}/steps/signing/approve`);
    expect(signed.status).toBe('signed');
    expect(signed.contractId).toEqual(expect.any(Number));
    expect(await achievementStatus(achievementId)).toBe('transferred');

    const contract = await ok(a.region, 'GET', `/api/market/contracts/${String(signed.contractId)}`);
    expect(contract).toMatchObject({ type: 'licence', contractValue: 40, dealId: deal.id });
    const stats = await ok(a.region, 'GET', '/api/market/contract-stats?groupBy=county&division=150121');
    const county = (stats.rows as { key: string; inflow: { count: number; contractValue: number } }[]).find(
      (r) => r.key === '150121',
    );
    expect(county?.inflow).toMatchObject({ count: 1, contractValue: 40 });

    expect(new Set(await auditActions())).toEqual(
      new Set([
        'market.deal.open',
        'market.deal.proceed',
        'market.deal.message',
        'market.deal.offer',
        'market.deal.accept',
        'market.deal.step',
        'market.deal.signed',
      ]),
    );
    const kinds = await t.db.db
      .selectFrom('notification')
      .select('kind')
      .where('kind', 'like', 'market.deal.%')
      .execute();
    expect(new Set(kinds.map((k) => k.kind))).toEqual(
      new Set(['market.deal.opened', 'market.deal.updated', 'market.deal.signed']),
    );
    // Messages and terms never go into notifications.
    const texts = await t.db.db.selectFrom('notification').select(['title_zh', 'body_zh']).execute();
    expect(JSON.stringify(texts)).not.toContain('一次付清');
    const list = await ok(a.researcher, 'GET', '/api/market/deals?as=seller');
    expect(list.total).toBe(1);
  });

  it('stores decline feedback and puts the achievement back on offer', async () => {
    const achievementId = await listedAchievement(a, ACHIEVEMENT);
    const deal = await ok(a.enterprise, 'POST', '/api/market/deals', { achievementId }, 201);
    const url = `/api/market/deals/${deal.id}/decline`;
    const bad = await a.researcher.request('POST', url, { reason: 'boring' });
    expect(bad.statusCode).toBe(400);
    expect(await achievementStatus(achievementId)).toBe('negotiating');
    const declined = await ok(a.researcher, 'POST', url, { reason: 'too_early', note: '需先完成中试' });
    expect(declined.status).toBe('declined');
    expect(declined.decline).toEqual({
      byRole: 'seller',
      reason: 'too_early',
      reasonName: '技术太早期',
      note: '需先完成中试',
    });
    expect(await achievementStatus(achievementId)).toBe('listed');
    expect(
      (await a.enterprise.request('POST', `/api/market/deals/${deal.id}/messages`, { body: '再谈谈' })).statusCode,
    ).toBe(409);
    expect(await auditActions()).toContain('market.deal.decline');
  });

  it('refuses a deal on one own achievement, an unknown achievement and a foreign demand', async () => {
    const achievementId = await listedAchievement(a, ACHIEVEMENT);
    expect((await a.researcher.request('POST', '/api/market/deals', { achievementId })).statusCode).toBe(409);
    expect((await a.enterprise.request('POST', '/api/market/deals', { achievementId: 99999 })).statusCode).toBe(404);
    const res = await a.enterprise.request('POST', '/api/market/deals', { achievementId, demandId: 99999 });
    expect(res.statusCode).toBe(400);
    expect(await t.db.db.selectFrom('mkt_deal').select('id').execute()).toEqual([]);
  });
});
