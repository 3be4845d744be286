/** 转化项目 through the API: create in scope, stages (audited, history), milestones, board by stage, facts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createTestApp, signIn, type Agent, type TestApp } from '../../../test/harness.ts';

describe('transfer projects', () => {
  let t: TestApp;
  const a: Record<string, Agent> = {};
  let centre = 0;
  let otherCentre = 0;
  let project = 0;
  let achievement = 0;

  const body = (over: Record<string, unknown> = {}) => ({
    centreOrgId: centre,
    achievementId: achievement,
    achievementTitle: '马铃薯脱毒种薯雾培快繁技术',
    title: '脱毒种薯快繁中试',
    industry: '马铃薯种业',
    divisionCode: '150102',
    startedOn: '2025-03-01',
    investment: 300,
    jobs: 8,
    ...over,
  });

  beforeAll(async () => {
    t = await createTestApp();
    for (const [name, role, division] of [
      ['region', 'region-officer', '150000'],
      ['hohhot', 'league-officer', '150100'],
      ['xincheng', 'county-officer', '150102'],
      ['kundulun', 'county-officer', '150203'],
    ] as const) {
      await addUser(t, { username: name, role, division });
      a[name] = await signIn(t, name);
    }
    const org = async (name: string, divisionCode: string) =>
      (await a.region!.request('POST', '/api/organisations', { name, type: 'government', divisionCode })).json()
        .id as number;
    centre = await org('呼和浩特市科技成果转化中心（测试）', '150100');
    const now = new Date().toISOString();
    achievement = (
      await t.db.db
        .insertInto('mkt_achievement')
        .values({
          registration_no: null,
          title: '马铃薯脱毒种薯雾培快繁技术',
          summary: '雾培快繁',
          keywords: '["马铃薯"]',
          domain: 'seed',
          type: 'applied',
          attribute: 'original',
          form: 'technology',
          stage: 'mature',
          trl: 8,
          register: '{}',
          public_summary: '{}',
          confidential_detail: '',
          visibility: 'public',
          transfer_modes: '["license_ordinary"]',
          pricing_mode: 'negotiable',
          price: null,
          suitability: '{}',
          for_entrepreneurs: 0,
          status: 'listed',
          status_reason: '',
          publicity_ends_at: null,
          division_code: '150105',
          owner_user_id: null,
          org_id: null,
          is_demo: 0,
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    otherCentre = await org('包头市科技创新服务中心（测试）', '150200');
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets a county officer follow a project of its league’s centre, and refuses bad input', async () => {
    const res = await a.xincheng!.request('POST', '/api/market/transfer-projects', body());
    expect(res.statusCode, res.body).toBe(201);
    project = res.json().id as number;
    expect(res.json()).toMatchObject({
      centreName: '呼和浩特市科技成果转化中心（测试）',
      stage: 'rd',
      stageName: '研发',
      divisionName: '新城区',
      achievementId: achievement,
      history: [{ fromStage: null, toStage: 'rd' }],
    });
    const foreignCentre = await a.xincheng!.request(
      'POST',
      '/api/market/transfer-projects',
      body({ centreOrgId: otherCentre }),
    );
    expect(foreignCentre.statusCode).toBe(400);
    expect(foreignCentre.json().error.message).toBe('转化服务中心不存在或不在您的管辖范围内');
    const league = await a.hohhot!.request('POST', '/api/market/transfer-projects', body({ divisionCode: '150100' }));
    expect(league.json().error.message).toBe('行政区划 150100 不存在或不是旗县级单位');
    expect(
      (await a.xincheng!.request('POST', '/api/market/transfer-projects', body({ divisionCode: '150105' }))).statusCode,
    ).toBe(403);
    expect(
      (await a.xincheng!.request('POST', '/api/market/transfer-projects', body({ investment: -1 }))).statusCode,
    ).toBe(400);
    const noAchievement = await a.xincheng!.request(
      'POST',
      '/api/market/transfer-projects',
      body({ achievementId: 999999 }),
    );
    expect(noAchievement.json().error.message).toBe('科技成果 999999 不存在');
    const n = await t.db.db.selectFrom('mkt_transfer_project').select('id').execute();
    expect(n).toHaveLength(1);
  });

  it('moves through the stages with history and audit; going back needs a reason', async () => {
    const to = (stage: string, note = '') =>
      a.xincheng!.request('POST', `/api/market/transfer-projects/${project}/stage`, { stage, note });
    expect((await to('small_trial')).statusCode).toBe(200);
    expect((await to('small_trial')).statusCode).toBe(409);
    const pilot = await to('pilot', '中试线建成');
    expect(pilot.json()).toMatchObject({ stage: 'pilot', stageName: '中试' });
    const back = await to('small_trial');
    expect(back.statusCode).toBe(400);
    expect(back.json().error.message).toBe('退回到前一阶段须说明原因');
    expect((await to('small_trial', '中试出苗率不达标，返回小试')).statusCode).toBe(200);
    const detail = (await a.hohhot!.request('GET', `/api/market/transfer-projects/${project}`)).json();
    expect(detail.history.map((h: { toStage: string }) => h.toStage)).toEqual([
      'rd',
      'small_trial',
      'pilot',
      'small_trial',
    ]);
    const audits = await t.db.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'market.project.stage')
      .execute();
    expect(audits).toHaveLength(3);
    expect(
      (await a.kundulun!.request('POST', `/api/market/transfer-projects/${project}/stage`, { stage: 'pilot' }))
        .statusCode,
    ).toBe(404);
  });

  it('records milestones with evidence, investment, output value and jobs', async () => {
    const add = await a.xincheng!.request('POST', `/api/market/transfer-projects/${project}/milestones`, {
      stage: 'small_trial',
      title: '完成小试工艺包',
      plannedOn: '2020-06-30',
    });
    expect(add.statusCode).toBe(201);
    const m = add.json().milestones[0];
    expect(m).toMatchObject({ isLate: true, doneOn: null, stageName: '小试' });
    const done = await a.xincheng!.request('PATCH', `/api/market/transfer-projects/${project}/milestones/${m.id}`, {
      doneOn: '2020-07-02',
      evidence: '第三方检测报告 No.2020-118',
    });
    expect(done.json().milestones[0]).toMatchObject({ isLate: false, evidence: '第三方检测报告 No.2020-118' });
    expect(done.json()).toMatchObject({ milestonesDone: 1, milestonesTotal: 1 });
    const upd = await a.xincheng!.request('PATCH', `/api/market/transfer-projects/${project}`, {
      investment: 420.5,
      outputValue: 60,
      jobs: 12,
    });
    expect(upd.json()).toMatchObject({ investment: 420.5, outputValue: 60, jobs: 12 });
    expect(
      (
        await a.xincheng!.request('PATCH', `/api/market/transfer-projects/${project}/milestones/99999`, {
          evidence: 'x',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('shows a centre’s board by stage, scoped, and counts projects by stage as a fact', async () => {
    await a.hohhot!.request(
      'POST',
      '/api/market/transfer-projects',
      body({ divisionCode: '150105', stage: 'industrial', title: '种薯产业化基地' }),
    );
    const board = (await a.hohhot!.request('GET', `/api/market/transfer-centres/${centre}/board`)).json();
    expect(board.centre.name).toBe('呼和浩特市科技成果转化中心（测试）');
    expect(board.columns.map((c: { stageName: string; count: number }) => `${c.stageName}${c.count}`)).toEqual([
      '研发0',
      '小试1',
      '中试0',
      '产业化1',
    ]);
    // A county officer sees the league centre's board through its own projects only.
    const county = (await a.xincheng!.request('GET', `/api/market/transfer-centres/${centre}/board`)).json();
    expect(county.columns.reduce((s: number, c: { count: number }) => s + c.count, 0)).toBe(1);
    expect((await a.kundulun!.request('GET', `/api/market/transfer-centres/${centre}/board`)).statusCode).toBe(404);
    const list = (await a.kundulun!.request('GET', '/api/market/transfer-projects')).json();
    expect(list.total).toBe(0);
    const fact = (
      await a.region!.request('GET', '/api/metrics/market.transfer_projects?division=150100&by=stage')
    ).json();
    expect(fact.total).toMatchObject({ value: 2, breakdown: { small_trial: 1, industrial: 1 } });
  });
});
