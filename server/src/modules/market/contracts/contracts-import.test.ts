/** Import of the registration agencies' xlsx exports: row report, duplicates refused, all or nothing, template. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upload, xlsxOf } from '../../../platform/spreadsheets/test-helpers.ts';
import { addUser, createTestApp, signIn, type Agent, type TestApp } from '../../../test/harness.ts';
import { demoCreditCode } from './demo-parties.ts';
import { contractBody } from './fixtures.test-helper.ts';

const HEADER = [
  '登记号',
  '登记机构',
  '合同名称',
  '合同类型',
  '技术领域',
  '卖方名称',
  '卖方统一社会信用代码',
  '卖方所在旗县代码',
  '买方名称',
  '买方统一社会信用代码',
  '买方所在旗县代码',
  '合同成交额（万元）',
  '技术交易额（万元）',
  '签订日期',
  '受理日期',
  '登记日期',
  '免税复核',
];

function row(no: string, opts: { seller?: string; buyer?: string; value?: number; turnover?: number } = {}) {
  const seller = opts.seller ?? '150105';
  const buyer = opts.buyer ?? '150929';
  return [
    no,
    '呼和浩特市科技成果转化中心',
    `导入合同${no}`,
    '技术服务',
    '农业',
    '内蒙古农业大学（测试）',
    demoCreditCode('12', seller, `s${no}`),
    seller,
    '四子王旗测试马铃薯公司',
    demoCreditCode('91', buyer, `b${no}`),
    buyer,
    opts.value ?? 60,
    opts.turnover ?? 45.5,
    '2024/6/1',
    '2024-06-05',
    '2024年6月20日',
    '未申请',
  ];
}

describe('technology contract import', () => {
  let t: TestApp;
  let hohhot: Agent;
  const imported = async () =>
    Number(
      (
        await t.db.db
          .selectFrom('mkt_tech_contract')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('source', '=', 'import')
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    await addUser(t, { username: 'hohhot', role: 'league-officer', division: '150100' });
    hohhot = await signIn(t, 'hohhot');
    const existing = await hohhot.request(
      'POST',
      '/api/market/contracts',
      contractBody('150105', '150102', { registrationNo: 'REG-2024-0001' }),
    );
    expect(existing.statusCode).toBe(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves a template whose headers the upload understands', async () => {
    const res = await hohhot.request('GET', '/api/imports/templates/market-contracts.xlsx');
    expect(res.statusCode).toBe(200);
    const up = await upload(t, hohhot, '/api/imports/market-contracts?name=模板.xlsx', res.rawPayload);
    expect(up.json().errors[0].message).toBe('文件中没有数据行');
  });

  it('reports duplicates (in the file and already registered) and rule breaks by row, and writes nothing', async () => {
    const rows = [
      HEADER,
      row('REG-2024-0100'),
      row('REG-2024-0001'), // already registered
      row('REG-2024-0100'), // repeats row 2
      row('REG-2024-0101', { value: 10, turnover: 12 }),
      row('REG-2024-0102', { buyer: '159999' }),
      row('REG-2024-0103', { seller: '150203' }), // Baotou's seller: outside the caller's scope
    ];
    const res = await upload(t, hohhot, '/api/imports/market-contracts?name=登记机构导出.xlsx', await xlsxOf(rows));
    expect(res.statusCode).toBe(201);
    const job = res.json();
    expect(job.status).toBe('failed');
    const errors = job.errors as { row: number; column: string; message: string }[];
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: '登记号', message: '登记号 REG-2024-0001 已登记，不能重复导入' }),
        expect.objectContaining({ row: 4, column: '登记号', message: '登记号与第 2 行重复' }),
        expect.objectContaining({ row: 5, column: '技术交易额（万元）', message: '技术交易额不能大于合同成交额' }),
        expect.objectContaining({
          row: 6,
          column: '买方所在旗县代码',
          message: '行政区划 159999 不存在或不是旗县级单位',
        }),
        expect.objectContaining({ row: 7, message: expect.stringMatching(/不在您的管辖范围内/) }),
      ]),
    );
    expect(errors.some((e) => e.row === 2)).toBe(false);
    expect((await hohhot.request('POST', `/api/imports/${job.id}/commit`)).statusCode).toBe(409);
    expect(await imported()).toBe(0);
  });

  it('commits every row of a clean file, audited; a duplicate appearing after validation rolls all back', async () => {
    const clean = await upload(
      t,
      hohhot,
      '/api/imports/market-contracts',
      await xlsxOf([HEADER, row('REG-2024-0200'), row('REG-2024-0201'), row('REG-2024-0202')]),
    );
    expect(clean.json().status).toBe('validated');
    const clash = await hohhot.request(
      'POST',
      '/api/market/contracts',
      contractBody('150105', '150102', { registrationNo: 'REG-2024-0202' }),
    );
    expect(clash.statusCode).toBe(201);
    const refused = await hohhot.request('POST', `/api/imports/${clean.json().id}/commit`);
    expect(refused.statusCode).toBe(409);
    expect(await imported()).toBe(0);

    const ok = await upload(
      t,
      hohhot,
      '/api/imports/market-contracts',
      await xlsxOf([
        HEADER,
        row('REG-2024-0300'),
        row('REG-2024-0301', { seller: '110108', buyer: '150102' }).with(1, '区外登记机构'),
      ]),
    );
    expect(ok.json().status, JSON.stringify(ok.json().errors)).toBe('validated');
    const commit = await hohhot.request('POST', `/api/imports/${ok.json().id}/commit`);
    expect(commit.statusCode).toBe(200);
    expect(await imported()).toBe(2);
    const list = (await hohhot.request('GET', '/api/market/contracts?q=REG-2024-0300')).json();
    expect(list.items[0]).toMatchObject({
      signedOn: '2024-06-01',
      registeredOn: '2024-06-20',
      registrationDays: 15,
      type: 'service',
      turnover: 45.5,
      source: 'import',
    });
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'market.contract.create')
      .where('details', 'like', '%import%')
      .execute();
    expect(audit).toHaveLength(2);
  });
});
