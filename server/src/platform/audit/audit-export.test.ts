/** GET /api/audit/export.xlsx|.csv: same rows as the list (scope and filters), formula-safe, capped, audited. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createTestApp, signIn, signInAdmin, type Agent, type TestApp } from '../../test/harness.ts';
import { loadPrincipal } from '../auth/session.ts';
import { callerActor } from '../deps.ts';
import { AppError } from '../errors/errors.ts';
import { detectEncoding, parseCsv } from '../spreadsheets/csv.ts';
import { readXlsx } from '../spreadsheets/test-helpers.ts';
import { exportAudit } from './audit.export.ts';

const HOSTILE_USERNAME = '=1+2*cmd';

describe('audit export', () => {
  let t: TestApp;
  let regionAuditor: Agent;
  let leagueAuditor: Agent;
  let regionAuditorId: number;

  beforeAll(async () => {
    t = await createTestApp();
    regionAuditorId = await addUser(t, { username: 'auditor', role: 'audit-admin', division: '150000' });
    await addUser(t, { username: 'auditor-hohhot', role: 'audit-admin', division: '150100' });
    await addUser(t, { username: 'county', role: 'county-officer', division: '150102' });
    // user.create rows inside and outside 呼和浩特市.
    await addUser(t, { username: 'farmer-xincheng', role: 'farmer', division: '150102' });
    await addUser(t, { username: 'farmer-kundulun', role: 'farmer', division: '150203' });
    // A failed login of an unknown, hostile name: a row without a division, text that looks like a formula.
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: HOSTILE_USERNAME, password: 'whatever-password' },
    });
    regionAuditor = await signInAdmin(t, 'auditor');
    leagueAuditor = await signInAdmin(t, 'auditor-hohhot');
  });
  afterAll(async () => {
    await t.close();
  });

  const exportAudits = () =>
    t.db.db
      .selectFrom('audit_log')
      .select(['actor_username', 'result', 'details'])
      .where('action', '=', 'audit.export')
      .orderBy('seq')
      .execute();

  function csvRows(body: Buffer): { header: string[]; rows: string[][] } {
    expect(detectEncoding(body)).toEqual({ encoding: 'utf-8', bomLength: 3 });
    const grid = parseCsv(body.toString('utf8').slice(1), { maxRows: 10000, maxColumns: 20, maxCellChars: 10000 });
    return { header: grid.header.map(String), rows: grid.rows.map((r) => r.cells.map((c) => String(c ?? ''))) };
  }

  it('answers 401 without a session, 403 without audit:read, 400 on bad filters', async () => {
    for (const format of ['xlsx', 'csv']) {
      expect((await t.app.inject({ method: 'GET', url: `/api/audit/export.${format}` })).statusCode).toBe(401);
    }
    const county = await signIn(t, 'county');
    const denied = await county.request('GET', '/api/audit/export.csv');
    expect(denied.statusCode).toBe(403);
    for (const q of ['from=2026-13-45', 'to=yesterday', 'division=1501', 'action=' + 'x'.repeat(65)]) {
      expect((await regionAuditor.request('GET', `/api/audit/export.csv?${q}`)).statusCode, q).toBe(400);
    }
    expect(await exportAudits()).toEqual([]);
  });

  it('exports exactly the rows of the list, newest first, with Chinese headers, and audits the export', async () => {
    const list = (await regionAuditor.request('GET', '/api/audit?pageSize=200')).json();
    const res = await regionAuditor.request('GET', '/api/audit/export.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="audit-log.csv"; filename*=UTF-8''${encodeURIComponent('审计日志.csv')}`,
    );
    expect(res.headers['cache-control']).toBe('no-store');
    const { header, rows } = csvRows(res.rawPayload);
    expect(header).toEqual([
      '序号',
      '时间（UTC）',
      '操作人',
      '操作人编号',
      '操作',
      '对象类型',
      '对象编号',
      '对象',
      '行政区划代码',
      '结果',
      'IP 地址',
      '详情',
    ]);
    // The list was read first; the export also holds the list read's rows (none: reads are not audited).
    expect(rows.map((r) => Number(r[0]))).toEqual(list.items.map((i: { seq: number }) => i.seq));
    expect(rows.some((r) => r[4] === 'auth.login' && r[9] === '失败')).toBe(true);
    // The readable target beside the raw type and id (user.create rows name the new account).
    expect(rows.some((r) => r[4] === 'user.create' && r[5] === 'user' && r[7] === '账户 farmer-xincheng')).toBe(true);
    const audits = await exportAudits();
    expect(audits).toHaveLength(1);
    expect(audits[0]?.actor_username).toBe('auditor');
    expect(audits[0]?.result).toBe('success');
    expect(JSON.parse(audits[0]?.details ?? '{}')).toEqual({ format: 'csv', filter: {}, rows: rows.length });
  });

  it('applies the list filters and the reader’s scope', async () => {
    const res = await regionAuditor.request('GET', '/api/audit/export.csv?action=user.create&division=150100');
    const { rows } = csvRows(res.rawPayload);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r[4] === 'user.create' && r[8]?.startsWith('1501'))).toBe(true);

    const league = csvRows((await leagueAuditor.request('GET', '/api/audit/export.csv')).rawPayload).rows;
    const divisions = new Set(league.map((r) => r[8]));
    expect(divisions.has('150102')).toBe(true);
    expect(divisions.has('150203')).toBe(false);
    expect(divisions.has('')).toBe(false); // rows without a division belong to region-level auditors
    const foreign = await leagueAuditor.request('GET', '/api/audit/export.csv?division=150203');
    expect(csvRows(foreign.rawPayload).rows).toEqual([]);
  });

  it('neutralises formula-looking text in xlsx and CSV', async () => {
    const x = await regionAuditor.request('GET', '/api/audit/export.xlsx');
    expect(x.statusCode).toBe(200);
    const { rows, formulas } = await readXlsx(x.rawPayload);
    expect(formulas).toBe(0);
    expect(rows.map((r) => r[2])).toContain(`'${HOSTILE_USERNAME}`);
    expect(typeof rows[1]?.[0]).toBe('number');
    const c = await regionAuditor.request('GET', '/api/audit/export.csv?action=auth.login');
    expect(c.body).toContain(`'${HOSTILE_USERNAME}`);
    expect(c.body).not.toMatch(/(^|,)=1\+2/m);
  });

  it('refuses an export above the cap with the number of matching rows, and audits the refusal', async () => {
    const principal = await loadPrincipal(t.db.db, regionAuditorId);
    if (!principal) throw new Error('no principal');
    const caller = { principal, actor: callerActor(principal, '127.0.0.1') };
    const matching = (await regionAuditor.request('GET', '/api/audit?pageSize=1')).json().total as number;
    const err = await exportAudit(t.app.deps, caller, 'xlsx', {}, { cap: 3 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const appError = err as AppError;
    expect(appError.code).toBe('EXPORT_TOO_LARGE');
    expect(appError.status).toBe(400);
    expect(appError.messages?.zh).toBe(
      `符合条件的审计记录共 ${matching} 条，超过单次导出上限 3 条；请缩小时间范围或增加筛选条件后重试`,
    );
    const last = (await exportAudits()).at(-1);
    expect(last?.result).toBe('failure');
    expect(JSON.parse(last?.details ?? '{}')).toMatchObject({ reason: 'over-cap', matching, cap: 3 });
    // Within the cap it goes through.
    const ok = await exportAudit(
      t.app.deps,
      caller,
      'csv',
      { actor: 'auditor-hohhot', action: 'audit.export' },
      { cap: 3 },
    );
    expect(ok.count).toBe(2); // the two exports of the league auditor above
  });
});
