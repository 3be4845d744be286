/** Import flow through the API: template round trip, row-level report, commit, all-or-nothing, encodings, scope. */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, createTestApp, signIn, signInAdmin, type Agent, type TestApp } from '../../test/harness.ts';
import { upload, uscc, xlsxOf } from './test-helpers.ts';

const HEADER = ['单位名称', '单位类型', '统一社会信用代码', '行政区划代码'];

describe('spreadsheet import', () => {
  let t: TestApp;
  let league: Agent;

  beforeEach(async () => {
    t = await createTestApp();
    await addUser(t, { username: 'league', role: 'league-officer', division: '150100' });
    league = await signIn(t, 'league');
  });
  afterEach(async () => {
    await t.close();
  });

  const orgCount = async (namePrefix: string) =>
    (await t.db.db.selectFrom('organisation').select('id').where('name', 'like', `${namePrefix}%`).execute()).length;
  const auditCount = async (action: string) =>
    (await t.db.db.selectFrom('audit_log').select('seq').where('action', '=', action).execute()).length;

  it('serves a template that round-trips: headers, example row skipped, notes sheet, drop-down list', async () => {
    const res = await league.request('GET', '/api/imports/templates/organisations.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="organisations-template.xlsx"; filename*=UTF-8''${encodeURIComponent('单位导入模板.xlsx')}`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
    expect(wb.getWorksheet('填写说明')?.rowCount).toBeGreaterThan(4);
    expect(ws.getCell('B3').dataValidation?.type).toBe('list');
    // Untouched template: the example row is skipped, so there is nothing to import.
    const empty = await upload(t, league, '/api/imports/organisations?name=模板.xlsx', res.rawPayload);
    expect(empty.statusCode, empty.body).toBe(201);
    expect(empty.json().rowCount).toBe(0);
    // Filled in below the example: imported.
    ws.addRow(['模板往返单位', '政府部门', null, '150102']);
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const up = await upload(t, league, '/api/imports/organisations?name=模板.xlsx', filled);
    expect(up.json()).toMatchObject({ status: 'validated', rowCount: 1, errorCount: 0, format: 'xlsx' });
    const commit = await league.request('POST', `/api/imports/${up.json().id}/commit`);
    expect(commit.statusCode).toBe(200);
    expect(await orgCount('模板往返单位')).toBe(1);
  });

  it('reports a bad row (row, column, Chinese message) and writes nothing; the fixed file commits, audited', async () => {
    const rows = [HEADER, ['好单位一', '企业', uscc(1), '150102'], ['坏', '外星机构', 'BAD', '150102']];
    const res = await upload(t, league, '/api/imports/organisations?name=坏.xlsx', await xlsxOf(rows));
    expect(res.statusCode).toBe(201);
    const job = res.json();
    expect(job.status).toBe('failed');
    expect(job.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: '单位名称', message: expect.stringMatching(/过小/) }),
        expect.objectContaining({ row: 3, column: '单位类型', message: expect.stringMatching(/单位类型须为/) }),
        expect.objectContaining({
          row: 3,
          column: '统一社会信用代码',
          message: expect.stringMatching(/统一社会信用代码无效/),
        }),
      ]),
    );
    expect((await league.request('POST', `/api/imports/${job.id}/commit`)).statusCode).toBe(409);
    expect(await orgCount('好单位')).toBe(0);

    const fixed = [HEADER, ['好单位一', '企业', uscc(1), '150102'], ['好单位二', '事业单位', uscc(2), '150105']];
    const ok = await upload(t, league, '/api/imports/organisations', await xlsxOf(fixed));
    expect(ok.json()).toMatchObject({ status: 'validated', rowCount: 2, errorCount: 0 });
    const before = await auditCount('organisation.create');
    const commit = await league.request('POST', `/api/imports/${ok.json().id}/commit`);
    expect(commit.json()).toMatchObject({ status: 'committed' });
    expect(await orgCount('好单位')).toBe(2);
    expect(await auditCount('organisation.create')).toBe(before + 2);
    expect(await auditCount('import.commit')).toBe(1);
    // Imported rows are searchable and counted at once.
    const found = await league.request('GET', `/api/search?q=${encodeURIComponent('好单位二')}`);
    expect(found.json().items.map((i: { title: string }) => i.title)).toContain('好单位二');
    const facts = await league.request('GET', '/api/metrics/organisations.count?division=150105');
    expect(facts.statusCode).toBe(200);
    expect(facts.json().total).toMatchObject({ divisionCode: '150105', value: 1 });
    // Committing twice is refused.
    expect((await league.request('POST', `/api/imports/${ok.json().id}/commit`)).statusCode).toBe(409);
  });

  it('commits all or nothing: a conflict that appears after validation rolls back every row', async () => {
    const rows = [HEADER, ...[1, 2, 3].map((n) => [`原子单位${n}`, '企业', uscc(100 + n), '150102'])];
    const res = await upload(t, league, '/api/imports/organisations', await xlsxOf(rows));
    expect(res.json().status).toBe('validated');
    const clash = await league.request('POST', '/api/organisations', {
      name: '抢先登记',
      type: 'enterprise',
      uscc: uscc(103),
      divisionCode: '150102',
    });
    expect(clash.statusCode).toBe(201);
    const commit = await league.request('POST', `/api/imports/${res.json().id}/commit`);
    expect(commit.statusCode).toBe(409);
    expect(commit.json().error.details[0].path).toMatch(/row 4/);
    expect(await orgCount('原子单位')).toBe(0);
  });

  it('makes rows outside the scope row errors, and duplicates within the file too', async () => {
    const rows = [HEADER, ['包头单位', '政府部门', null, '150203'], ['甲单位', '企业', uscc(7), '150102']];
    rows.push(['乙单位', '企业', uscc(7), '150102']);
    const res = await upload(t, league, '/api/imports/organisations', await xlsxOf(rows));
    const errors = res.json().errors as { row: number; column: string; message: string }[];
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 2, column: '行政区划代码', message: expect.stringMatching(/管辖范围/) }),
        expect.objectContaining({ row: 4, column: '统一社会信用代码', message: expect.stringMatching(/第 3 行重复/) }),
      ]),
    );
  });

  it.each([
    ['GBK', (s: string) => iconv.encode(s, 'gbk')],
    ['UTF-16LE with BOM', (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(s, 'utf16le')])],
    ['UTF-16BE without BOM', (s: string) => iconv.encode(s, 'utf16be')],
    ['UTF-8 with BOM', (s: string) => Buffer.from(`\uFEFF${s}`, 'utf8')],
  ])('imports %s CSV with Chinese headers', async (label, encode) => {
    const csv = `${HEADER.join(',')}\r\n"编码测试单位，${label}",政府部门,,150102\r\n`;
    const res = await upload(t, league, '/api/imports/organisations?name=a.csv', encode(csv), 'text/csv');
    expect(res.json()).toMatchObject({ status: 'validated', rowCount: 1, format: 'csv' });
    await league.request('POST', `/api/imports/${res.json().id}/commit`);
    const row = await t.db.db
      .selectFrom('organisation')
      .select('name')
      .where('name', 'like', '编码测试单位%')
      .executeTakeFirst();
    expect(row?.name).toBe(`编码测试单位，${label}`);
  });

  it('shows progress, keeps jobs private to their uploader, and needs the permission', async () => {
    const res = await upload(
      t,
      league,
      '/api/imports/organisations?wait=false',
      await xlsxOf([HEADER, ['异步单位', '政府部门', null, '150102']]),
    );
    expect(res.statusCode).toBe(202);
    let job = res.json();
    for (let i = 0; i < 100 && job.status === 'parsing'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await league.request('GET', `/api/imports/${job.id}`)).json();
    }
    expect(job).toMatchObject({ status: 'validated', progress: 100 });
    await addUser(t, { username: 'league2', role: 'league-officer', division: '150100' });
    const other = await signIn(t, 'league2');
    expect((await other.request('GET', `/api/imports/${job.id}`)).statusCode).toBe(404);
    expect((await other.request('POST', `/api/imports/${job.id}/commit`)).statusCode).toBe(404);
    await addUser(t, { username: 'farmer', role: 'farmer', division: '150102' });
    const farmer = await signIn(t, 'farmer');
    expect((await upload(t, farmer, '/api/imports/organisations', 'x')).statusCode).toBe(403);
    expect((await league.request('POST', '/api/imports/organisations', { a: 1 })).statusCode).toBe(400);
  });

  it('imports accounts (sys-admin, no roles), encrypting personal data and refusing weak passwords', async () => {
    await addUser(t, { username: 'sysadmin', role: 'sys-admin', division: '150000' });
    const admin = await signInAdmin(t, 'sysadmin');
    const header = '用户名,姓名,初始密码,行政区划代码,手机号码,身份证号码';
    const bad = `${header}\nweak.user,弱口令,password,150102,,\n`;
    const r1 = await upload(t, admin, '/api/imports/users', bad, 'text/csv');
    expect(r1.json().errors[0]).toMatchObject({ row: 2, column: '初始密码' });
    const good = `${header}\nimport.one,导入一,Steppe#Horse2026kq,150102,13912345678,11010519491231002X\n`;
    const r2 = await upload(t, admin, '/api/imports/users', good, 'text/csv');
    expect(r2.json()).toMatchObject({ status: 'validated', rowCount: 1 });
    const stored = await t.db.db
      .selectFrom('import_job' as never)
      .select('rows_enc' as never)
      .execute();
    expect(JSON.stringify(stored)).not.toContain('13912345678');
    expect((await admin.request('POST', `/api/imports/${r2.json().id}/commit`)).statusCode).toBe(200);
    const user = await t.db.db
      .selectFrom('app_user')
      .select(['phone_enc', 'status'])
      .where('username', '=', 'import.one')
      .executeTakeFirst();
    expect(user?.status).toBe('active');
    expect(t.app.deps.vault.decrypt(user!.phone_enc!)).toBe('13912345678');
    expect(await auditCount('user.create')).toBeGreaterThan(0);
    await signIn(t, 'import.one', 'Steppe#Horse2026kq');
  });
});
