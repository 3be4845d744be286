/** Exports: formula injection neutralised (T8), numbers numeric, scope and filters applied, masking, audit. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createTestApp, signIn, type Agent, type TestApp } from '../../test/harness.ts';
import { contentDisposition } from './export.ts';
import { detectEncoding, parseCsv } from './csv.ts';
import { readXlsx } from './test-helpers.ts';

const HOSTILE = ['=HYPERLINK("http://evil.example","点我")', '+1+2', '-3+4', '@SUM(A1)', '\tTAB', '\rCR'];

describe('spreadsheet export', () => {
  let t: TestApp;
  let league: Agent;
  beforeAll(async () => {
    t = await createTestApp();
    await addUser(t, { username: 'exp-league', role: 'league-officer', division: '150100' });
    await addUser(t, {
      username: 'exp-person',
      role: 'farmer',
      division: '150102',
      phone: '13912345678',
      idNumber: '11010519491231002X',
    });
    league = await signIn(t, 'exp-league');
    // Outside the league's scope: must never appear.
    const now = new Date().toISOString();
    // Stored directly: the API trims names, an older import or a direct write may not have.
    for (const name of HOSTILE)
      await t.db.db
        .insertInto('organisation')
        .values({
          name,
          type: 'government',
          uscc: null,
          division_code: '150102',
          status: 'active',
          is_demo: 0,
          created_at: now,
          updated_at: now,
        })
        .execute();
    await t.db.db
      .insertInto('organisation')
      .values({
        name: '包头外域单位',
        type: 'government',
        uscc: null,
        division_code: '150203',
        status: 'active',
        is_demo: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
  });
  afterAll(async () => {
    await t.close();
  });

  it('xlsx: hostile text comes back as text (0 live formulas), ids stay numbers, foreign rows absent, audited', async () => {
    const res = await league.request('GET', '/api/organisations/export.xlsx?division=150102');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('单位列表.xlsx')}`);
    const { rows, formulas, types } = await readXlsx(res.rawPayload);
    expect(formulas).toBe(0);
    expect(rows[0]).toEqual([
      '编号',
      '单位名称',
      '单位类型',
      '统一社会信用代码',
      '行政区划代码',
      '行政区划',
      '状态',
      '登记时间',
    ]);
    const names = rows.slice(1).map((r) => String(r[1]));
    // XML turns a stored CR into LF on reading; the apostrophe is what matters.
    for (const h of HOSTILE) expect(names).toContain(`'${h.replace('\r', '\n')}`);
    expect(types.slice(1).every((ts) => ts[0] === ExcelJS.ValueType.Number)).toBe(true);
    expect(rows.some((r) => r[4] === '150203')).toBe(false);
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'organisation.export')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details!)).toMatchObject({
      format: 'xlsx',
      rows: rows.length - 1,
      filter: { division: '150102' },
    });
  });

  it('csv: UTF-8 with BOM, neutralised text, bare numbers, round-trips through the CSV reader', async () => {
    const res = await league.request('GET', '/api/organisations/export.csv');
    expect(res.statusCode).toBe(200);
    expect(detectEncoding(res.rawPayload)).toEqual({ encoding: 'utf-8', bomLength: 3 });
    const grid = parseCsv(res.rawPayload.toString('utf8').slice(1), {
      maxRows: 1000,
      maxColumns: 20,
      maxCellChars: 1000,
    });
    expect(grid.header[1]).toBe('单位名称');
    for (const r of grid.rows) {
      expect(String(r.cells[0])).toMatch(/^\d+$/);
      expect(String(r.cells[1])).not.toMatch(/^[=+\-@\t\r]/);
      expect(r.cells[4]).not.toBe('150203');
    }
    expect(res.body).toMatch(/\n\d+,/);
  });

  it('masks personal data in the accounts export and denies callers without user:read', async () => {
    const res = await league.request('GET', '/api/users/export.csv');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('139****5678');
    expect(res.body).toContain('1101**********002X');
    expect(res.body).not.toContain('13912345678');
    expect(res.body).not.toContain('11010519491231002X');
    const x = await league.request('GET', '/api/users/export.xlsx');
    expect((await readXlsx(x.rawPayload)).rows.flat().join()).not.toContain('13912345678');
    const farmer = await signIn(t, 'exp-person');
    expect((await farmer.request('GET', '/api/users/export.xlsx')).statusCode).toBe(403);
    expect((await farmer.request('GET', '/api/organisations/export.csv')).statusCode).toBe(403);
  });

  it('writes RFC 6266 content dispositions with an ASCII fallback', () => {
    expect(contentDisposition('单位 (1).xlsx', 'org"s.xlsx')).toBe(
      `attachment; filename="org_s.xlsx"; filename*=UTF-8''%E5%8D%95%E4%BD%8D%20%281%29.xlsx`,
    );
  });
});
