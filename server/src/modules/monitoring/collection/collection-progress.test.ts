import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, createTestApp, signIn, type Agent, type TestApp } from '../../../test/harness.ts';
import { OFFICERS, VALID_VALUES, insertTestFramework } from './collection.test-helpers.ts';

describe('submissions, completeness and attachments', () => {
  let t: TestApp;
  let year: number;
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
    // The current year: its deadline (30 June next year) lies ahead of the test clock.
    year = t.clock.now().getUTCFullYear();
  });
  afterEach(async () => {
    await t.close();
  });

  const countiesIn = async (root: string) =>
    (
      await t.db.db
        .selectFrom('division_closure')
        .innerJoin('division', 'division.code', 'division_closure.descendant_code')
        .select('division.code')
        .where('division_closure.ancestor_code', '=', root)
        .where('division.level', '=', 'county')
        .execute()
    ).length;

  it('counts counties by status and league, on time and late against the deadline', async () => {
    const form = `/api/monitoring/forms/150102/${year}`;
    await a.xincheng.request('PUT', `${form}/values`, { values: VALID_VALUES });
    expect((await a.xincheng.request('POST', `${form}/submit`, {})).statusCode).toBe(200);
    await a.kundulun.request('PUT', `/api/monitoring/forms/150203/${year}/values`, {
      values: VALID_VALUES.slice(0, 2),
    });

    const res = await a.region.request('GET', `/api/monitoring/completeness?period=${year}`);
    expect(res.statusCode).toBe(200);
    const c = res.json();
    expect(c).toMatchObject({ period: year, deadline: `${year + 1}-06-30`, counties: 103, onTime: 1, late: 0 });
    expect(c.byStatus).toMatchObject({ not_started: 101, draft: 1, submitted: 1, approved: 0 });
    // Mean completeness: 150102 complete (1), 150203 half (2 of 4), the others 0.
    expect(c.completeness).toBeCloseTo(1.5 / 103, 10);
    expect(c.leagues).toHaveLength(12);
    const hohhot = c.leagues.find((l: { code: string }) => l.code === '150100');
    expect(hohhot).toMatchObject({ name: '呼和浩特市', counties: await countiesIn('150100'), late: 0 });
    expect(hohhot.byStatus.submitted).toBe(1);

    // The league sees its own counties only.
    const league = (await a.baotou.request('GET', `/api/monitoring/completeness?period=${year}`)).json();
    expect(league.counties).toBe(await countiesIn('150200'));
    expect(league.leagues.map((l: { code: string }) => l.code)).toEqual(['150200']);

    // Past the deadline every county that has not submitted is late; the one that submitted in time is not.
    const now = t.clock.now().getTime();
    t.clock.advance(Date.UTC(year + 1, 6, 2) - now);
    a.region = await signIn(t, 'region');
    const late = (await a.region.request('GET', `/api/monitoring/completeness?period=${year}`)).json();
    expect(late).toMatchObject({ onTime: 1, late: 102 });
    expect((await a.region.request('GET', '/api/monitoring/completeness?period=1999')).statusCode).toBe(400);
  });

  it('lists county submissions in scope with filters and what waits for the caller', async () => {
    const q = (agent: Agent, extra = '') =>
      agent.request('GET', `/api/monitoring/submissions?period=${year}&pageSize=200${extra}`);
    await a.xincheng.request('PUT', `/api/monitoring/forms/150102/${year}/values`, { values: VALID_VALUES });
    await a.xincheng.request('POST', `/api/monitoring/forms/150102/${year}/submit`, {});
    await a.kundulun.request('PUT', `/api/monitoring/forms/150203/${year}/values`, {
      values: [{ indicatorCode: 'A1', value: 300 }],
    });

    const all = (await q(a.region)).json();
    expect(all.total).toBe(103);
    const xincheng = all.items.find((r: { divisionCode: string }) => r.divisionCode === '150102');
    expect(xincheng).toMatchObject({
      divisionName: '新城区',
      leagueCode: '150100',
      leagueName: '呼和浩特市',
      status: 'submitted',
      completeness: 1,
      findings: 0,
      late: false,
    });
    expect(xincheng.submittedAt).not.toBeNull();
    // 150203: A1 out of range and three required values missing.
    expect(all.items.find((r: { divisionCode: string }) => r.divisionCode === '150203')).toMatchObject({
      status: 'draft',
      findings: 4,
    });

    expect(
      (await q(a.region, '&status=submitted')).json().items.map((r: { divisionCode: string }) => r.divisionCode),
    ).toEqual(['150102']);
    expect((await q(a.region, '&status=not_started')).json().total).toBe(101);
    expect(
      (await q(a.region, `&q=${encodeURIComponent('新城')}`))
        .json()
        .items.map((r: { divisionCode: string }) => r.divisionCode),
    ).toContain('150102');
    expect((await q(a.region, '&division=150200')).json().total).toBe(await countiesIn('150200'));

    // Waiting for me: the Hohhot league has 150102 to review, Baotou nothing, the region nothing yet.
    expect((await q(a.hohhot, '&mine=true')).json().items.map((r: { divisionCode: string }) => r.divisionCode)).toEqual(
      ['150102'],
    );
    expect((await q(a.baotou, '&mine=true')).json().total).toBe(0);
    expect((await q(a.region, '&mine=true')).json().total).toBe(0);
    await a.hohhot.request('POST', `/api/monitoring/forms/150102/${year}/approve`, {});
    expect((await q(a.region, '&mine=true')).json().items.map((r: { divisionCode: string }) => r.divisionCode)).toEqual(
      ['150102'],
    );
    // A county officer sees its own county only, and it waits for the county while in draft.
    const own = (await q(a.kundulun)).json();
    expect(own.items.map((r: { divisionCode: string }) => r.divisionCode)).toEqual(['150203']);
    expect((await q(a.kundulun, '&mine=true')).json().total).toBe(1);
    // A division filter outside the scope widens nothing.
    expect((await q(a.kundulun, '&division=150100')).json().total).toBe(0);
    expect(
      (await q(a.baotou)).json().items.every((r: { divisionCode: string }) => r.divisionCode.startsWith('1502')),
    ).toBe(true);
    // Paging.
    const page2 = (
      await a.region.request('GET', `/api/monitoring/submissions?period=${year}&page=2&pageSize=50`)
    ).json();
    expect(page2).toMatchObject({ total: 103, page: 2, pageSize: 50 });
    expect(page2.items).toHaveLength(50);
  });

  it('stores attachments recognised by their bytes, downloads them within the scope, deletes while editable', async () => {
    const form = `/api/monitoring/forms/150102/${year}`;
    const post = (agent: Agent, url: string, body: Buffer, type = 'application/octet-stream') =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf, 'content-type': type },
        payload: body,
      });
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
    const up = await post(
      a.xincheng,
      `${form}/attachments?name=${encodeURIComponent('证明/统计表')}&indicator=A1`,
      png,
      'image/png',
    );
    expect(up.statusCode).toBe(201);
    expect(up.json()).toMatchObject({ fileName: '统计表.png', mime: 'image/png', bytes: 72, indicatorCode: 'A1' });
    const id = up.json().id as number;

    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').addRow(['x']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    expect((await post(a.xincheng, `${form}/attachments?name=data.xlsx`, xlsx)).json()).toMatchObject({
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    // Text, a script renamed .pdf, an unknown indicator and an oversized file are refused.
    expect((await post(a.xincheng, `${form}/attachments?name=a.txt`, Buffer.from('hello'))).statusCode).toBe(400);
    expect(
      (await post(a.xincheng, `${form}/attachments?name=a.pdf`, Buffer.from('<script>x</script>'))).statusCode,
    ).toBe(400);
    expect((await post(a.xincheng, `${form}/attachments?name=a.png&indicator=ZZ`, png)).statusCode).toBe(400);
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024)]);
    expect((await post(a.xincheng, `${form}/attachments?name=big.pdf`, big)).statusCode).toBe(413);
    expect((await post(a.kundulun, `${form}/attachments?name=a.png`, png)).statusCode).toBe(404);
    expect((await post(a.hohhot, `${form}/attachments?name=a.png`, png)).statusCode).toBe(403);

    const down = await a.hohhot.request('GET', `/api/monitoring/attachments/${id}`);
    expect(down.statusCode).toBe(200);
    expect(down.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(down.rawPayload, png)).toBe(0);
    expect((await a.baotou.request('GET', `/api/monitoring/attachments/${id}`)).statusCode).toBe(404);
    expect((await a.kundulun.request('DELETE', `/api/monitoring/attachments/${id}`)).statusCode).toBe(404);
    const listed = (await a.xincheng.request('GET', form)).json().attachments;
    expect(listed.map((x: { fileName: string }) => x.fileName)).toEqual(['统计表.png', 'data.xlsx']);

    // Submitted: attachments are frozen with the values.
    await a.xincheng.request('PUT', `${form}/values`, { values: VALID_VALUES });
    await a.xincheng.request('POST', `${form}/submit`, {});
    expect((await a.xincheng.request('DELETE', `/api/monitoring/attachments/${id}`)).statusCode).toBe(409);
    expect((await post(a.xincheng, `${form}/attachments?name=a.png`, png)).statusCode).toBe(409);
    await a.hohhot.request('POST', `${form}/return`, { comment: '补充材料' });
    expect((await a.xincheng.request('DELETE', `/api/monitoring/attachments/${id}`)).statusCode).toBe(200);
    expect((await a.xincheng.request('GET', `/api/monitoring/attachments/${id}`)).statusCode).toBe(404);
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'monitoring.attachment.%')
      .orderBy('seq')
      .execute();
    expect(audit.map((r) => r.action)).toEqual([
      'monitoring.attachment.upload',
      'monitoring.attachment.upload',
      'monitoring.attachment.delete',
    ]);
  });
});
