/** 区域概览报告 through the API: both formats, figures equal to /api/metrics, scope, errors, audit. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FactResult } from '../../../../contracts/metrics.ts';
import { missingGlyphs } from '../../platform/documents/index.ts';
import { docxText, readPdf, readZip } from '../../test/documents.ts';
import { addUser, createTestApp, signIn, type Agent, type TestApp } from '../../test/harness.ts';
import type { OrganisationStatus, OrganisationType } from '../organisations/organisations.tables.ts';
import { composeRegionOverview } from './region-overview.ts';

const DOCX = '/api/reports/region-overview.docx';
const PDF = '/api/reports/region-overview.pdf';
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The cells of every table row of a docx body, as text. */
function tableRows(xml: string): string[][] {
  return xml
    .split(/<w:tr(?=[\s>])/)
    .slice(1)
    .map((tr) =>
      tr
        .split(/<w:tc(?=[\s>])/)
        .slice(1)
        .map((tc) => docxText(`<w:tc${tc.split('</w:tc>')[0] ?? ''}`).trim()),
    );
}

describe('GET /api/reports/region-overview.{docx,pdf}', () => {
  let t: TestApp;
  const agents: Record<string, Agent> = {};
  let seq = 0;

  async function insertOrg(division: string, type: OrganisationType, status: OrganisationStatus = 'active') {
    const now = new Date().toISOString();
    await t.db.db
      .insertInto('organisation')
      .values({
        name: `报告单位${++seq}`,
        type,
        uscc: null,
        division_code: division,
        status,
        is_demo: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }

  async function auditRows() {
    return t.db.db
      .selectFrom('audit_log')
      .select(['action', 'target_type', 'target_id', 'division_code', 'result', 'details', 'actor_username'])
      .where('action', '=', 'report.region_overview')
      .orderBy('seq')
      .execute();
  }

  beforeAll(async () => {
    t = await createTestApp({ config: { mode: 'demo' } });
    await insertOrg('150102', 'enterprise');
    await insertOrg('150102', 'enterprise');
    await insertOrg('150102', 'government');
    await insertOrg('150102', 'enterprise', 'disabled'); // not registered any more: never counted
    await insertOrg('150105', 'institution');
    await insertOrg('150100', 'government'); // the league's own bureau: 本级
    await insertOrg('150203', 'enterprise'); // 包头市: outside Hohhot
    for (const [name, role, division] of [
      ['region', 'region-officer', '150000'],
      ['hohhot', 'league-officer', '150100'],
      ['xincheng', 'county-officer', '150102'],
      ['farmer', 'farmer', '150102'],
    ] as const) {
      await addUser(t, { username: name, role, division });
      agents[name] = await signIn(t, name);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('writes the docx of the caller’s division: title, demo marking, the table as /api/metrics counts, a chart', async () => {
    const res = await agents.hohhot!.request('GET', DOCX);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(DOCX_TYPE);
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toMatch(/^attachment; filename="region-overview-150100-\d{8}\.docx"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("UTF-8''")[1] ?? '')).toMatch(/^区域概览报告-呼和浩特市-\d{8}\.docx$/);

    const zip = await readZip(res.rawPayload);
    const xml = zip.get('word/document.xml')?.toString('utf8') ?? '';
    const text = docxText(xml);
    for (const s of [
      '呼和浩特市区域概览报告',
      '行政区划：呼和浩特市（150100）',
      '演示数据',
      '二、各旗县（市、区）在册单位',
    ])
      expect(text).toContain(s);

    const metrics = (
      await agents.hohhot!.request('GET', '/api/metrics/organisations.count?by=type')
    ).json<FactResult>();
    const rows = tableRows(xml);
    expect(rows[0]).toEqual(['旗县（市、区）', '政府部门', '责任单位', '企业', '事业单位', '社会组织', '合计']);
    const body = new Map(rows.slice(1).map((r) => [r[0], r.slice(1)]));
    for (const item of metrics.items) {
      const b = item.breakdown ?? {};
      const expected = ['government', 'responsibility_unit', 'enterprise', 'institution', 'social'].map((k) =>
        String(b[k] ?? 0),
      );
      expect(body.get(item.divisionName)).toEqual([...expected, String(item.value)]);
    }
    expect(body.get('新城区')).toEqual(['1', '0', '2', '0', '0', '3']);
    expect(body.get('呼和浩特市本级')).toEqual(['1', '0', '0', '0', '0', '1']);
    expect(body.get('合计')).toEqual(['2', '0', '2', '1', '0', '5']);
    expect(metrics.total.value).toBe(5);
    expect(body.has('昆都仑区')).toBe(false);

    const media = [...zip.keys()].filter((k) => k.startsWith('word/media/') && k.endsWith('.png'));
    expect(media).toHaveLength(1);
    expect(xml).toMatch(/descr="图 1\u3000呼和浩特市各旗县（市、区）在册单位数（按类型）"/);
  });

  it('writes the PDF of a division in scope: embedded font subset, extractable Chinese text, the chart', async () => {
    const res = await agents.region!.request('GET', `${PDF}?division=150100`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toMatch(/filename="region-overview-150100-\d{8}\.pdf"/);
    const file = res.rawPayload;
    expect(file.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(file.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/);
    const pdf = await readPdf(file);
    const all = pdf.text.join('\n');
    for (const s of ['呼和浩特市区域概览报告', '演示数据', '新城区', '赛罕区', '呼和浩特市本级', '表 1', '图 1'])
      expect(all).toContain(s);
    expect(all).toContain('共有在册单位5个，其中政府部门2个、责任单位0个、企业2个、事业单位1个、社会组织0个。');
    expect(pdf.images.reduce((a, b) => a + b, 0)).toBe(1);
    expect(pdf.info.Title).toBe('呼和浩特市区域概览报告');
  });

  it('covers a county officer’s own county, and the region with its 12 leagues', async () => {
    const county = await agents.xincheng!.request('GET', DOCX);
    expect(county.statusCode).toBe(200);
    const countyXml = (await readZip(county.rawPayload)).get('word/document.xml')?.toString('utf8') ?? '';
    expect(tableRows(countyXml).map((r) => r[0])).toEqual(['旗县（市、区）', '新城区', '合计']);
    expect(docxText(countyXml)).toContain('二、在册单位（按类型）'); // no children: the chart is by type

    const region = await agents.region!.request('GET', DOCX);
    expect(region.statusCode).toBe(200);
    const regionRows = tableRows((await readZip(region.rawPayload)).get('word/document.xml')?.toString('utf8') ?? '');
    expect(regionRows[0]?.[0]).toBe('盟市');
    expect(regionRows).toHaveLength(1 + 12 + 1); // header, 12 leagues, total (nothing registered at 150000 itself)
    expect(regionRows.at(-1)).toEqual(['合计', '2', '0', '3', '1', '0', '6']);
  });

  it('writes one audit row per download, with the division and the format', async () => {
    const before = (await auditRows()).length;
    const res = await agents.hohhot!.request('GET', `${PDF}?division=150105`);
    expect(res.statusCode).toBe(200);
    const rows = await auditRows();
    expect(rows).toHaveLength(before + 1);
    const last = rows.at(-1)!;
    expect(last).toMatchObject({
      target_type: 'division',
      target_id: '150105',
      division_code: '150105',
      result: 'success',
      actor_username: 'hohhot',
    });
    expect(JSON.parse(last.details ?? '{}')).toMatchObject({ format: 'pdf', level: 'county', rows: 1, total: 1 });
  });

  it.each([DOCX, PDF])('%s: 401 without a session, 403 without metrics:read', async (url) => {
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(401);
    const res = await agents.farmer!.request('GET', url);
    expect(res.statusCode).toBe(403);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('FORBIDDEN');
  });

  it.each([DOCX, PDF])('%s: 404 outside the scope or unknown, 400 for a malformed division', async (url) => {
    const before = (await auditRows()).length;
    for (const [agent, division] of [
      ['hohhot', '150203'], // 包头市昆都仑区
      ['hohhot', '150200'], // 包头市
      ['hohhot', '150000'], // the region above
      ['xincheng', '150105'], // a sibling county
      ['region', '999999'], // unknown
    ] as const) {
      const res = await agents[agent]!.request('GET', `${url}?division=${division}`);
      expect(res.statusCode, `${agent} ${division}`).toBe(404);
    }
    for (const bad of ['abc', '15010', '1501020', '']) {
      const res = await agents.region!.request('GET', `${url}?division=${bad}`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json<{ error: { code: string } }>().error.code).toBe('VALIDATION');
    }
    expect(await auditRows()).toHaveLength(before);
  });
});

describe('composeRegionOverview', () => {
  const fact: FactResult = {
    fact: 'organisations.count',
    title: { zh: '在册单位数（按类型）', en: 'Active organisations (by type)' },
    unit: '个',
    periodType: 'snapshot',
    aggregation: 'sum',
    period: 'current',
    level: 'county',
    by: 'type',
    total: { divisionCode: '150100', divisionName: '呼和浩特市', level: 'prefecture', value: 0, breakdown: {} },
    items: [
      { divisionCode: '150102', divisionName: '新城区', level: 'county', value: 0, breakdown: {} },
      { divisionCode: '150103', divisionName: '回民区', level: 'county', value: 0, breakdown: {} },
    ],
    computedAt: '2026-03-05T02:00:00.000Z',
  };
  const generatedAt = new Date('2026-03-04T17:30:00Z'); // 2026-03-05 01:30 in China

  it('marks demo data only in demo mode and dates the report in China time', () => {
    const demo = composeRegionOverview({ fact, mode: 'demo', generatedAt });
    expect(demo.marking).toBe('演示数据');
    expect(JSON.stringify(demo.sections)).toContain('演示模式');
    expect(demo.subtitle).toContain('生成日期：2026年3月5日');
    const production = composeRegionOverview({ fact, mode: 'production', generatedAt });
    expect(production.marking).toBeUndefined();
    expect(JSON.stringify(production)).not.toContain('演示');
  });

  it('charts a county by type, with no child divisions to compare', () => {
    const county: FactResult = {
      ...fact,
      total: {
        divisionCode: '150102',
        divisionName: '新城区',
        level: 'county',
        value: 3,
        breakdown: { enterprise: 3 },
      },
      items: [
        { divisionCode: '150102', divisionName: '新城区', level: 'county', value: 3, breakdown: { enterprise: 3 } },
      ],
    };
    const doc = composeRegionOverview({ fact: county, mode: 'production', generatedAt });
    const chart = doc.sections.flatMap((s) => s.blocks).find((b) => b.kind === 'chart');
    expect(chart?.kind === 'chart' ? chart.chart : null).toMatchObject({
      categories: ['政府部门', '责任单位', '企业', '事业单位', '社会组织'],
      series: [{ name: '在册单位', values: [0, 0, 3, 0, 0] }],
    });
  });

  it('keeps every type in the chart, even with nothing registered, and adds no "most" sentence', () => {
    const doc = composeRegionOverview({ fact, mode: 'production', generatedAt });
    const blocks = doc.sections.flatMap((s) => s.blocks);
    const chart = blocks.find((b) => b.kind === 'chart');
    expect(chart?.kind === 'chart' ? chart.chart.series.map((s) => s.name) : []).toEqual([
      '政府部门',
      '责任单位',
      '企业',
      '事业单位',
      '社会组织',
    ]);
    expect(JSON.stringify(blocks)).not.toContain('最多');
  });
});

describe('report font', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('has a glyph for every character of every division name of China', async () => {
    const names = await t.db.db.selectFrom('division').select('name').execute();
    expect(names.length).toBeGreaterThan(3000);
    expect(await missingGlyphs(names.map((n) => n.name).join(''))).toEqual([]);
  });
});
