import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, createTestApp, signIn, type Agent, type TestApp } from '../../../test/harness.ts';
import { upload } from '../../../platform/spreadsheets/test-helpers.ts';

const HEADER =
  '成果名称,成果简介,行政区划代码,登记号,关键词,技术领域,成熟度,技术就绪度,转化方式,挂牌价（万元）,保密内容';

describe('achievement import (成果批量导入)', () => {
  let t: TestApp;
  let researcher: Agent;
  beforeEach(async () => {
    t = await createTestApp();
    await addUser(t, { username: 'res', role: 'researcher', division: '150105' });
    researcher = await signIn(t, 'res');
  });
  afterEach(async () => {
    await t.close();
  });

  it('serves the template', async () => {
    const res = await researcher.request('GET', '/api/imports/templates/market-achievements.xlsx');
    expect(res.statusCode).toBe(200);
  });

  it('reports bad rows without echoing the confidential column, then commits every row as a draft', async () => {
    const bad = [
      HEADER,
      '马铃薯雾培快繁,脱毒快繁,150105,150000202501,马铃薯、雾培,种业,成熟,8,普通许可、技术服务,60,SECRET-ROW',
      '重复登记号,简介,150105,150000202501,,,,,,,',
      '未知领域,简介,150105,,,航天,成熟,,,,',
      '外地成果,简介,150203,,,,,,,,',
      '错误方式,简介,150105,,,,,,赠送,,',
    ].join('\n');
    const up = await upload(t, researcher, '/api/imports/market-achievements?wait=true&name=a.csv', bad, 'text/csv');
    expect(up.statusCode, up.body).toBe(201);
    const job = up.json<{ id: number; errorCount: number; errors: { row: number; column: string }[] }>();
    expect(job.errors.map((e) => [e.row, e.column])).toEqual(
      expect.arrayContaining([
        [3, '登记号'],
        [4, '技术领域'],
        [6, '转化方式'],
      ]),
    );
    expect(job.errors.some((e) => e.row === 5)).toBe(true);
    expect(up.body).not.toContain('SECRET-ROW');
    expect((await researcher.request('POST', `/api/imports/${job.id}/commit`)).statusCode).toBe(409);
    expect(await t.db.db.selectFrom('mkt_achievement').select('id').execute()).toHaveLength(0);

    const good = [HEADER, bad.split('\n')[1], '草原补播,免耕补播,150105,,草原,草原生态,中期,,,,'].join('\n');
    const ok = await upload(t, researcher, '/api/imports/market-achievements?wait=true&name=b.csv', good, 'text/csv');
    expect(ok.json()).toMatchObject({ status: 'validated', rowCount: 2, errorCount: 0 });
    expect((await researcher.request('POST', `/api/imports/${ok.json<{ id: number }>().id}/commit`)).statusCode).toBe(
      200,
    );
    const rows = await t.db.db.selectFrom('mkt_achievement').selectAll().orderBy('id').execute();
    expect(rows.map((r) => [r.title, r.status, r.domain, r.stage, r.pricing_mode, r.price])).toEqual([
      ['马铃薯雾培快繁', 'draft', 'seed', 'mature', 'listed', 60],
      ['草原补播', 'draft', 'grassland', 'middle', 'negotiable', null],
    ]);
    expect(JSON.parse(rows[0]!.transfer_modes)).toEqual(['license_ordinary', 'service']);
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'market.achievement.create')
      .execute();
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toContain('SECRET-ROW');
  });
});
