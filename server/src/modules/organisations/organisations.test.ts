import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, createTestApp, signIn, type Agent, type TestApp } from '../../test/harness.ts';

describe('organisations', () => {
  let t: TestApp;
  let county: Agent;
  let league: Agent;
  beforeEach(async () => {
    t = await createTestApp();
    await addUser(t, { username: 'county', role: 'county-officer', division: '150102' });
    await addUser(t, { username: 'league', role: 'league-officer', division: '150100' });
    county = await signIn(t, 'county');
    league = await signIn(t, 'league');
  });
  afterEach(async () => {
    await t.close();
  });

  it('creates an enterprise with a valid credit code and audits it', async () => {
    const res = await county.request('POST', '/api/organisations', {
      name: '深圳市腾讯计算机系统有限公司（测试）',
      type: 'enterprise',
      uscc: '91440300708461136t',
      divisionCode: '150102',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ uscc: '91440300708461136T', divisionName: '新城区', status: 'active' });
    const audit = await t.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'organisation.create')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ division_code: '150102', target_id: String(res.json().id) });
  });

  it('rejects a wrong check character with a Chinese message and a field path, and writes nothing', async () => {
    const res = await county.request('POST', '/api/organisations', {
      name: '错误代码企业',
      type: 'enterprise',
      uscc: '91440300708461136A',
      divisionCode: '150102',
    });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('VALIDATION');
    expect(body.error.details[0].path).toBe('body.uscc');
    expect(body.error.details[0].message).toContain('统一社会信用代码');
    const n = await t.db.db.selectFrom('organisation').select('id').where('name', '=', '错误代码企业').execute();
    expect(n).toHaveLength(0);
  });

  it('requires a credit code for enterprises and refuses unknown fields (mass assignment)', async () => {
    const noCode = await county.request('POST', '/api/organisations', {
      name: '无代码企业',
      type: 'enterprise',
      divisionCode: '150102',
    });
    expect(noCode.statusCode).toBe(400);
    const extra = await county.request('POST', '/api/organisations', {
      name: '某单位',
      type: 'government',
      divisionCode: '150102',
      status: 'active',
      isDemo: true,
    });
    expect(extra.statusCode).toBe(400);
  });

  it('refuses a duplicate credit code with 409', async () => {
    const body = {
      name: '华为技术有限公司（测试）',
      type: 'enterprise',
      uscc: '914403001922038216',
      divisionCode: '150102',
    };
    expect((await county.request('POST', '/api/organisations', body)).statusCode).toBe(201);
    const again = await county.request('POST', '/api/organisations', { ...body, name: '重复' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('DUPLICATE');
  });

  it('lists with paging, filters and search, scoped to the caller', async () => {
    for (const [name, d] of [
      ['新城区马铃薯种业公司', '150102'],
      ['赛罕区乳业公司', '150105'],
      ['昆都仑区稀土公司', '150203'],
    ] as const) {
      await league.request('POST', '/api/organisations', { name, type: 'government', divisionCode: d });
    }
    const mine = (await county.request('GET', '/api/organisations')).json();
    expect(mine.items.map((o: { name: string }) => o.name)).toEqual(['新城区马铃薯种业公司']);
    const all = (await league.request('GET', '/api/organisations?pageSize=1')).json();
    expect(all.total).toBe(2); // 150203 belongs to 包头市 and was refused
    expect(all.items).toHaveLength(1);
    const search = (await league.request('GET', `/api/organisations?q=${encodeURIComponent('乳业')}`)).json();
    expect(search.items.map((o: { name: string }) => o.name)).toEqual(['赛罕区乳业公司']);
    const byDivision = (await league.request('GET', '/api/organisations?division=150102')).json();
    expect(byDivision.total).toBe(1);
    const wildcard = (await league.request('GET', `/api/organisations?q=${encodeURIComponent('%')}`)).json();
    expect(wildcard.total).toBe(0);
    expect((await league.request('GET', '/api/organisations?pageSize=1000')).statusCode).toBe(400);
  });

  it('keeps list totals exact across creates, approvals and status changes (totals are cached between writes)', async () => {
    const total = async (query = '') =>
      (await league.request('GET', `/api/organisations?pageSize=1${query}`)).json().total as number;
    expect(await total()).toBe(0);
    const ids: number[] = [];
    for (const d of ['150102', '150105', '150102']) {
      const res = await league.request('POST', '/api/organisations', {
        name: `${d}测试单位${ids.length}`,
        type: 'social',
        divisionCode: d,
      });
      expect(res.statusCode).toBe(201);
      ids.push(res.json().id as number);
      expect(await total()).toBe(ids.length);
    }
    expect(await total('&division=150102')).toBe(2);
    expect(await total('&status=active')).toBe(3);
    expect((await league.request('PATCH', `/api/organisations/${ids[0]}`, { status: 'disabled' })).statusCode).toBe(
      200,
    );
    expect(await total('&status=active')).toBe(2);
    expect(await total('&status=disabled')).toBe(1);
    expect(await total()).toBe(3);
  });

  it('updates name and status inside the scope only', async () => {
    const created = (
      await league.request('POST', '/api/organisations', {
        name: '赛罕区单位',
        type: 'government',
        divisionCode: '150105',
      })
    ).json();
    expect((await county.request('PATCH', `/api/organisations/${created.id}`, { name: '越权修改' })).statusCode).toBe(
      404,
    );
    const res = await league.request('PATCH', `/api/organisations/${created.id}`, { status: 'disabled' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('disabled');
  });
});
