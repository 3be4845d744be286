/** The global search through the HTTP API, on the engine named by DATABASE_URL (SQLite and PostgreSQL). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createTestApp, signIn, type Agent, type TestApp } from '../../test/harness.ts';
import { MATCH_CAP } from './search.repository.ts';
import { indexDocument, indexDocuments } from './search.service.ts';
import { reindex, reindexIfStale } from './sources.ts';

interface Hit {
  type: string;
  id: number;
  title: string;
  snippet: string;
  divisionCode: string;
  divisionName: string;
  score: number;
}

const ORGS: [name: string, division: string][] = [
  ['新城区马铃薯种薯繁育基地', '150102'],
  ['新城区荷斯坦奶牛养殖专业合作社', '150102'],
  ['<script>alert(1)</script>马铃薯合作社', '150102'],
  ['赛罕区燕麦科技型中小企业服务中心', '150105'],
  ['昆都仑区马铃薯种薯仓储中心', '150203'],
  ['锡林郭勒盟乌珠穆沁羊良种繁育场', '152502'],
];

describe('search', () => {
  let t: TestApp;
  let region: Agent;
  let league: Agent;
  let county: Agent;
  let baotouCounty: Agent;
  let farmer: Agent;
  const ids = new Map<string, number>();

  const find = async (agent: Agent, query: string) => {
    const res = await agent.request('GET', `/api/search?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Hit[]; total: number; page: number; pageSize: number };
  };
  const titles = (r: { items: Hit[] }) => r.items.map((h) => h.title);
  const q = encodeURIComponent;

  beforeAll(async () => {
    t = await createTestApp();
    await addUser(t, { username: 'region', role: 'region-officer', division: '150000' });
    await addUser(t, { username: 'league', role: 'league-officer', division: '150100' });
    await addUser(t, { username: 'county', role: 'county-officer', division: '150102' });
    await addUser(t, { username: 'kundulun', role: 'county-officer', division: '150203' });
    await addUser(t, { username: 'farmer', role: 'farmer', division: '150102' });
    region = await signIn(t, 'region');
    league = await signIn(t, 'league');
    county = await signIn(t, 'county');
    baotouCounty = await signIn(t, 'kundulun');
    farmer = await signIn(t, 'farmer');
    for (const [name, divisionCode] of ORGS) {
      const res = await region.request('POST', '/api/organisations', { name, type: 'social', divisionCode });
      expect(res.statusCode, res.body).toBe(201);
      ids.set(name, res.json<{ id: number }>().id);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds two-character words inside longer text: 种薯 in 马铃薯种薯, 奶牛 in 荷斯坦奶牛', async () => {
    expect(titles(await find(region, `q=${q('种薯')}`)).sort()).toEqual(
      ['新城区马铃薯种薯繁育基地', '昆都仑区马铃薯种薯仓储中心'].sort(),
    );
    const cows = await find(region, `q=${q('奶牛')}`);
    expect(titles(cows)).toEqual(['新城区荷斯坦奶牛养殖专业合作社']);
    expect(cows.items[0]).toMatchObject({ type: 'organisation', divisionCode: '150102', divisionName: '新城区' });
    expect(cows.items[0]?.snippet).toBe('新城区荷斯坦<mark>奶牛</mark>养殖专业合作社');
    expect(titles(await find(region, `q=${q('乌珠穆沁羊')}`))).toEqual(['锡林郭勒盟乌珠穆沁羊良种繁育场']);
    expect(titles(await find(region, `q=${q('呼和浩特')}`))).toEqual([]); // names hold no 呼和浩特
  });

  it('ANDs the terms of a query and searches the indexed division name and type label', async () => {
    expect(titles(await find(region, `q=${q('马铃薯 仓储')}`))).toEqual(['昆都仑区马铃薯种薯仓储中心']);
    // Body of an organisation: its type label and division name (新城区 for 150102).
    const r = await find(region, `q=${q('新城区 社会组织 马铃薯')}`);
    expect(titles(r).sort()).toEqual(['<script>alert(1)</script>马铃薯合作社', '新城区马铃薯种薯繁育基地'].sort());
    expect((await find(region, `q=${q('马铃薯 奶牛')}`)).total).toBe(0);
  });

  it('ranks a title match above a body match', async () => {
    const now = t.clock.now().toISOString();
    const base = { sourceType: 'organisation' as const, divisionCode: '150105', createdAt: now, updatedAt: now };
    await indexDocument(t.db.db, {
      ...base,
      sourceId: 900001,
      title: '年度工作总结',
      body: '本年度推广紫花苜蓿种植三千亩',
    });
    await indexDocument(t.db.db, { ...base, sourceId: 900002, title: '紫花苜蓿高产种植技术', body: '牧草 草原 饲草' });
    const r = await find(region, `q=${q('紫花苜蓿')}`);
    expect(r.items.map((h) => h.id)).toEqual([900002, 900001]);
    expect(r.items[0]!.score).toBeGreaterThan(r.items[1]!.score);
    expect(r.items[1]?.snippet).toBe('本年度推广<mark>紫花苜蓿</mark>种植三千亩');
  });

  it('escapes HTML in snippets (a <script> title is never markup)', async () => {
    const r = await find(region, `q=${q('马铃薯合作社')}`);
    const hit = r.items.find((h) => h.id === ids.get('<script>alert(1)</script>马铃薯合作社'));
    expect(hit?.snippet).toBe('&lt;script&gt;alert(1)&lt;/script&gt;<mark>马铃薯合作社</mark>');
    expect(hit?.snippet).not.toContain('<script>');
  });

  it('filters by type, division subtree and creation date, and pages', async () => {
    expect((await find(region, `q=${q('马铃薯')}&type=organisation`)).total).toBe(3);
    expect(titles(await find(region, `q=${q('马铃薯')}&division=150200`))).toEqual(['昆都仑区马铃薯种薯仓储中心']);
    expect((await find(region, `q=${q('马铃薯')}&division=150100`)).total).toBe(2);
    const today = t.clock.now().toISOString().slice(0, 10);
    expect((await find(region, `q=${q('马铃薯')}&from=${today}&to=${today}`)).total).toBe(3);
    expect((await find(region, `q=${q('马铃薯')}&to=2000-01-01`)).total).toBe(0);
    expect((await find(region, `q=${q('马铃薯')}&from=2999-01-01`)).total).toBe(0);
    const p2 = await find(region, `q=${q('马铃薯')}&pageSize=2&page=2`);
    expect(p2).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(p2.items).toHaveLength(1);
  });

  it('returns only what the caller may see: a county officer of 150102 never gets a 150203 hit', async () => {
    const mine = await find(county, `q=${q('马铃薯')}`);
    expect(mine.items.length).toBe(2);
    expect(mine.items.every((h) => h.divisionCode === '150102')).toBe(true);
    expect((await find(county, `q=${q('种薯')}&division=150203`)).total).toBe(0);
    expect((await find(county, `q=${q('昆都仑区')}`)).total).toBe(0);
    expect(titles(await find(baotouCounty, `q=${q('种薯')}`))).toEqual(['昆都仑区马铃薯种薯仓储中心']);
    expect((await find(league, `q=${q('种薯')}`)).items.map((h) => h.divisionCode)).toEqual(['150102']);
    // No org:read anywhere: no organisations, an empty answer rather than an error.
    expect(await find(farmer, `q=${q('马铃薯')}`)).toMatchObject({ items: [], total: 0 });
  });

  it('finds similar items within the scope, never the item itself', async () => {
    const id = ids.get('新城区马铃薯种薯繁育基地');
    const sim = async (agent: Agent, qs: string) => {
      const res = await agent.request('GET', `/api/search/similar?${qs}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: Hit[] };
    };
    const all = await sim(region, `type=organisation&id=${id}`);
    expect(titles(all)[0]).toBe('昆都仑区马铃薯种薯仓储中心'); // shares 马铃薯 and 种薯
    expect(titles(all)).toContain('<script>alert(1)</script>马铃薯合作社');
    expect(all.items.some((h) => h.id === id)).toBe(false);
    const local = await sim(county, `type=organisation&id=${id}`);
    expect(local.items.length).toBeGreaterThan(0);
    expect(local.items.every((h) => h.divisionCode === '150102')).toBe(true);
    // Outside the scope or without the permission: nothing, as for an unknown id.
    expect((await sim(baotouCounty, `type=organisation&id=${id}`)).items).toEqual([]);
    expect((await sim(farmer, `type=organisation&id=${id}`)).items).toEqual([]);
    expect((await sim(region, 'type=organisation&id=99999999')).items).toEqual([]);
  });

  it('follows organisation updates, and reindex rebuilds the same documents', async () => {
    const id = ids.get('赛罕区燕麦科技型中小企业服务中心');
    const res = await league.request('PATCH', `/api/organisations/${id}`, { name: '赛罕区荞麦向日葵科技服务中心' });
    expect(res.statusCode, res.body).toBe(200);
    expect(titles(await find(region, `q=${q('燕麦')}`))).toEqual([]);
    expect(titles(await find(region, `q=${q('向日葵')}`))).toEqual(['赛罕区荞麦向日葵科技服务中心']);
    const before = await find(region, `q=${q('马铃薯')}`);
    expect(await reindex(t.db.db)).toBe(ORGS.length);
    // Same hits; scores differ as reindex dropped the two documents without a record (bm25/ts_rank statistics).
    const after = await find(region, `q=${q('马铃薯')}`);
    const strip = (r: { items: Hit[] }) => r.items.map(({ score: _s, ...h }) => h);
    expect(strip(after)).toEqual(strip(before));
  });

  it('rebuilds an index written by another segmentation, and leaves a current one alone', async () => {
    expect(await reindexIfStale(t.db.db)).toBe(0);
    const newest = await t.db.db.selectFrom('search_document').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    await t.db.db.updateTable('search_document').set({ title_segmented: 'x' }).where('id', '=', newest.id).execute();
    expect(titles(await find(region, `q=${q('乌珠穆沁羊')}`))).toEqual([]);
    expect(await reindexIfStale(t.db.db)).toBe(ORGS.length);
    expect(titles(await find(region, `q=${q('乌珠穆沁羊')}`))).toEqual(['锡林郭勒盟乌珠穆沁羊良种繁育场']);
    expect(await reindexIfStale(t.db.db)).toBe(0);
  });

  it('answers 400 on a bad query and 401 without a session', async () => {
    expect((await region.request('GET', '/api/search')).statusCode).toBe(400);
    expect((await region.request('GET', `/api/search?q=${q('马铃薯')}&division=15`)).statusCode).toBe(400);
    expect((await region.request('GET', `/api/search?q=${q('马铃薯')}&from=2026-02-30x`)).statusCode).toBe(400);
    expect((await region.request('GET', '/api/search/similar?type=project&id=1')).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: `/api/search?q=${q('马铃薯')}` })).statusCode).toBe(401);
    // Query syntax of either engine is inert: quotes, operators and markup are only text.
    for (const bad of ['"', "'", 'a OR b NOT', '马铃薯 & | ! :*', 'NEAR(a b)', '*']) {
      expect((await region.request('GET', `/api/search?q=${q(bad)}`)).statusCode).toBe(200);
    }
  });
});

describe('search beyond the match cap', () => {
  let t: TestApp;
  let region: Agent;
  let county: Agent;
  const OWN = 3;

  const find = async (agent: Agent, query: string) => {
    const res = await agent.request('GET', `/api/search?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Hit[]; total: number; totalIsLowerBound?: boolean; page: number; pageSize: number };
  };
  const q = encodeURIComponent;

  beforeAll(async () => {
    t = await createTestApp();
    await addUser(t, { username: 'region', role: 'region-officer', division: '150000' });
    await addUser(t, { username: 'county', role: 'county-officer', division: '150102' });
    region = await signIn(t, 'region');
    county = await signIn(t, 'county');
    const now = t.clock.now().toISOString();
    const doc = (sourceId: number, divisionCode: string) => ({
      sourceType: 'organisation' as const,
      sourceId,
      divisionCode,
      title: `双峰驼养殖场${sourceId}号`,
      body: '驼绒 驼乳',
      createdAt: now,
      updatedAt: now,
    });
    // The county's few documents first (oldest ids), then more foreign ones than the cap (newest ids): a query shape
    // that took the newest candidates before applying the scope would lose the county's hits.
    const docs = [...Array.from({ length: OWN }, (_, i) => doc(800001 + i, '150102'))];
    for (let i = 0; i < MATCH_CAP + 5; i++) docs.push(doc(810001 + i, '150203'));
    await t.db.db.transaction().execute((trx) => indexDocuments(trx, docs));
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts at most MATCH_CAP matches and says the total is a lower bound', async () => {
    const r = await find(region, `q=${q('双峰驼')}`);
    expect(r).toMatchObject({ total: MATCH_CAP, totalIsLowerBound: true, page: 1, pageSize: 20 });
    expect(r.items).toHaveLength(20);
    const p2 = await find(region, `q=${q('双峰驼')}&page=2`);
    expect(p2).toMatchObject({ total: MATCH_CAP, totalIsLowerBound: true });
    expect(p2.items).toHaveLength(20);
    expect(p2.items.some((h) => r.items.some((x) => x.id === h.id))).toBe(false);
    // A page past the ranked candidates is empty, with the same capped total.
    const far = await find(region, `q=${q('双峰驼')}&pageSize=100&page=200`);
    expect(far).toMatchObject({ items: [], total: MATCH_CAP, totalIsLowerBound: true });
    // Under the cap: exact total, no flag.
    const narrow = await find(region, `q=${q('双峰驼')}&division=150100`);
    expect(narrow.total).toBe(OWN);
    expect(narrow.totalIsLowerBound).toBeUndefined();
  });

  it('still applies the scope: a county officer of 150102 sees only its hits, never the foreign ones', async () => {
    const mine = await find(county, `q=${q('双峰驼')}`);
    expect(mine.total).toBe(OWN);
    expect(mine.totalIsLowerBound).toBeUndefined();
    expect(mine.items.map((h) => h.id).sort()).toEqual([800001, 800002, 800003]);
    expect(mine.items.every((h) => h.divisionCode === '150102')).toBe(true);
    expect(mine.items[0]?.snippet).toContain('<mark>双峰驼</mark>');
    expect((await find(county, `q=${q('驼绒')}&pageSize=100`)).items.every((h) => h.divisionCode === '150102')).toBe(
      true,
    );
    expect((await find(county, `q=${q('双峰驼')}&division=150203`)).total).toBe(0);
  });
});
