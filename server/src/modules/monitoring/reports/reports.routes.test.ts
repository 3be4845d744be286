/**
 * POST /api/monitoring/runs/:id/reports on real runs: permission and scope (region report needs the whole region,
 * county reports follow the county diagnosis, unpublished runs need monitoring:manage over the whole region), bad
 * input, and the job through to the file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job, RunSummary } from '../../../../../contracts/monitoring.ts';
import type { RoleCode } from '../../../../../contracts/access.ts';
import { whenJobsIdle } from '../../../platform/jobs/index.ts';
import { DEFAULT_STAGE_NAMES } from '@qixian/composite-index';
import { docxText, readPdf, readZip } from '../../../test/documents.ts';
import { addUser, createTestApp, signIn, type Agent, type TestApp } from '../../../test/harness.ts';
import { insertRunValues } from '../runs/runs.test-helper.ts';

const USERS: [string, RoleCode, string][] = [
  ['region', 'region-officer', '150000'],
  ['region-hohhot', 'region-officer', '150100'], // the region role granted at a league
  ['league-hohhot', 'league-officer', '150100'],
  ['league-baotou', 'league-officer', '150200'],
  ['county-xincheng', 'county-officer', '150102'],
  ['county-kundulun', 'county-officer', '150203'],
  ['unit', 'unit-officer', '150000'],
  ['enterprise', 'enterprise', '150102'],
];

describe('monitoring report jobs', () => {
  let t: TestApp;
  const agents = new Map<string, Agent>();
  let published: number;
  let unpublished: number;
  let failed: number;
  const as = (name: string) => agents.get(name)!;

  async function createRun(period: number): Promise<number> {
    const res = await as('region').request('POST', '/api/monitoring/runs', {
      period,
      mode: 'monitoring',
      replications: 20,
    });
    expect(res.statusCode, res.body).toBe(202);
    await whenJobsIdle(t.app.deps);
    return res.json<RunSummary>().id;
  }
  const jobCount = async () =>
    Number(
      (
        await t.db.db
          .selectFrom('job')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const post = (user: string, run: number, body: unknown) =>
    as(user).request('POST', `/api/monitoring/runs/${run}/reports`, body);

  beforeAll(async () => {
    t = await createTestApp();
    for (const [name, role, division] of USERS) {
      await addUser(t, { username: name, role, division });
      agents.set(name, await signIn(t, name));
    }
    await insertRunValues(t.db.db, [2023, 2024]);
    published = await createRun(2024);
    expect((await as('region').request('POST', `/api/monitoring/runs/${published}/publish`, {})).statusCode).toBe(200);
    unpublished = await createRun(2024);
    failed = await createRun(2019); // no data that year
  }, 300_000);
  afterAll(async () => {
    await whenJobsIdle(t.app.deps);
    await t.close();
  });

  it('answers 401 without a session, 403 without monitoring:read, 400 on bad input (nothing queued)', async () => {
    const anon = await t.app.inject({ method: 'POST', url: `/api/monitoring/runs/${published}/reports`, payload: {} });
    expect(anon.statusCode).toBe(401);
    const before = await jobCount();
    expect((await post('enterprise', published, { kind: 'region', format: 'pdf' })).statusCode).toBe(403);
    for (const body of [
      {},
      { kind: 'region', format: 'xls' },
      { kind: 'league', format: 'pdf' },
      { kind: 'county', format: 'pdf' },
      { kind: 'county', division: '1501', format: 'pdf' },
      { kind: 'region', format: 'pdf', extra: 1 },
    ]) {
      const res = await post('region', published, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(
      (await as('region').request('POST', '/api/monitoring/runs/abc/reports', { kind: 'region', format: 'pdf' }))
        .statusCode,
    ).toBe(400);
    expect(await jobCount()).toBe(before);
  });

  it('gives the region report only to callers whose scope covers the whole region', async () => {
    const expected: Record<string, number> = {
      region: 202,
      unit: 202,
      'region-hohhot': 404,
      'league-hohhot': 404,
      'league-baotou': 404,
      'county-xincheng': 404,
      'county-kundulun': 404,
    };
    for (const [user, status] of Object.entries(expected)) {
      const res = await post(user, published, { kind: 'region', format: 'docx' });
      expect(res.statusCode, `${user}: ${res.body}`).toBe(status);
    }
  });

  it('gives a county report wherever the county diagnosis opens: any county of a published run (finding 5)', async () => {
    // Published results are public: every monitoring:read user reads each county's diagnosis, so its report too.
    const cases: [string, string, number][] = [
      ['county-xincheng', '150102', 202],
      ['county-xincheng', '150203', 202],
      ['county-kundulun', '150102', 202],
      ['league-baotou', '150102', 202],
      ['unit', '152921', 202],
      ['region', '150100', 404], // a league is not a county of the run
      ['region', '110101', 404], // outside the region
      ['enterprise', '150102', 403], // no monitoring:read
    ];
    for (const [user, division, status] of cases) {
      const res = await post(user, published, { kind: 'county', division, format: 'pdf' });
      expect(res.statusCode, `${user} ${division}: ${res.body}`).toBe(status);
      const diagnosis = await as(user).request('GET', `/api/monitoring/runs/${published}/counties/${division}`);
      expect(diagnosis.statusCode, `${user} ${division} diagnosis`).toBe(status === 202 ? 200 : status);
    }
  });

  it('keeps unpublished runs to monitoring:manage over the whole region, and refuses unfinished ones with 409', async () => {
    expect(
      (await post('county-xincheng', unpublished, { kind: 'county', division: '150102', format: 'pdf' })).statusCode,
    ).toBe(404);
    expect((await post('unit', unpublished, { kind: 'region', format: 'pdf' })).statusCode).toBe(404);
    // a region role granted at a league manages part of the region only: the unpublished run does not exist for it
    for (const body of [
      { kind: 'county', division: '150102', format: 'pdf' },
      { kind: 'county', division: '150203', format: 'pdf' },
      { kind: 'region', format: 'pdf' },
    ])
      expect((await post('region-hohhot', unpublished, body)).statusCode, JSON.stringify(body)).toBe(404);
    expect((await post('region', unpublished, { kind: 'county', division: '150102', format: 'docx' })).statusCode).toBe(
      202,
    );
    const res = await post('region', failed, { kind: 'region', format: 'pdf' });
    expect(res.statusCode).toBe(409);
    expect((await post('region', 999999, { kind: 'region', format: 'pdf' })).statusCode).toBe(404);
  });

  it('runs the job to a file for its owner: region PDF with the map and the rank table, county docx', async () => {
    await whenJobsIdle(t.app.deps);
    const audits = async () =>
      (await t.db.db.selectFrom('audit_log').select('details').where('action', '=', 'monitoring.report').execute())
        .length;
    const auditsBefore = await audits();

    const region = await post('region', published, { kind: 'region', format: 'pdf' });
    expect(region.statusCode).toBe(202);
    const job = region.json<Job>();
    expect(job).toMatchObject({ kind: 'monitoring.report', status: 'queued', progress: 0, fileName: null });
    const county = await post('county-xincheng', published, { kind: 'county', division: '150102', format: 'docx' });
    const countyJob = county.json<Job>();
    expect(await audits()).toBe(auditsBefore + 2);

    await whenJobsIdle(t.app.deps);
    const done = (await as('region').request('GET', `/api/jobs/${job.id}`)).json<Job>();
    expect(done).toMatchObject({ status: 'done', progress: 100, error: null });
    expect(done.fileName).toMatch(/^县域创新能力监测评价报告-2024-\d{8}\.pdf$/);
    expect((await as('county-xincheng').request('GET', `/api/jobs/${job.id}`)).statusCode).toBe(404);

    const file = await as('region').request('GET', `/api/jobs/${job.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent(done.fileName ?? '')}`,
    );
    const pdf = await readPdf(file.rawPayload);
    const text = pdf.text.join('');
    expect(text).toContain('内蒙古自治区2024年度县域科技创新能力监测评价报告');
    expect(text).toContain('各旗县综合得分、名次、排名区间与类别');
    expect(text).toContain('昆都仑区');
    expect(text).toContain('综合得分分布'); // the choropleth section
    // The parameter log names each stage by what it does, never by the engine's data-set names (issue 12, item 10).
    expect(text).toContain('参数日志摘要');
    expect(text).toContain('标准化');
    for (const engineName of Object.values(DEFAULT_STAGE_NAMES)) expect(text).not.toContain(engineName);

    const c = (await as('county-xincheng').request('GET', `/api/jobs/${countyJob.id}`)).json<Job>();
    expect(c).toMatchObject({ status: 'done', error: null });
    expect(c.fileName).toMatch(/^县域创新能力诊断报告-新城区-2024-\d{8}\.docx$/);
    const docx = await as('county-xincheng').request('GET', `/api/jobs/${countyJob.id}/file`);
    const xml = docxText((await readZip(docx.rawPayload)).get('word/document.xml')?.toString('utf8') ?? '');
    expect(xml).toContain('新城区2024年度县域科技创新能力诊断报告');
    expect(xml).toContain('排名区间');
    expect(xml).toContain('提升建议');
  }, 300_000);
});
