import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  CountyAttributeList,
  DivisionCodeChangeList,
  DivisionDetail,
  DivisionList,
} from '../../../../contracts/divisions.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

const LEAGUES_AND_CITIES = [
  ['150100', '呼和浩特市'],
  ['150200', '包头市'],
  ['150300', '乌海市'],
  ['150400', '赤峰市'],
  ['150500', '通辽市'],
  ['150600', '鄂尔多斯市'],
  ['150700', '呼伦贝尔市'],
  ['150800', '巴彦淖尔市'],
  ['150900', '乌兰察布市'],
  ['152200', '兴安盟'],
  ['152500', '锡林郭勒盟'],
  ['152900', '阿拉善盟'],
] as const;

describe('divisions API', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  async function get<T>(url: string): Promise<{ status: number; body: T }> {
    const res = await t.app.inject({ method: 'GET', url });
    return { status: res.statusCode, body: res.json() };
  }

  it('lists the 12 leagues and cities (盟市) of Inner Mongolia as children of 150000', async () => {
    const { status, body } = await get<DivisionList>('/api/divisions/150000/children');
    expect(status).toBe(200);
    expect(body.items.map((d) => [d.code, d.name])).toEqual(LEAGUES_AND_CITIES);
    for (const d of body.items) expect(d).toMatchObject({ level: 'prefecture', parentCode: '150000' });
    expect(body.items.find((d) => d.code === '152900')?.type).toBe('盟');
    expect(body.items.find((d) => d.code === '150100')?.type).toBe('地级市');
  });

  it('gives exactly 103 county-level descendants of 150000 with the published type counts, no development zones', async () => {
    const { status, body } = await get<DivisionList>('/api/divisions/150000/descendants?level=county');
    expect(status).toBe(200);
    expect(body.items).toHaveLength(103);
    const codes = body.items.map((d) => d.code);
    expect(codes).toEqual([...codes].sort());
    for (const zone of ['150172', '150271', '150571', '152571', '152971']) expect(codes).not.toContain(zone);
    expect(codes.filter((c) => c.charAt(4) === '7')).toEqual([]);
    const counts: Record<string, number> = {};
    for (const d of body.items) counts[d.type] = (counts[d.type] ?? 0) + 1;
    expect(counts).toEqual({ 旗: 49, 自治旗: 3, 县: 17, 县级市: 11, 市辖区: 23 });
    for (const d of body.items) expect(d.level).toBe('county');
  });

  it('lists all descendants without a level filter, and none below a county', async () => {
    const all = await get<DivisionList>('/api/divisions/150000/descendants');
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(12 + 103);
    expect(all.body.items.map((d) => d.code)).not.toContain('150000');
    const prefectures = await get<DivisionList>('/api/divisions/150000/descendants?level=prefecture');
    expect(prefectures.body.items.map((d) => d.code)).toEqual(LEAGUES_AND_CITIES.map(([c]) => c));
    const leaf = await get<DivisionList>('/api/divisions/150102/descendants');
    expect(leaf.status).toBe(200);
    expect(leaf.body.items).toEqual([]);
  });

  it('keeps 包头市 (150200) and 昆都仑区 (150203) apart: parentage comes from the tree, not code prefixes', async () => {
    const city = await get<DivisionDetail>('/api/divisions/150200');
    expect(city.status).toBe(200);
    expect(city.body).toMatchObject({
      code: '150200',
      name: '包头市',
      level: 'prefecture',
      type: '地级市',
      parentCode: '150000',
    });
    const district = await get<DivisionDetail>('/api/divisions/150203');
    expect(district.body).toMatchObject({
      code: '150203',
      name: '昆都仑区',
      level: 'county',
      type: '市辖区',
      parentCode: '150200',
    });
    const children = await get<DivisionList>('/api/divisions/150200/children');
    expect(children.body.items.map((d) => d.code)).toContain('150203');
    for (const d of children.body.items) expect(d.parentCode).toBe('150200');
    const none = await get<DivisionList>('/api/divisions/150203/children');
    expect(none.body.items).toEqual([]);
  });

  it("returns a county's path from the region down to itself", async () => {
    const { status, body } = await get<DivisionDetail>('/api/divisions/150627');
    expect(status).toBe(200);
    expect(body).toMatchObject({ code: '150627', name: '伊金霍洛旗', type: '旗', parentCode: '150600' });
    expect(body.path).toEqual([
      { code: '150000', name: '内蒙古自治区', level: 'province' },
      { code: '150600', name: '鄂尔多斯市', level: 'prefecture' },
      { code: '150627', name: '伊金霍洛旗', level: 'county' },
    ]);
    const region = await get<DivisionDetail>('/api/divisions/150000');
    expect(region.body.path).toEqual([{ code: '150000', name: '内蒙古自治区', level: 'province' }]);
  });

  it('answers 404 for an unknown code on every route, including a dropped development zone', async () => {
    for (const url of [
      '/api/divisions/150199',
      '/api/divisions/150199/children',
      '/api/divisions/150199/descendants',
      '/api/divisions/150199/attributes',
      '/api/divisions/150172',
    ]) {
      const res = await get<{ error: { code: string; message: string; messageEn: string } }>(url);
      expect(res.status, url).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
      expect(res.body.error.message).toMatch(/行政区划/);
      expect(res.body.error.messageEn).toMatch(/division/);
    }
  });

  it('answers 400 for a malformed code or query', async () => {
    for (const url of [
      '/api/divisions/abc',
      '/api/divisions/15010',
      '/api/divisions/abc/children',
      '/api/divisions/abc/descendants',
      '/api/divisions/abc/attributes',
      '/api/divisions/150000/descendants?level=village',
      '/api/divisions/150102/attributes?year=abc',
      '/api/divisions/history?code=abc',
    ]) {
      const res = await get<{ error: { code: string; details?: { path: string }[] } }>(url);
      expect(res.status, url).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
      expect(res.body.error.details?.length).toBeGreaterThan(0);
    }
  });

  it('returns sourced county attributes of 新城区 (150102), including the 2020 census population', async () => {
    const { status, body } = await get<CountyAttributeList>('/api/divisions/150102/attributes');
    expect(status).toBe(200);
    const population = body.items.find((a) => a.attribute === 'resident_population' && a.year === 2020);
    expect(population).toMatchObject({ valueNumber: 699672, valueText: null, year: 2020 });
    expect(population?.source).toMatch(/2020/);
    for (const a of body.items) expect(a.source.length).toBeGreaterThan(0);
    const keys = body.items.map((a) => `${a.attribute}\u0000${String(a.year).padStart(4, '0')}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('filters attributes by year and attribute', async () => {
    const one = await get<CountyAttributeList>(
      '/api/divisions/150102/attributes?attribute=resident_population&year=2020',
    );
    expect(one.status).toBe(200);
    expect(one.body.items).toHaveLength(1);
    expect(one.body.items[0]).toMatchObject({ attribute: 'resident_population', valueNumber: 699672, year: 2020 });
    const byYear = await get<CountyAttributeList>('/api/divisions/150102/attributes?year=2020');
    expect(byYear.body.items.length).toBeGreaterThan(0);
    for (const a of byYear.body.items) expect(a.year).toBe(2020);
    const none = await get<CountyAttributeList>('/api/divisions/150102/attributes?year=1950');
    expect(none.body.items).toEqual([]);
  });

  it('finds the 东胜区 -> 康巴什区 split in the code history by either code', async () => {
    for (const code of ['150602', '150603']) {
      const { status, body } = await get<DivisionCodeChangeList>(`/api/divisions/history?code=${code}`);
      expect(status).toBe(200);
      const split = body.items.find((h) => h.newCode === '150603');
      expect(split).toMatchObject({
        oldCode: '150602',
        oldName: '东胜区',
        newCode: '150603',
        newName: '康巴什区',
        changeType: 'split',
        effectiveDate: '2016-02-26',
      });
      expect(split?.source).toMatch(/民政部/);
    }
    const unrelated = await get<DivisionCodeChangeList>('/api/divisions/history?code=150102');
    expect(unrelated.status).toBe(200);
    expect(unrelated.body.items).toEqual([]);
    const all = await get<DivisionCodeChangeList>('/api/divisions/history');
    expect(all.body.items.length).toBeGreaterThanOrEqual(1);
  });

  it('rate-limits the public division routes to 300 requests a minute', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/divisions/150000' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-ratelimit-limit']).toBe('300');
  });

  it('declares every division route public reference data with a response schema', () => {
    const routes = t.app.routeInventory.filter((e) => e.url.startsWith('/api/divisions'));
    expect(routes.map((e) => `${e.method} ${e.url}`).sort()).toEqual([
      'GET /api/divisions/:code',
      'GET /api/divisions/:code/attributes',
      'GET /api/divisions/:code/children',
      'GET /api/divisions/:code/descendants',
      'GET /api/divisions/history',
    ]);
    for (const e of routes) {
      expect(e.rule).toEqual({ access: 'public', scope: 'public-data', audit: 'none' });
      expect(e.hasSchema).toBe(true);
    }
  });
});
