/**
 * 创业技术库: the public library lists only listed, public, mature (TRL >= 7 or 成熟), licensable achievements marked
 * for small entrepreneurs, never a confidential detail (canary) nor the researcher; filters by domain and league; a
 * request is validated (bad phone -> 400 in Chinese, nothing written), persisted, audited and queued for the region's
 * and the achievement's league's officers, who move it 新 -> 已联系 -> 已办结.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, createTestApp, signIn, type TestApp } from '../../../test/harness.ts';
import { listedAchievement, marketAgents, type MarketAgents } from '../shared/market.test-helper.ts';

const CANARY = 'CANARYSTARTUP9Q';
const SUITED = {
  title: '小型马铃薯脱毒种薯快繁',
  summary: '适合家庭农场的种薯快繁',
  confidentialDetail: `培养基配方 ${CANARY}`,
  stage: 'mature',
  trl: 8,
  domain: 'seed',
  visibility: 'public',
  transferModes: ['license_ordinary'],
  suitability: { forEntrepreneurs: true, cost: 12, equipment: '组培架、灭菌锅', training: '三天操作培训' },
};

describe('创业技术库 (start-up library)', () => {
  let t: TestApp;
  let a: MarketAgents;
  beforeEach(async () => {
    t = await createTestApp();
    a = await marketAgents(t);
  });
  afterEach(async () => {
    await t.close();
  });
  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, payload });

  it('lists only suitable mature licensable listed achievements, never a confidential detail', async () => {
    const suited = await listedAchievement(a, SUITED);
    await listedAchievement(a, { ...SUITED, title: '不适合创业者', suitability: { forEntrepreneurs: false } });
    await listedAchievement(a, { ...SUITED, title: '只转让不许可', transferModes: ['assignment'] });
    await listedAchievement(a, { ...SUITED, title: '早期技术', stage: 'early', trl: 3 });
    await listedAchievement(a, { ...SUITED, title: '仅注册用户可见', visibility: 'registered' });
    await a.researcher.request('POST', '/api/market/achievements', {
      ...SUITED,
      title: '草稿',
      divisionCode: '150105',
    });

    const res = await get('/api/public/market/startup-library');
    expect(res.statusCode).toBe(200);
    const page = res.json<{ total: number; items: Record<string, unknown>[] }>();
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({
      id: suited,
      cost: 12,
      equipment: '组培架、灭菌锅',
      training: '三天操作培训',
      leagueCode: '150100',
      contact: { centre: '呼和浩特市科技成果转化服务中心' },
    });
    const detail = await get(`/api/public/market/startup-library/${suited}`);
    expect(detail.statusCode).toBe(200);
    for (const body of [res.body, detail.body]) {
      expect(body).not.toContain(CANARY);
      expect(body).not.toContain('ownerUserId');
    }
    expect(
      (await get('/api/public/market/startup-library?league=150100&domain=seed')).json<{ total: number }>().total,
    ).toBe(1);
    expect((await get('/api/public/market/startup-library?league=150200')).json<{ total: number }>().total).toBe(0);
    expect((await get('/api/public/market/startup-library?domain=dairy')).json<{ total: number }>().total).toBe(0);
    expect(
      (await get('/api/public/market/startup-library?page=2&pageSize=1')).json<{ items: unknown[] }>().items,
    ).toEqual([]);
    const others = await t.db.db.selectFrom('mkt_achievement').select('id').where('id', '<>', suited).execute();
    for (const o of others) expect((await get(`/api/public/market/startup-library/${o.id}`)).statusCode).toBe(404);
  });

  it('validates a request, queues it for the right officers and tracks its status', async () => {
    const suited = await listedAchievement(a, SUITED);
    const valid = {
      achievementId: suited,
      name: '王小明',
      phone: '13912345678',
      countyCode: '150121',
      want: '想在村里办种薯快繁点',
    };

    const bad = await post('/api/public/market/startup-requests', { ...valid, phone: '12345' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('手机号码格式不正确');
    const county = await post('/api/public/market/startup-requests', { ...valid, countyCode: '150100' });
    expect(county.statusCode).toBe(400);
    expect(county.json<{ error: { message: string } }>().error.message).toContain('旗县');
    expect((await post('/api/public/market/startup-requests', { ...valid, achievementId: 99999 })).statusCode).toBe(
      404,
    );
    expect(await t.db.db.selectFrom('mkt_startup_request').select('id').execute()).toEqual([]);

    const ok = await post('/api/public/market/startup-requests', valid);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ status: 'new' });
    // A signed-in user's request is linked to the account.
    expect((await a.enterprise.request('POST', '/api/public/market/startup-requests', valid)).statusCode).toBe(201);

    await addUser(t, { username: 'league-hh', role: 'league-officer', division: '150100' });
    await addUser(t, { username: 'league-bt', role: 'league-officer', division: '150200' });
    const hohhot = await signIn(t, 'league-hh');
    const baotou = await signIn(t, 'league-bt');
    const queue = (await hohhot.request('GET', '/api/market/startup-requests')).json<{
      items: { id: number; phone: string; registered: boolean; status: string }[];
    }>();
    expect(queue.items.map((i) => i.registered)).toEqual([true, false]);
    expect(queue.items[1]).toMatchObject({ phone: '139****5678', status: 'new' });
    const contact = await hohhot.request('GET', `/api/market/startup-requests/${queue.items[1]!.id}/contact`);
    expect(contact.json()).toMatchObject({ name: '王小明', phone: '13912345678' });
    expect((await baotou.request('GET', `/api/market/startup-requests/${queue.items[1]!.id}/contact`)).statusCode).toBe(
      404,
    );
    expect((await baotou.request('GET', '/api/market/startup-requests')).json<{ total: number }>().total).toBe(0);
    expect((await a.enterprise.request('GET', '/api/market/startup-requests')).statusCode).toBe(403);

    const id = queue.items[1]!.id;
    expect(
      (await baotou.request('POST', `/api/market/startup-requests/${id}/status`, { status: 'contacted' })).statusCode,
    ).toBe(404);
    const moved = await a.region.request('POST', `/api/market/startup-requests/${id}/status`, {
      status: 'contacted',
      note: '已电话联系，约定下周现场看设备',
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ status: 'contacted' });
    expect(
      (await hohhot.request('POST', `/api/market/startup-requests/${id}/status`, { status: 'done' })).statusCode,
    ).toBe(400);

    const audit = await t.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'market.startup.%')
      .execute();
    expect(audit.map((r) => r.action).sort()).toEqual([
      'market.startup.contact_view',
      'market.startup.handle',
      'market.startup.request',
      'market.startup.request',
    ]);
    // Public writes are limited like self-registration: 10 a minute per address.
    const codes: number[] = [];
    for (let i = 0; i < 11; i++)
      codes.push((await post('/api/public/market/startup-requests', { ...valid, phone: '1' })).statusCode);
    expect(codes.filter((c) => c === 429).length).toBeGreaterThan(0);
    const notes = await t.db.db
      .selectFrom('notification')
      .select(['kind', 'user_id'])
      .where('kind', '=', 'market.startup.requested')
      .execute();
    expect(notes.length).toBeGreaterThan(0);
  });
});
