import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usccCheckChar } from '../../../../../contracts/identifiers.ts';
import { addUser, createTestApp, signIn, type Agent, type TestApp } from '../../../test/harness.ts';
import { gs1CheckDigit } from '../identifiers/check-digit.ts';
import { parseTraceCode } from '../identifiers/trace-code.ts';

const uscc = (division: string, body: string) => {
  const first17 = `93${division}${body}`;
  return first17 + (usccCheckChar(first17) ?? '0');
};
const gtin = (d13: string) => d13 + String(gs1CheckDigit(d13));

describe('trace catalogue: operators, records, scope', () => {
  let t: TestApp;
  let owner: Agent;
  let neighbour: Agent;
  let county: Agent;
  let otherCounty: Agent;
  let operatorId = 0;

  beforeAll(async () => {
    t = await createTestApp();
    await addUser(t, { username: 'coop-owner', role: 'enterprise', division: '150121' });
    await addUser(t, { username: 'coop-neighbour', role: 'enterprise', division: '150121' });
    await addUser(t, { username: 'tzq-officer', role: 'county-officer', division: '150121' });
    await addUser(t, { username: 'xlht-officer', role: 'county-officer', division: '152502' });
    owner = await signIn(t, 'coop-owner');
    neighbour = await signIn(t, 'coop-neighbour');
    county = await signIn(t, 'tzq-officer');
    otherCounty = await signIn(t, 'xlht-officer');
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a bad USCC, an ID number with a USCC, and a bad GS1 prefix, writing nothing', async () => {
    const bad = await owner.request('POST', '/api/trace/operators', {
      name: '测试合作社',
      kind: 'cooperative',
      uscc: '93150121ABCDEFGHJ0',
      divisionCode: '150121',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('统一社会信用代码无效');
    const both = await owner.request('POST', '/api/trace/operators', {
      name: '测试合作社',
      kind: 'cooperative',
      uscc: uscc('150121', 'MA0000001'),
      idNumber: '11010519491231002X',
      divisionCode: '150121',
    });
    expect(both.statusCode).toBe(400);
    const prefix = await owner.request('POST', '/api/trace/operators', {
      name: '测试合作社',
      kind: 'cooperative',
      uscc: uscc('150121', 'MA0000001'),
      divisionCode: '150121',
      gs1CompanyPrefixes: ['12ab'],
    });
    expect(prefix.statusCode).toBe(400);
    const n = await t.db.db
      .selectFrom('trace_operator')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    expect(Number(n?.n)).toBe(0);
  });

  it('registers an operator the enterprise then acts for; an individual’s ID number is stored masked only', async () => {
    const res = await owner.request('POST', '/api/trace/operators', {
      name: '敕勒川测试合作社',
      kind: 'cooperative',
      uscc: uscc('150121', 'MA0000001'),
      divisionCode: '150121',
      gs1CompanyPrefixes: ['6901234'],
    });
    expect(res.statusCode).toBe(201);
    const op = res.json<{ id: number; divisionName: string; gs1CompanyPrefixes: string[] }>();
    operatorId = op.id;
    expect(op.divisionName).toBe('土默特左旗');
    expect(op.gs1CompanyPrefixes).toEqual(['6901234']);
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'trace.operator.create')
      .execute();
    expect(audit).toHaveLength(1);

    const farm = await owner.request('POST', '/api/trace/operators', {
      name: '张三家庭农场',
      kind: 'family_farm',
      idNumber: '11010519491231002X',
      divisionCode: '150121',
    });
    expect(farm.statusCode).toBe(201);
    expect(farm.json<{ maskedId: string }>().maskedId).toBe('1101**********002X');
    expect(farm.body).not.toContain('11010519491231002X');
    const stored = JSON.stringify(await t.db.db.selectFrom('trace_operator').selectAll().execute());
    expect(stored).not.toContain('11010519491231002X');

    const clash = await neighbour.request('POST', '/api/trace/operators', {
      name: '另一合作社',
      kind: 'cooperative',
      uscc: uscc('150121', 'MA0000002'),
      divisionCode: '150121',
      gs1CompanyPrefixes: ['69012345'],
    });
    expect(clash.statusCode).toBe(409);
  });

  it('scopes: the owner and the county officer see the operator, a neighbour and another county do not', async () => {
    const names = async (a: Agent) =>
      (await a.request('GET', '/api/trace/operators?pageSize=50'))
        .json<{ items: { name: string }[] }>()
        .items.map((i) => i.name);
    expect(await names(owner)).toContain('敕勒川测试合作社');
    expect(await names(county)).toContain('敕勒川测试合作社');
    expect(await names(neighbour)).toEqual([]);
    expect(await names(otherCounty)).toEqual([]);
    expect((await neighbour.request('GET', `/api/trace/operators/${operatorId}`)).statusCode).toBe(404);
    expect((await otherCounty.request('GET', `/api/trace/operators/${operatorId}`)).statusCode).toBe(404);
    const search = await county.request('GET', `/api/trace/operators?q=${encodeURIComponent('敕勒川')}`);
    expect(search.json<{ total: number }>().total).toBe(1);
    const write = await neighbour.request('POST', `/api/trace/operators/${operatorId}/sites`, {
      name: '田',
      kind: 'field',
    });
    expect(write.statusCode).toBe(404);
  });

  it('checks GTINs, ear tags and batch rules, and issues a valid trace code with the county visible', async () => {
    const badGtin = await owner.request('POST', `/api/trace/operators/${operatorId}/products`, {
      name: '鲜食玉米',
      category: '粮食',
      unit: '箱',
      gtin: '06901234000011',
    });
    expect(badGtin.statusCode).toBe(400);
    const good = gtin('0690123400001');
    const product = await owner.request('POST', `/api/trace/operators/${operatorId}/products`, {
      name: '鲜食玉米',
      category: '粮食',
      unit: '箱',
      gtin: good,
    });
    expect(product.statusCode).toBe(201);
    const productId = product.json<{ id: number }>().id;
    const site = await owner.request('POST', `/api/trace/operators/${operatorId}/sites`, {
      name: '示范田',
      kind: 'field',
      lat: 40.7,
      lon: 111.1,
    });
    expect(site.statusCode).toBe(201);
    const input = await owner.request('POST', `/api/trace/operators/${operatorId}/input-products`, {
      name: '阿维菌素',
      kind: 'vet_drug',
      registrationNo: '兽药字（演示）001',
      withdrawalDays: 35,
    });
    expect(input.statusCode).toBe(201);
    expect(input.json<{ withdrawalDays: number; kindName: string }>()).toMatchObject({
      withdrawalDays: 35,
      kindName: '兽药',
    });

    const lotWithoutGtin = await owner.request('POST', `/api/trace/operators/${operatorId}/batches`, {
      productId: 999999,
      quantity: 10,
      unit: '箱',
      producedOn: '2026-09-01',
    });
    expect(lotWithoutGtin.statusCode).toBe(400);
    const batch = await owner.request('POST', `/api/trace/operators/${operatorId}/batches`, {
      productId,
      siteId: site.json<{ id: number }>().id,
      quantity: 100,
      unit: '箱',
      producedOn: '2026-09-01',
      lot: 'L2601',
      nationalTraceCode: '国家平台追溯码-演示-001',
    });
    expect(batch.statusCode).toBe(201);
    const b = batch.json<{ traceCode: string; epc: string; digitalLink: string; nationalTraceCode: string }>();
    expect(b.traceCode).toMatch(/^150121-\d{2}-[0-9A-HJKMNP-TV-Z]{16}-[0-9A-Z]$/);
    expect(parseTraceCode(b.traceCode).ok).toBe(true);
    expect(b.digitalLink).toBe(`https://id.gs1.org/01/${good}/10/L2601`);
    expect(b.epc).toBe(b.digitalLink);
    expect(b.nationalTraceCode).toBe('国家平台追溯码-演示-001');
    const dup = await owner.request('POST', `/api/trace/operators/${operatorId}/batches`, {
      productId,
      quantity: 1,
      unit: '箱',
      producedOn: '2026-09-01',
      lot: 'L2601',
    });
    expect(dup.statusCode).toBe(409);

    const badTag = await owner.request('POST', `/api/trace/operators/${operatorId}/animals`, {
      earTag: '915012100000001',
    });
    expect(badTag.statusCode).toBe(400);
    const tag = await owner.request('POST', `/api/trace/operators/${operatorId}/animals`, {
      earTag: '3 150121 00000001',
    });
    expect(tag.statusCode).toBe(201);
    expect(tag.json<{ earTag: string; speciesName: string }>()).toMatchObject({
      earTag: '315012100000001',
      speciesName: '羊',
    });

    const list = await county.request('GET', `/api/trace/batches?q=${b.traceCode}`);
    expect(list.json<{ total: number }>().total).toBe(1);
    expect((await otherCounty.request('GET', '/api/trace/batches')).json<{ total: number }>().total).toBe(0);
    const id = list.json<{ items: { id: number }[] }>().items[0]?.id;
    const png = await owner.request('GET', `/api/trace/batches/${id}/qr.png`);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    const svg = await owner.request('GET', `/api/trace/batches/${id}/qr.svg`);
    expect(svg.body).toContain('<svg');
    const pdf = await owner.request('POST', '/api/trace/batches/labels.pdf', { batchIds: [id], copies: 3 });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await otherCounty.request('POST', '/api/trace/batches/labels.pdf', { batchIds: [id] })).statusCode).toBe(
      404,
    );
    expect((await owner.request('POST', '/api/trace/batches/labels.pdf', { batchIds: [] })).statusCode).toBe(400);
  });
});
