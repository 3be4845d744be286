/** 技术合同 through the API: validation, scope, directions, statistics with inflow, facts, update and delete. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createTestApp, signIn, type Agent, type TestApp } from '../../../test/harness.ts';
import { contractBody } from './fixtures.test-helper.ts';

describe('technology contracts', () => {
  let t: TestApp;
  const a: Record<string, Agent> = {};
  const ids: Record<string, number> = {};

  const count = async () =>
    Number(
      (
        await t.db.db
          .selectFrom('mkt_tech_contract')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const listed = async (agent: Agent, query = '') =>
    ((await agent.request('GET', `/api/market/contracts?pageSize=200${query}`)).json().items as { title: string }[])
      .map((c) => c.title.charAt(0))
      .sort();

  beforeAll(async () => {
    t = await createTestApp();
    for (const [name, role, division] of [
      ['region', 'region-officer', '150000'],
      ['hohhot', 'league-officer', '150100'],
      ['baotou', 'league-officer', '150200'],
      ['xincheng', 'county-officer', '150102'],
      ['kundulun', 'county-officer', '150203'],
    ] as const) {
      await addUser(t, { username: name, role, division });
      a[name] = await signIn(t, name);
    }
    // A: 赛罕 -> 新城 (Hohhot); B: 海淀 (Beijing) -> 新城; C: 昆都仑 -> 赛罕 (2025); D: 新城 -> 昆都仑.
    const plan = [
      ['A', a.hohhot, contractBody('150105', '150102', { title: 'A合同', contractValue: 100, turnover: 80 })],
      ['B', a.hohhot, contractBody('110108', '150102', { title: 'B合同', contractValue: 50, turnover: 50 })],
      [
        'C',
        a.baotou,
        contractBody('150203', '150105', {
          title: 'C合同',
          contractValue: 30,
          turnover: 20,
          signedOn: '2025-01-10',
          appliedOn: '2025-01-12',
          registeredOn: '2025-02-01',
        }),
      ],
      ['D', a.hohhot, contractBody('150102', '150203', { title: 'D合同', contractValue: 10, turnover: 10 })],
    ] as const;
    for (const [key, agent, body] of plan) {
      const res = await agent!.request('POST', '/api/market/contracts', body);
      expect(res.statusCode, res.body).toBe(201);
      ids[key] = res.json().id as number;
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses bad input with Chinese messages and writes nothing', async () => {
    const before = await count();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [
        { seller: { uscc: '91150102MA0000000A', name: '坏代码公司', divisionCode: '150105' } },
        'body.seller.uscc',
        /统一社会信用代码无效/,
      ],
      [{ turnover: 120 }, 'body.turnover', /技术交易额不能大于合同成交额/],
      [
        { buyer: { uscc: '911501027XXXXXXXXX', name: '某公司', divisionCode: '159999' } },
        'body.buyer.uscc',
        /统一社会信用代码/,
      ],
      [{ registeredOn: '2024-02-30' }, 'body.registeredOn', /日期无效/],
      [{ agencyCode: 'NM-XX' }, 'body.agencyCode', /取值不在允许范围内/],
    ];
    for (const [change, path, message] of cases) {
      const res = await a.hohhot!.request('POST', '/api/market/contracts', {
        ...contractBody('150105', '150102'),
        ...change,
      });
      expect(res.statusCode, JSON.stringify(change)).toBe(400);
      const detail = (res.json().error.details as { path: string; message: string }[]).find((d) => d.path === path);
      expect(detail?.message, JSON.stringify(res.json())).toMatch(message);
    }
    const unknownCounty = contractBody('150105', '159999');
    const res = await a.hohhot!.request('POST', '/api/market/contracts', unknownCounty);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('行政区划 159999 不存在或不是旗县级单位');
    const league = await a.hohhot!.request('POST', '/api/market/contracts', contractBody('150105', '150100'));
    expect(league.json().error.details[0]).toMatchObject({ path: 'body.buyer.divisionCode' });
    const wrongAgency = await a.hohhot!.request(
      'POST',
      '/api/market/contracts',
      contractBody('150105', '150102', { agencyCode: 'NM-BAOTOU' }),
    );
    expect(wrongAgency.json().error.message).toMatch(/不受理卖方所在地区/);
    expect(await count()).toBe(before);
  });

  it('registers in the seller’s divisions only, flags late registration and refuses a duplicate number', async () => {
    expect(
      (await a.hohhot!.request('POST', '/api/market/contracts', contractBody('150203', '150102'))).statusCode,
    ).toBe(403);
    expect(
      (await a.xincheng!.request('POST', '/api/market/contracts', contractBody('150102', '150105'))).statusCode,
    ).toBe(403);
    // A seller outside the region registers at the buyer: Baotou may not record Beijing -> 新城.
    expect(
      (await a.baotou!.request('POST', '/api/market/contracts', contractBody('110108', '150102'))).statusCode,
    ).toBe(403);
    const late = await a.region!.request(
      'POST',
      '/api/market/contracts',
      contractBody('150929', '150929', { registeredOn: '2024-04-30', title: 'LATE合同' }),
    );
    expect(late.statusCode).toBe(201);
    expect(late.json()).toMatchObject({ registrationOverdue: true, registrationDays: 56, divisionCode: '150929' });
    expect(late.json().seller).toMatchObject({ divisionName: '四子王旗', leagueCode: '150900' });
    const again = await a.region!.request('POST', '/api/market/contracts', {
      ...contractBody('150929', '150929'),
      registrationNo: late.json().registrationNo,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('该登记号已登记');
    const audit = await t.db.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'market.contract.create')
      .execute();
    expect(audit.length).toBe(5);
    expect((await a.region!.request('DELETE', `/api/market/contracts/${late.json().id}`)).statusCode).toBe(200);
  });

  it('shows a county the contracts touching it, a league those touching its counties', async () => {
    expect(await listed(a.xincheng!)).toEqual(['A', 'B', 'D']);
    expect(await listed(a.kundulun!)).toEqual(['C', 'D']);
    expect(await listed(a.hohhot!)).toEqual(['A', 'B', 'C', 'D']);
    expect(await listed(a.baotou!)).toEqual(['C', 'D']);
    expect((await a.xincheng!.request('GET', `/api/market/contracts/${ids.C}`)).statusCode).toBe(404);
    expect((await a.kundulun!.request('GET', `/api/market/contracts/${ids.D}`)).statusCode).toBe(200);
    // A foreign division filter narrows to nothing instead of widening.
    expect(await listed(a.xincheng!, '&division=150203')).toEqual([]);
  });

  it('filters by direction, year, type, field and search', async () => {
    expect(await listed(a.xincheng!, '&direction=inflow')).toEqual(['A', 'B']);
    expect(await listed(a.xincheng!, '&direction=outflow')).toEqual(['D']);
    expect(await listed(a.hohhot!, '&direction=inflow')).toEqual(['B', 'C']);
    expect(await listed(a.hohhot!, '&direction=local')).toEqual(['A']);
    expect(await listed(a.hohhot!, '&division=150105&direction=seller')).toEqual(['A']);
    expect(await listed(a.region!, '&year=2025')).toEqual(['C']);
    expect(await listed(a.region!, '&type=service')).toEqual([]);
    expect(await listed(a.region!, '&field=agriculture&q=%E5%8D%96%E6%96%B9')).toEqual(['A', 'B', 'C', 'D']);
    const page = (await a.region!.request('GET', '/api/market/contracts?pageSize=1&page=2')).json();
    expect(page).toMatchObject({ total: 4, page: 2, pageSize: 1 });
    expect(page.items).toHaveLength(1);
  });

  it('counts seller side, buyer side and inflow by county and league', async () => {
    const byCounty = (await a.region!.request('GET', '/api/market/contract-stats?groupBy=county&year=2024')).json();
    expect(byCounty.rows).toHaveLength(103);
    const xincheng = byCounty.rows.find((r: { key: string }) => r.key === '150102');
    expect(xincheng).toMatchObject({
      name: '新城区',
      seller: { count: 1, contractValue: 10, turnover: 10 },
      buyer: { count: 2, contractValue: 150, turnover: 130 },
      inflow: { count: 2, turnover: 130 },
      outflow: { count: 1, turnover: 10 },
    });
    expect(byCounty.total.inflow).toMatchObject({ count: 1, turnover: 50 }); // only Beijing's enters the region
    const byLeague = (await a.hohhot!.request('GET', '/api/market/contract-stats?groupBy=league')).json();
    expect(byLeague.rows).toHaveLength(1);
    expect(byLeague.rows[0]).toMatchObject({
      key: '150100',
      seller: { turnover: 90 },
      buyer: { turnover: 150 },
      inflow: { count: 2, turnover: 70 },
      outflow: { turnover: 10 },
    });
    const county = (await a.xincheng!.request('GET', '/api/market/contract-stats?groupBy=year')).json();
    expect(county.rows).toEqual([
      expect.objectContaining({ key: '2024', inflow: expect.objectContaining({ turnover: 130 }) }),
    ]);
  });

  it('publishes facts per county: seller side, buyer side and inflow', async () => {
    const fact = async (name: string, division: string, period = '2024') =>
      (await a.region!.request('GET', `/api/metrics/${name}?division=${division}&period=${period}`)).json().total.value;
    expect(await fact('market.contracts_count', '150102')).toBe(1);
    expect(await fact('market.contracts_count_buyer', '150102')).toBe(2);
    expect(await fact('market.contract_turnover', '150100')).toBe(90);
    expect(await fact('market.contract_turnover_buyer', '150102')).toBe(130);
    expect(await fact('market.contract_turnover_in', '150102')).toBe(130);
    expect(await fact('market.contracts_count_in', '150203')).toBe(1);
    expect(await fact('market.contract_turnover_in', '150105', '2025')).toBe(20);
    expect(await fact('market.contract_turnover', '150000')).toBe(90); // Beijing's seller is outside the region
  });

  it('tells the receiving county’s officers of technology flowing in', async () => {
    const res = await a.xincheng!.request('GET', '/api/notifications');
    const items = res.json<{ items: { kind: string; titleZh: string }[] }>().items;
    const inflow = items.filter((n) => n.kind === 'market.contract.inflow').map((n) => n.titleZh);
    expect(inflow.sort()).toEqual(['技术流入：A合同', '技术流入：B合同']);
    const kundulun = (await a.kundulun!.request('GET', '/api/notifications')).json<{ items: { titleZh: string }[] }>();
    expect(kundulun.items.map((n) => n.titleZh)).toEqual(['技术流入：D合同']);
  });

  it('updates with the same rules and deletes, audited; county officers cannot write', async () => {
    const bad = await a.hohhot!.request('PATCH', `/api/market/contracts/${ids.A}`, { turnover: 101 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('技术交易额不能大于合同成交额');
    const ok = await a.hohhot!.request('PATCH', `/api/market/contracts/${ids.A}`, {
      taxReview: 'passed',
      registeredOn: '2024-05-01',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ taxReview: 'passed', registrationOverdue: true, turnover: 80 });
    expect((await a.baotou!.request('PATCH', `/api/market/contracts/${ids.A}`, { note: 'x' })).statusCode).toBe(404);
    expect((await a.xincheng!.request('DELETE', `/api/market/contracts/${ids.D}`)).statusCode).toBe(403);
    const exported = await a.hohhot!.request('GET', '/api/market/contracts/export.csv?direction=inflow');
    expect(exported.statusCode).toBe(200);
    expect(exported.body.split('\n').filter((l) => l.trim()).length).toBe(3);
    const audits = await t.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'market.contract.%')
      .execute();
    expect(audits.map((r) => r.action)).toEqual(
      expect.arrayContaining(['market.contract.update', 'market.contract.export']),
    );
  });
});
