import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, createTestApp, signIn, type Agent, type TestApp } from '../../../test/harness.ts';
import { approvedValues } from './values.repository.ts';
import { OFFICERS, TEST_FRAMEWORK_CODE, VALID_VALUES, insertTestFramework } from './collection.test-helpers.ts';

const FORM = '/api/monitoring/forms/150102/2025';

describe('data collection and approval', () => {
  let t: TestApp;
  const a = {} as Record<keyof typeof OFFICERS, Agent>;
  const ids = {} as Record<keyof typeof OFFICERS, number>;

  beforeEach(async () => {
    t = await createTestApp();
    await insertTestFramework(t.db.db);
    for (const [name, o] of Object.entries(OFFICERS) as [
      keyof typeof OFFICERS,
      (typeof OFFICERS)[keyof typeof OFFICERS],
    ][]) {
      ids[name] = await addUser(t, { username: name, role: o.role, division: o.division });
      a[name] = await signIn(t, name);
    }
  });
  afterEach(async () => {
    await t.close();
  });

  const audits = (action: string) =>
    t.db.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute();
  const values = () =>
    t.db.db
      .selectFrom('mon_value')
      .selectAll()
      .where('framework_code', '=', TEST_FRAMEWORK_CODE)
      .orderBy('indicator_code')
      .execute();

  it('serves an empty form of a county within the scope, and refuses others', async () => {
    const res = await a.xincheng.request('GET', FORM);
    expect(res.statusCode).toBe(200);
    const form = res.json();
    expect(form).toMatchObject({
      divisionCode: '150102',
      divisionName: '新城区',
      period: 2025,
      status: 'not_started',
      editable: true,
      actions: ['submit'],
      completeness: 0,
      deadline: '2026-06-30',
      late: true, // the deadline has passed without a submission, as the review list's 逾期 says
      values: [],
      events: [],
    });
    // the framework's rules, for the console's checks while typing
    expect(form.rules.map((r: { code: string }) => r.code)).toEqual(['R1']);
    expect(form.indicators.map((n: { code: string }) => n.code)).toEqual(['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'B4']);
    expect(form.dimensions.map((n: { code: string }) => n.code)).toEqual(['D1', 'D2']);
    expect(form.findings.filter((f: { kind: string }) => f.kind === 'missing')).toHaveLength(4);

    // League and region read (not editable for the league: no monitoring:enter); the unit officer reads too.
    const league = (await a.hohhot.request('GET', FORM)).json();
    expect(league).toMatchObject({ editable: false, actions: [] });
    expect((await a.region.request('GET', FORM)).json()).toMatchObject({ editable: true, actions: ['submit'] });
    expect((await a.unit.request('GET', FORM)).json()).toMatchObject({ editable: false, actions: [] });

    expect((await a.kundulun.request('GET', FORM)).statusCode).toBe(404);
    expect((await a.baotou.request('GET', FORM)).statusCode).toBe(404);
    // Not a county / not a division / not a year.
    expect((await a.region.request('GET', '/api/monitoring/forms/150100/2025')).statusCode).toBe(400);
    // A county of another province lies outside every officer's scope here.
    expect((await a.region.request('GET', '/api/monitoring/forms/110101/2025')).statusCode).toBe(404);
    expect((await a.region.request('GET', '/api/monitoring/forms/999999/2025')).statusCode).toBe(404);
    expect((await a.region.request('GET', '/api/monitoring/forms/150102/1999')).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: FORM })).statusCode).toBe(401);
  });

  it('saves cells with versions, revisions and one audit row per request', async () => {
    const first = await a.xincheng.request('PUT', `${FORM}/values`, { values: VALID_VALUES });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'draft', completeness: 1, editable: true });
    expect(first.json().findings).toEqual([]);
    expect((await values()).map((v) => [v.indicator_code, v.value, v.version])).toEqual([
      ['A1', 1.2, 1],
      ['A2', 5000, 1],
      ['A3', 800, 1],
      ['B1', 12, 1],
    ]);

    // A changed cell and an unchanged one: only the changed one gets a new version and a revision.
    const second = await a.xincheng.request('PUT', `${FORM}/values`, {
      values: [
        { indicatorCode: 'A1', value: 1.5, source: '统计年鉴', note: '更正', flags: ['estimated'] },
        { indicatorCode: 'A2', value: 5000, source: '财政局' },
        { indicatorCode: 'B4', textValue: '科技特派员全覆盖' },
      ],
    });
    expect(second.statusCode).toBe(200);
    const rows = await values();
    const a1 = rows.find((r) => r.indicator_code === 'A1')!;
    expect(a1).toMatchObject({ value: 1.5, version: 2, flags: 'estimated', note: '更正', reporter_id: ids.xincheng });
    expect(rows.find((r) => r.indicator_code === 'A2')!.version).toBe(1);
    expect(rows.find((r) => r.indicator_code === 'B4')!.text_value).toBe('科技特派员全覆盖');
    const revisions = await t.db.db.selectFrom('mon_value_revision').selectAll().execute();
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({
      value_id: a1.id,
      version: 1,
      value: 1.2,
      source: '统计年鉴',
      changed_by: ids.xincheng,
    });

    const audit = await audits('monitoring.values.save');
    expect(audit).toHaveLength(2);
    expect(audit[1]!.division_code).toBe('150102');
    expect(JSON.parse(audit[1]!.details!)).toMatchObject({ changed: ['A1', 'B4'], period: 2025 });
    const form = second.json();
    expect(form.values.find((v: { indicatorCode: string }) => v.indicatorCode === 'A1')).toMatchObject({
      flags: ['estimated'],
      version: 2,
      reporterName: 'xincheng',
    });
  });

  it('refuses unknown codes, type mismatches and other counties, and saves nothing', async () => {
    const bad = await a.xincheng.request('PUT', `${FORM}/values`, {
      values: [
        { indicatorCode: 'A1', value: 1 },
        { indicatorCode: 'ZZ9', value: 2 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0]).toMatchObject({ path: 'body.values.1.indicatorCode' });
    expect(bad.json().error.details[0].message).toContain('ZZ9');
    const mismatch = await a.xincheng.request('PUT', `${FORM}/values`, {
      values: [{ indicatorCode: 'B4', value: 3 }],
    });
    expect(mismatch.statusCode).toBe(400);
    const tooLong = await a.xincheng.request('PUT', `${FORM}/values`, {
      values: [{ indicatorCode: 'B4', textValue: '长'.repeat(201) }],
    });
    expect(tooLong.statusCode).toBe(400);
    // Another county, a league officer (no monitoring:enter) and an unknown field.
    expect((await a.kundulun.request('PUT', `${FORM}/values`, { values: VALID_VALUES })).statusCode).toBe(404);
    expect((await a.hohhot.request('PUT', `${FORM}/values`, { values: VALID_VALUES })).statusCode).toBe(403);
    expect(
      (await a.xincheng.request('PUT', `${FORM}/values`, { values: [{ indicatorCode: 'A1', value: 1, version: 3 }] }))
        .statusCode,
    ).toBe(400);
    expect(await values()).toEqual([]);
    expect(await t.db.db.selectFrom('mon_submission').selectAll().execute()).toEqual([]);
    expect(await audits('monitoring.values.save')).toEqual([]);
  });

  it('runs county -> league -> region, locks approved data, notifies the next actor and audits every step', async () => {
    // Errors block submission with the findings as details.
    await a.xincheng.request('PUT', `${FORM}/values`, {
      values: [
        { indicatorCode: 'A1', value: 1.2 },
        { indicatorCode: 'A2', value: 5000 },
        { indicatorCode: 'A3', value: 9000 },
      ],
    });
    const blocked = await a.xincheng.request('POST', `${FORM}/submit`, {});
    expect(blocked.statusCode).toBe(400);
    expect(blocked.json().error.message).toContain('2 项错误');
    expect(blocked.json().error.details.map((d: { path: string }) => d.path)).toEqual(['A3', 'B1']);
    await a.xincheng.request('PUT', `${FORM}/values`, { values: VALID_VALUES });

    const submitted = await a.xincheng.request('POST', `${FORM}/submit`, { comment: '请审核' });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', editable: false, actions: [] });
    // Submitted data is read-only for the county.
    const edit = await a.xincheng.request('PUT', `${FORM}/values`, { values: [{ indicatorCode: 'A1', value: 2 }] });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.message).toContain('不能修改');

    // The league of another city cannot see it; a county cannot approve; the own league can.
    expect((await a.baotou.request('POST', `${FORM}/approve`, {})).statusCode).toBe(404);
    expect((await a.xincheng.request('POST', `${FORM}/approve`, {})).statusCode).toBe(403);
    expect((await a.hohhot.request('GET', FORM)).json().actions).toEqual(['return', 'approve']);
    const leagueOk = await a.hohhot.request('POST', `${FORM}/approve`, { comment: '初审通过' });
    expect(leagueOk.statusCode).toBe(200);
    expect(leagueOk.json().status).toBe('league_approved');
    // The region step needs monitoring:manage.
    const leagueAgain = await a.hohhot.request('POST', `${FORM}/approve`, {});
    expect(leagueAgain.statusCode).toBe(403);
    expect(leagueAgain.json().error.message).toContain('监测管理权限');

    const final = await a.region.request('POST', `${FORM}/approve`, {});
    expect(final.json()).toMatchObject({ status: 'approved', editable: false, actions: ['unlock'] });
    expect(
      (await a.region.request('PUT', `${FORM}/values`, { values: [{ indicatorCode: 'A1', value: 2 }] })).statusCode,
    ).toBe(409);
    expect((await a.xincheng.request('POST', `${FORM}/submit`, {})).statusCode).toBe(409);
    expect(await approvedValues(t.db.db, TEST_FRAMEWORK_CODE, 2025)).toEqual(
      new Map([
        [
          '150102',
          new Map([
            ['A1', { value: 1.2, textValue: null, flags: [], source: '统计年鉴' }],
            ['A2', { value: 5000, textValue: null, flags: [], source: '财政局' }],
            ['A3', { value: 800, textValue: null, flags: [], source: '' }],
            ['B1', { value: 12, textValue: null, flags: [], source: '' }],
          ]),
        ],
      ]),
    );

    // Unlock needs a comment and the manage permission; it returns the form to the county.
    expect((await a.region.request('POST', `${FORM}/unlock`, {})).statusCode).toBe(400);
    expect((await a.hohhot.request('POST', `${FORM}/unlock`, { comment: 'x' })).statusCode).toBe(403);
    const unlocked = await a.region.request('POST', `${FORM}/unlock`, { comment: '年鉴数据更正' });
    expect(unlocked.json()).toMatchObject({ status: 'returned' });
    expect((await a.xincheng.request('GET', FORM)).json()).toMatchObject({ editable: true, actions: ['submit'] });
    expect(await approvedValues(t.db.db, TEST_FRAMEWORK_CODE, 2025)).toEqual(new Map());
    expect(
      (await approvedValues(t.db.db, TEST_FRAMEWORK_CODE, 2025, { includeUnapproved: true })).get('150102')?.size,
    ).toBe(4);

    const events = unlocked.json().events;
    expect(events.map((e: { action: string; toStatus: string }) => `${e.action}:${e.toStatus}`)).toEqual([
      'submit:submitted',
      'approve:league_approved',
      'approve:approved',
      'unlock:returned',
    ]);
    expect(events[3]).toMatchObject({ comment: '年鉴数据更正', actorName: 'region', fromStatus: 'approved' });
    for (const action of ['submit', 'approve', 'unlock'])
      expect((await audits(`monitoring.${action}`)).length).toBeGreaterThan(0);
    expect(await audits('monitoring.approve')).toHaveLength(2);

    const notes = await t.db.db.selectFrom('notification').select(['user_id', 'kind', 'link']).orderBy('id').execute();
    expect(notes).toEqual([
      // submitted -> the league of Hohhot (not Baotou's); league-approved -> the region; approved and unlocked -> the county.
      { user_id: ids.hohhot, kind: 'monitoring.submit', link: '/console/monitoring/entry/150102/2025' },
      { user_id: ids.region, kind: 'monitoring.approve', link: '/console/monitoring/entry/150102/2025' },
      { user_id: ids.xincheng, kind: 'monitoring.approve', link: '/console/monitoring/entry/150102/2025' },
      { user_id: ids.xincheng, kind: 'monitoring.unlock', link: '/console/monitoring/entry/150102/2025' },
    ]);
  });

  it('returns with a required comment, at the league step and at the region step', async () => {
    await a.xincheng.request('PUT', `${FORM}/values`, { values: VALID_VALUES });
    await a.xincheng.request('POST', `${FORM}/submit`, {});
    const noComment = await a.hohhot.request('POST', `${FORM}/return`, { comment: '  ' });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().error.details[0].path).toBe('body.comment');
    const returned = await a.hohhot.request('POST', `${FORM}/return`, { comment: '请核实高企数量' });
    expect(returned.json()).toMatchObject({ status: 'returned' });
    // The county edits again and resubmits; the league approves; the region returns.
    expect(
      (await a.xincheng.request('PUT', `${FORM}/values`, { values: [{ indicatorCode: 'B1', value: 13 }] })).statusCode,
    ).toBe(200);
    await a.xincheng.request('POST', `${FORM}/submit`, {});
    await a.hohhot.request('POST', `${FORM}/approve`, {});
    expect((await a.hohhot.request('POST', `${FORM}/return`, { comment: 'x' })).statusCode).toBe(403);
    const regionReturn = await a.region.request('POST', `${FORM}/return`, { comment: '与年鉴不符' });
    expect(regionReturn.json().status).toBe('returned');
    expect(regionReturn.json().events.at(-1)).toMatchObject({
      action: 'return',
      fromStatus: 'league_approved',
      comment: '与年鉴不符',
    });
    expect(await audits('monitoring.return')).toHaveLength(2);
  });

  it('needs a note for every warning before submission, then flags the values as outliers', async () => {
    // Last year A1 was 0.5: 1.2 is +140 % (> ±50 %).
    await a.xincheng.request('PUT', '/api/monitoring/forms/150102/2024/values', {
      values: [...VALID_VALUES.filter((v) => v.indicatorCode !== 'A1'), { indicatorCode: 'A1', value: 0.5 }],
    });
    await a.xincheng.request('PUT', `${FORM}/values`, { values: VALID_VALUES });
    const form = (await a.xincheng.request('GET', FORM)).json();
    expect(form.findings).toEqual([
      expect.objectContaining({ indicatorCode: 'A1', kind: 'yoy', severity: 'warning', explained: false }),
    ]);
    expect(form.previous).toContainEqual({ indicatorCode: 'A1', value: 0.5 });
    const blocked = await a.xincheng.request('POST', `${FORM}/submit`, {});
    expect(blocked.statusCode).toBe(400);
    expect(blocked.json().error.message).toContain('1 项预警需在备注中说明原因');
    await a.xincheng.request('PUT', `${FORM}/values`, {
      values: [{ indicatorCode: 'A1', value: 1.2, note: '新增两家研发机构' }],
    });
    const ok = await a.xincheng.request('POST', `${FORM}/submit`, {});
    expect(ok.statusCode).toBe(200);
    expect(ok.json().findings[0]).toMatchObject({ kind: 'yoy', explained: true });
    expect(ok.json().values.find((v: { indicatorCode: string }) => v.indicatorCode === 'A1').flags).toEqual([
      'outlier',
    ]);
  });

  it('flags a value far from the other counties (modified z-score over >= 10 counties)', async () => {
    const counties = [
      '150103',
      '150104',
      '150105',
      '150121',
      '150122',
      '150123',
      '150124',
      '150125',
      '150203',
      '150204',
    ];
    const b1 = [10, 12, 11, 13, 12, 11, 10, 12, 11, 13];
    for (const [i, code] of counties.entries())
      expect(
        (
          await a.region.request('PUT', `/api/monitoring/forms/${code}/2025/values`, {
            values: [{ indicatorCode: 'B1', value: b1[i]! }],
          })
        ).statusCode,
      ).toBe(200);
    const res = await a.xincheng.request('PUT', `${FORM}/values`, {
      values: [...VALID_VALUES.filter((v) => v.indicatorCode !== 'B1'), { indicatorCode: 'B1', value: 30 }],
    });
    expect(res.json().findings).toEqual([
      expect.objectContaining({ indicatorCode: 'B1', kind: 'outlier', severity: 'warning', explained: false }),
    ]);
    expect(res.json().findings[0].message).toContain('修正 z 值 25.0');
  });
});
