/** platform/metrics through the API: organisations.count against direct SQL, the tree, scope, cache, errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FactResult } from '../../../../contracts/metrics.ts';
import type { OrganisationStatus, OrganisationType } from '../../modules/organisations/organisations.tables.ts';
import { addUser, createTestApp, signIn, signInAdmin, type Agent, type TestApp } from '../../test/harness.ts';
import { FACT_CACHE_TTL_MS } from './cache.ts';

const TYPES: OrganisationType[] = ['government', 'responsibility_unit', 'enterprise', 'institution', 'social'];
const URL = '/api/metrics/organisations.count';

describe('platform/metrics: organisations.count', () => {
  let t: TestApp;
  const agents: Record<string, Agent> = {};
  let seq = 0;

  async function insertOrg(division: string, type: OrganisationType, status: OrganisationStatus): Promise<void> {
    const now = new Date().toISOString();
    await t.db.db
      .insertInto('organisation')
      .values({
        name: `指标单位${++seq}`,
        type,
        uscc: null,
        division_code: division,
        status,
        is_demo: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  async function get(agent: Agent, query: string): Promise<{ status: number; body: FactResult }> {
    const res = await agent.request('GET', `${URL}${query}`);
    return { status: res.statusCode, body: res.json<FactResult>() };
  }

  beforeAll(async () => {
    t = await createTestApp();
    // Demo-like data: a deterministic spread over the 103 counties, plus rows that must not count or sit above counties.
    const counties = await t.db.db
      .selectFrom('division')
      .select('code')
      .where('code', 'like', '15%')
      .where('level', '=', 'county')
      .orderBy('code')
      .execute();
    for (const [i, { code }] of counties.entries()) {
      for (let k = 0; k < (i * 7) % 5; k++)
        await insertOrg(code, TYPES[(i + k) % TYPES.length] ?? 'government', 'active');
      if (i % 4 === 0) await insertOrg(code, 'enterprise', i % 8 === 0 ? 'disabled' : 'pending');
    }
    await insertOrg('150100', 'government', 'active'); // the league's own unit: in the league total, in no county
    for (const [name, role, division] of [
      ['region', 'region-officer', '150000'],
      ['hohhot', 'league-officer', '150100'],
      ['xincheng', 'county-officer', '150102'],
      ['farmer', 'farmer', '150102'],
    ] as const) {
      await addUser(t, { username: name, role, division });
      agents[name] = await signIn(t, name);
    }
    await addUser(t, { username: 'sysadmin', role: 'sys-admin', division: '150000' });
    agents.sysadmin = await signInAdmin(t, 'sysadmin');
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts active organisations per county and type exactly as direct SQL does', async () => {
    const { status, body } = await get(agents.region!, '?division=150000&level=county&by=type');
    expect(status).toBe(200);
    expect(body.items).toHaveLength(103);
    const sqlRows = await t.db.db
      .selectFrom('organisation')
      .select(['division_code', 'type', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('status', '=', 'active')
      .groupBy(['division_code', 'type'])
      .execute();
    const expected = new Map<string, Record<string, number>>();
    for (const r of sqlRows) expected.set(r.division_code, { ...expected.get(r.division_code), [r.type]: Number(r.n) });
    let nonZero = 0;
    for (const item of body.items) {
      const want = expected.get(item.divisionCode) ?? {};
      expect(item.breakdown, item.divisionCode).toEqual(want);
      expect(item.value).toBe(Object.values(want).reduce((a, b) => a + b, 0));
      if (item.value > 0) nonZero++;
    }
    expect(nonZero).toBeGreaterThan(50);
    expect(body).toMatchObject({ period: 'current', level: 'county', by: 'type', unit: '个' });
    const all = sqlRows.filter((r) => r.division_code.startsWith('15')).reduce((a, r) => a + Number(r.n), 0);
    expect(body.total).toMatchObject({ divisionCode: '150000', value: all });
  });

  it('aggregates up the tree: a league is the sum of its counties (plus its own units), the region of its leagues', async () => {
    const counties = (await get(agents.region!, '?division=150000&level=county')).body;
    const leagues = (await get(agents.region!, '?division=150000&level=prefecture')).body;
    expect(leagues.items).toHaveLength(12);
    const parents = new Map(
      (await t.db.db.selectFrom('division').select(['code', 'parent_code']).execute()).map((d) => [
        d.code,
        d.parent_code,
      ]),
    );
    for (const league of leagues.items) {
      const sum = counties.items
        .filter((c) => parents.get(c.divisionCode) === league.divisionCode)
        .reduce((a, c) => a + c.value, 0);
      expect(league.value, league.divisionCode).toBe(sum + (league.divisionCode === '150100' ? 1 : 0));
      expect(league.level).toBe('prefecture');
    }
    expect(leagues.total.value).toBe(leagues.items.reduce((a, l) => a + l.value, 0));
    expect(leagues.total.value).toBe(counties.total.value);
    const province = (await get(agents.region!, '?division=150000&level=province')).body;
    expect(province.items).toEqual([expect.objectContaining({ divisionCode: '150000', value: leagues.total.value })]);
    // The default level is the one below the division.
    expect((await get(agents.region!, '')).body.level).toBe('prefecture');
  });

  it('answers only inside the caller scope', async () => {
    const county = await get(agents.xincheng!, '');
    expect(county.status).toBe(200);
    expect(county.body.items.map((i) => i.divisionCode)).toEqual(['150102']);
    expect((await get(agents.xincheng!, '?division=150203')).status).toBe(404);
    expect((await get(agents.xincheng!, '?division=150000')).status).toBe(404);
    expect((await get(agents.xincheng!, '?division=150100')).status).toBe(404);
    const league = await get(agents.hohhot!, '');
    expect(league.status).toBe(200);
    const hohhotCounties = await t.db.db
      .selectFrom('division')
      .select('code')
      .where('parent_code', '=', '150100')
      .orderBy('code')
      .execute();
    expect(league.body.items.map((i) => i.divisionCode)).toEqual(hohhotCounties.map((d) => d.code));
    expect((await get(agents.hohhot!, '?division=150102')).status).toBe(200);
    expect((await get(agents.hohhot!, '?division=150200')).status).toBe(404);
    expect((await get(agents.hohhot!, '?division=150203')).status).toBe(404);
    expect((await get(agents.farmer!, '')).status).toBe(403);
    expect((await get(agents.sysadmin!, '')).status).toBe(403); // 三员 hold no business data
    expect((await t.app.inject({ method: 'GET', url: URL })).statusCode).toBe(401);
  });

  it('serves from the cache until a write through the service invalidates it, or the TTL passes', async () => {
    const before = (await get(agents.region!, '?division=150102&by=type')).body;
    const created = await agents.xincheng!.request('POST', '/api/organisations', {
      name: '指标缓存测试单位',
      type: 'social',
      divisionCode: '150102',
    });
    expect(created.statusCode).toBe(201);
    const after = (await get(agents.region!, '?division=150102&by=type')).body;
    expect(after.total.value).toBe(before.total.value + 1);
    expect(after.total.breakdown?.social).toBe((before.total.breakdown?.social ?? 0) + 1);
    // A write that bypasses the service is seen only once the TTL has passed.
    await insertOrg('150102', 'social', 'active');
    expect((await get(agents.region!, '?division=150102&by=type')).body.total.value).toBe(after.total.value);
    t.clock.advance(FACT_CACHE_TTL_MS + 1000);
    expect((await get(agents.region!, '?division=150102&by=type')).body.total.value).toBe(after.total.value + 1);
    // Disabling an organisation through the service takes it out at once.
    const id = created.json<{ id: number }>().id;
    expect(
      (await agents.xincheng!.request('PATCH', `/api/organisations/${id}`, { status: 'disabled' })).statusCode,
    ).toBe(200);
    expect((await get(agents.region!, '?division=150102&by=type')).body.total.value).toBe(after.total.value);
  });

  it('answers 404 for an unknown fact and 400 for bad parameters, in Chinese', async () => {
    const unknown = await agents.region!.request('GET', '/api/metrics/nothing.here');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain('指标事实');
    for (const q of [
      '?level=town',
      '?division=15a000',
      '?period=2025',
      '?by=colour',
      '?division=150102&level=prefecture',
    ]) {
      const res = await agents.region!.request('GET', `${URL}${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
      expect(res.json().error.message, q).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await agents.region!.request('GET', '/api/metrics/Not-A-Fact')).statusCode).toBe(400);
  });

  it('lists the registered facts to any signed-in user', async () => {
    const res = await agents.farmer!.request('GET', '/api/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toContainEqual({
      name: 'organisations.count',
      title: { zh: '在册单位数（按类型）', en: 'Active organisations (by type)' },
      unit: '个',
      periodType: 'snapshot',
      aggregation: 'sum',
      dimensions: ['type'],
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/metrics' })).statusCode).toBe(401);
  });
});
