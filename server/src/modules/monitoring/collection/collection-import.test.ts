import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, createTestApp, signIn, type Agent, type TestApp } from '../../../test/harness.ts';
import { OFFICERS, TEST_FRAMEWORK_CODE, VALID_VALUES, insertTestFramework } from './collection.test-helpers.ts';

const FORM = '/api/monitoring/forms/150102/2025';

describe('spreadsheet import of values', () => {
  let t: TestApp;
  const a = {} as Record<keyof typeof OFFICERS, Agent>;

  beforeEach(async () => {
    t = await createTestApp();
    await insertTestFramework(t.db.db);
    for (const [name, o] of Object.entries(OFFICERS) as [
      keyof typeof OFFICERS,
      (typeof OFFICERS)[keyof typeof OFFICERS],
    ][]) {
      await addUser(t, { username: name, role: o.role, division: o.division });
      a[name] = await signIn(t, name);
    }
  });
  afterEach(async () => {
    await t.close();
  });

  const upload = (agent: Agent, url: string, body: string | Buffer, type = 'text/csv') =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf, 'content-type': type },
      payload: body,
    });
  const values = () =>
    t.db.db
      .selectFrom('mon_value')
      .select(['division_code', 'indicator_code', 'period', 'value', 'text_value', 'source', 'note'])
      .where('framework_code', '=', TEST_FRAMEWORK_CODE)
      .orderBy('division_code')
      .orderBy('period')
      .orderBy('indicator_code')
      .execute();
  const audits = (action: string) => t.db.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute();

  it("builds the template of a county-year with last year's values, and imports it back filled", async () => {
    await a.xincheng.request('PUT', '/api/monitoring/forms/150102/2024/values', { values: VALID_VALUES });
    const res = await a.xincheng.request('GET', `${FORM}/template.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain('monitoring-150102-2025.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('填报数据')!;
    expect(ws.getRow(1).values).toEqual([
      undefined,
      '指标代码',
      '维度',
      '指标名称',
      '单位',
      '上年值',
      '本年值',
      '数据来源',
      '备注',
    ]);
    expect(ws.getRow(2).getCell(1).value).toBe('A1');
    expect(ws.getRow(2).getCell(5).value).toBe(1.2);
    expect(ws.rowCount).toBe(8);
    expect((await a.kundulun.request('GET', `${FORM}/template.xlsx`)).statusCode).toBe(404);
    expect((await a.hohhot.request('GET', `${FORM}/template.xlsx`)).statusCode).toBe(403);

    // Fill it in as a county officer would, and upload the xlsx.
    const fill: Record<string, unknown> = { A1: 1.3, A2: 5100, A3: 900, B1: 14, B4: '科技特派员全覆盖' };
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const code = row.getCell(1).text;
      if (code in fill) row.getCell(6).value = fill[code] as number;
      if (code === 'A1') row.getCell(7).value = '统计年鉴';
    });
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const up = await upload(
      a.xincheng,
      `${FORM}/import?name=${encodeURIComponent('新城区.xlsx')}`,
      file,
      'application/octet-stream',
    );
    expect(up.statusCode).toBe(200);
    expect(up.json()).toMatchObject({
      status: 'saved',
      format: 'xlsx',
      rowCount: 7,
      changed: ['A1', 'A2', 'A3', 'B1', 'B4'],
    });
    const saved = (await values()).filter((v) => v.period === 2025);
    expect(saved.map((v) => [v.indicator_code, v.value ?? v.text_value, v.source])).toEqual([
      ['A1', 1.3, '统计年鉴'],
      ['A2', 5100, ''],
      ['A3', 900, ''],
      ['B1', 14, ''],
      ['B4', '科技特派员全覆盖', ''],
    ]);
    const audit = await audits('monitoring.values.import');
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details!)).toMatchObject({ fileName: '新城区.xlsx', rows: 7 });
  });

  it('changes nothing when one row is bad, then saves the corrected file', async () => {
    const bad = [
      '指标代码,指标名称,本年值,数据来源,备注',
      'A1,研发经费投入强度,1.4,统计年鉴,',
      'A2,财政科技支出,五千,,',
      'A3,其中,-5,,',
      'ZZ,未知,1,,',
      'B4,特色做法,' + '长'.repeat(201) + ',,',
      'A1,重复,2,,',
    ].join('\n');
    const res = await upload(a.xincheng, `${FORM}/import?name=bad.csv`, bad);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ status: 'failed', format: 'csv', changed: [] });
    expect(res.json().errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`)).toEqual([
      '3:本年值',
      '4:本年值',
      '5:指标代码',
      '6:本年值',
      '7:指标代码',
    ]);
    expect(res.json().errors[0].message).toBe('“五千”不是数字');
    expect(await values()).toEqual([]);
    expect(await audits('monitoring.values.import')).toEqual([]);

    const good = ['指标代码,本年值,数据来源,备注', 'A1,1.4,统计年鉴,', 'A2,"5,000",,', 'A3,500,,', 'B1,9,,'].join(
      '\r\n',
    );
    const ok = await upload(a.xincheng, `${FORM}/import?name=good.csv`, good);
    expect(ok.statusCode).toBe(200);
    expect((await values()).map((v) => [v.indicator_code, v.value])).toEqual([
      ['A1', 1.4],
      ['A2', 5000],
      ['A3', 500],
      ['B1', 9],
    ]);
    // Locked data refuses imports; other counties and missing columns are refused too.
    await a.xincheng.request('POST', `${FORM}/submit`, {});
    expect((await upload(a.xincheng, `${FORM}/import`, good)).statusCode).toBe(409);
    expect((await upload(a.kundulun, `${FORM}/import`, good)).statusCode).toBe(404);
    const noColumn = await upload(a.xincheng, '/api/monitoring/forms/150102/2024/import', '代码,值\nA1,1\n');
    expect(noColumn.statusCode).toBe(422);
    expect(noColumn.json().errors[0].message).toContain('缺少“指标代码”列');
  });

  it('bulk-loads a yearbook CSV of counties x indicators x years, all or nothing, optionally approved', async () => {
    const rows = ['旗县代码,指标代码,年份,数值,来源,备注'];
    for (const county of ['150102', '150203', '152921'])
      for (const year of [2022, 2023])
        for (const [code, v] of [
          ['A1', 1.1],
          ['A2', 4000],
          ['A3', 300],
          ['B1', 8],
        ] as const)
          rows.push(`${county},${code},${year},${v},内蒙古统计年鉴${year + 1},`);
    const broken = [
      ...rows,
      '150102,A1,1999,1,,',
      '150102,A9,2022,1,,',
      '150102,A1,2022,2,,',
      '110101,A1,2022,1,,',
      '150105,A2,2023,-3,,',
    ];
    const fail = await upload(a.region, '/api/monitoring/values/import.csv?name=yearbook.csv', broken.join('\n'));
    expect(fail.statusCode).toBe(422);
    expect(fail.json()).toMatchObject({ status: 'failed', rowCount: 29, errorCount: 5, inserted: 0 });
    expect(fail.json().errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`)).toEqual([
      '26:年份',
      '27:指标代码',
      '28:指标代码',
      '29:旗县代码',
      '30:数值',
    ]);
    expect(await values()).toEqual([]);

    // Only the region (monitoring:manage) loads; a county officer is refused.
    expect((await upload(a.xincheng, '/api/monitoring/values/import.csv', rows.join('\n'))).statusCode).toBe(403);
    expect((await upload(a.hohhot, '/api/monitoring/values/import.csv', rows.join('\n'))).statusCode).toBe(403);

    const ok = await upload(
      a.region,
      '/api/monitoring/values/import.csv?name=yearbook.csv',
      `\uFEFF${rows.join('\r\n')}\r\n`,
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      status: 'saved',
      encoding: 'utf-8',
      rowCount: 24,
      inserted: 24,
      updated: 0,
      countyYears: 6,
      approved: 0,
    });
    expect(await values()).toHaveLength(24);
    const subs = await t.db.db.selectFrom('mon_submission').select(['division_code', 'period', 'status']).execute();
    expect(subs).toHaveLength(6);
    expect(new Set(subs.map((s) => s.status))).toEqual(new Set(['draft']));

    // Loading again with one changed value and approval: one update (with a revision), the rest unchanged, all approved.
    const again = rows.map((r) => (r.startsWith('150203,B1,2023') ? '150203,B1,2023,9,内蒙古统计年鉴2024,更正' : r));
    const approved = await upload(a.region, '/api/monitoring/values/import.csv?approve=true', again.join('\n'));
    expect(approved.json()).toMatchObject({ status: 'saved', inserted: 0, updated: 1, unchanged: 23, approved: 6 });
    expect(await t.db.db.selectFrom('mon_value_revision').select(['value', 'version']).execute()).toEqual([
      { value: 8, version: 1 },
    ]);
    const after = await t.db.db.selectFrom('mon_submission').select('status').distinct().execute();
    expect(after).toEqual([{ status: 'approved' }]);
    expect(await t.db.db.selectFrom('mon_submission_event').select('action').distinct().execute()).toEqual([
      { action: 'approve' },
    ]);
    // Approved county-years are locked against further loads.
    const locked = await upload(a.region, '/api/monitoring/values/import.csv', rows.slice(0, 2).join('\n'));
    expect(locked.statusCode).toBe(422);
    expect(locked.json().errors[0].message).toContain('已提交或审定');
    const audit = await audits('monitoring.values.bulk_import');
    expect(audit).toHaveLength(2);
    expect(JSON.parse(audit[1]!.details!)).toMatchObject({ rows: 24, updated: 1, approve: true });
  });

  it('reads a GBK yearbook CSV', async () => {
    const iconv = (await import('iconv-lite')).default;
    const text = '旗县代码,指标代码,年份,数值,来源,备注\n150102,A1,2022,1.5,内蒙古统计年鉴,估算值\n';
    const res = await upload(a.region, '/api/monitoring/values/import.csv', iconv.encode(text, 'gbk'));
    expect(res.statusCode).toBe(200);
    expect(res.json().encoding).toBe('gb18030');
    expect(await values()).toEqual([
      {
        division_code: '150102',
        indicator_code: 'A1',
        period: 2022,
        value: 1.5,
        text_value: null,
        source: '内蒙古统计年鉴',
        note: '估算值',
      },
    ]);
  });
});
