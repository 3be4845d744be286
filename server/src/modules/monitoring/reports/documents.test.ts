/** The monitoring report builders (pure) and their rendered files, from fixtures built on the contract types. */
import { describe, expect, it } from 'vitest';
import { renderChartSvg, renderDocument, type Block, type ReportDocument } from '../../../platform/documents/index.ts';
import { assertValidDocument } from '../../../platform/documents/model.ts';
import { docxText, readPdf, readZip } from '../../../test/documents.ts';
import { countyReportDocument, suggestions, yearsToTargetText } from './county-report.ts';
import { fixtureDiagnosis, fixtureRunResult, LEAGUE_NAMES, type FixtureCounty } from './fixtures.test-helper.ts';
import { regionMap } from './region-map.ts';
import { regionReportDocument } from './region-report.ts';
import { rankChange, rankInterval, reportMarking, tierRuleText } from './report-text.ts';
import { logSummary } from './run-log-text.ts';
import { DEFAULT_STAGE_NAMES } from '@qixian/composite-index';
import { DEFAULT_REGION_CODE } from '../../../../../contracts/region.ts';

const generatedAt = new Date('2026-03-05T02:00:00Z');

function tables(doc: ReportDocument): Extract<Block, { kind: 'table' }>[] {
  return doc.sections.flatMap((s) =>
    s.blocks.filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table'),
  );
}
function charts(doc: ReportDocument): Extract<Block, { kind: 'chart' }>[] {
  return doc.sections.flatMap((s) =>
    s.blocks.filter((b): b is Extract<Block, { kind: 'chart' }> => b.kind === 'chart'),
  );
}
function allText(doc: ReportDocument): string {
  return JSON.stringify(doc);
}

describe('report wording', () => {
  it('writes rank intervals, changes, markings and tier rules', () => {
    expect(rankInterval({ rankLow: 3.2, rankHigh: 9.6 })).toBe('3–10');
    expect(rankInterval({ rankLow: 4, rankHigh: 4 })).toBe('4');
    expect(rankInterval({ rankLow: null, rankHigh: null })).toBe('—');
    expect([rankChange({ rankChange: 4 }), rankChange({ rankChange: -4 })]).toEqual(['↑4', '↓4']);
    expect(rankChange({ rankChange: 0 })).toBe('持平');
    expect(rankChange({ rankChange: null })).toBe('—');
    const run = fixtureRunResult({ demo: true, provisional: true, published: false }).run;
    expect(reportMarking(run)).toBe('演示数据 · 初步结果 · 未发布');
    expect(reportMarking(fixtureRunResult().run)).toBeUndefined();
    const fw = fixtureRunResult().framework;
    expect(tierRuleText(fw)).toBe('按得分阈值分类：得分≥80为一类，60≤得分<80为二类，得分<60为三类。');
    expect(tierRuleText({ ...fw, settings: { ...fw.settings, tiers: { kind: 'counts', counts: [10, 15, 78] } } })).toBe(
      '按名次分布分类：第1–10名为一类（10个），第11–25名为二类（15个），第26–103名为三类（78个）；并列者归入较高类别。',
    );
  });

  it('summarises the parameter log and tolerates entries it does not know', () => {
    const lines = logSummary([...fixtureRunResult().log, { name: 'Future stage' }, 'junk', null]);
    expect(lines).toContain('缺失值插补，插补 3 个数值，仍缺 0 个');
    expect(lines).toContain('极端值处理，检查 1 个指标，处理 1 个');
    expect(lines).toContain('不确定性分析：蒙特卡洛 500 次（失败 0 次）');
    expect(lines.at(-1)).toBe('未识别的步骤：Future stage');
  });

  it("names every stage in Chinese, never by the engine's data-set names (Normalised, Aggregated, Ranks …)", () => {
    const stages = Object.entries(DEFAULT_STAGE_NAMES).map(([op, name]) => ({
      name,
      input: 'Raw',
      spec: { op },
      report: { op },
    }));
    const weights = {
      name: 'Weights',
      input: 'Raw',
      spec: { op: 'weight', method: 'entropy' },
      report: { op: 'weight' },
    };
    const renamed = { name: 'Normalised2', input: 'Raw', spec: { op: 'normalise' }, report: { op: 'normalise' } };
    const lines = logSummary([...stages, weights, renamed]);
    expect(lines).toEqual(
      expect.arrayContaining(['标准化', '逐级合成', '排名', '权重（熵权法）', '标准化（Normalised2）']),
    );
    const result = fixtureRunResult();
    const text = allText(
      regionReportDocument({ ...result, log: [...result.log, ...stages] }, { generatedAt, map: null }),
    );
    for (const name of Object.values(DEFAULT_STAGE_NAMES)) expect(text).not.toContain(name);
  });
});

describe('rank changes when the set of scored counties shrinks', () => {
  it('compares only over counties scored in both years and drops the tier change, in both reports', () => {
    const result = fixtureRunResult({ previous: true, unscored: ['150102', '150103'] });
    const total = result.counties.length;
    expect(result.comparison).toMatchObject({ common: total - 2, current: total - 2, previous: total });
    const county = result.counties.find((c) => c.score !== null && c.rankChange !== 0)!;
    const doc = countyReportDocument(result, fixtureDiagnosis(result, county.code), { generatedAt });
    const d = county.rankChange ?? 0;
    const text = allText(doc);
    expect(text).toContain(`在两期均有得分的${total - 2}个旗县中名次${d > 0 ? `上升${d}位` : `下降${-d}位`}`);
    expect(text).toContain(`（第${county.comparablePreviousRank}位→第${county.comparableRank}位）`);
    expect(text).toContain('类别不作比较');
    expect(text).not.toContain('类别由');
    const region = regionReportDocument(result, { generatedAt, map: null });
    expect(allText(region)).toContain(`名次变化仅在两期均有得分的${total - 2}个旗县中比较`);
    expect(allText(region)).not.toContain('个旗县类别上升');
  });
});

describe('region report document', () => {
  it('has the title, marking, every county in the rank table with its interval and tier', () => {
    const result = fixtureRunResult({ demo: true, previous: true });
    const doc = regionReportDocument(result, { generatedAt, map: null });
    assertValidDocument(doc);
    expect(doc.title).toBe('内蒙古自治区2025年度县域科技创新能力监测评价报告');
    expect(doc.marking).toBe('演示数据');
    expect(allText(doc)).toContain('基于演示数据测算');
    const rankTable = tables(doc).find((t) => t.caption.startsWith('各旗县综合得分'));
    expect(rankTable?.rows).toHaveLength(result.counties.length);
    const first = [...result.counties].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0))[0]!;
    expect(rankTable?.rows[0]).toEqual([
      1,
      first.name,
      first.leagueName,
      first.score,
      rankInterval(first),
      first.tier === 1 ? '一类' : first.tier === 2 ? '二类' : '三类',
      rankChange(first),
    ]);
    // tiers, league averages, movers, method and log sections
    const headings = doc.sections.map((s) => s.heading);
    expect(headings).toEqual([
      '说明',
      '一、总体情况',
      '二、综合得分排名',
      '三、各盟市分维度情况',
      '四、名次变化',
      '五、方法说明',
      '六、参数日志摘要',
    ]);
    const leagues = tables(doc).find((t) => t.caption === '各盟市旗县分维度平均得分');
    expect(leagues?.rows.map((r) => r[0])).toEqual(['呼和浩特市', '包头市', '赤峰市', '呼伦贝尔市', '阿拉善盟']);
    expect(leagues?.columns.map((c) => c.header)).toEqual([
      '盟市',
      '旗县数',
      '创新投入',
      '创新主体',
      '创新条件',
      '创新产出',
      '创新环境',
      '综合得分',
    ]);
    expect(tables(doc).some((t) => t.caption.startsWith('名次上升最多'))).toBe(true);
    expect(allText(doc)).toContain('按得分阈值分类');
    expect(allText(doc)).toContain('蒙特卡洛 500 次');
  });

  it('says when there is no previous year, and marks provisional unpublished runs', () => {
    const doc = regionReportDocument(fixtureRunResult({ provisional: true, published: false }), { generatedAt });
    expect(doc.marking).toBe('初步结果 · 未发布');
    expect(allText(doc)).toContain('本期不作名次变化比较');
    expect(allText(doc)).toContain('尚未发布');
    expect(doc.sections.some((s) => s.heading.includes('综合得分分布'))).toBe(false);
  });

  it('draws the choropleth of the 103 counties from the extracted map', async () => {
    expect(await regionMap()).toBe(DEFAULT_REGION_CODE);
    const raw = (await import('@qixian/county-map')).extractRegionMap();
    const counties: FixtureCounty[] = raw.features.map((f) => ({ code: f.id, name: f.properties.name }));
    expect(counties).toHaveLength(103);
    expect(new Set(counties.map((c) => `${c.code.slice(0, 4)}00`)).size).toBe(Object.keys(LEAGUE_NAMES).length);
    const doc = regionReportDocument(fixtureRunResult({ counties }), { generatedAt, map: DEFAULT_REGION_CODE });
    const map = charts(doc).find((c) => c.chart.type === 'map');
    expect(map?.chart.categories).toHaveLength(103);
    const svg = await renderChartSvg(map!.chart);
    // one filled path per county polygon at least, coloured on the scale (many distinct fills, not all grey)
    expect((svg.match(/<path/g) ?? []).length).toBeGreaterThan(103);
    const fills = new Set([...svg.matchAll(/<path[^>]*fill="(rgb\([^"]+\))"/g)].map((m) => m[1]));
    expect(fills.size).toBeGreaterThan(20);
  }, 180_000);
});

describe('county diagnostic report document', () => {
  const result = fixtureRunResult({ previous: true });
  const code = '150203';
  const diagnosis = fixtureDiagnosis(result, code);
  const county = diagnosis.county;

  it('has the score, rank with interval, tier, change, radar, trend, strengths, targets and suggestions', () => {
    const doc = countyReportDocument(result, diagnosis, { generatedAt });
    assertValidDocument(doc);
    expect(doc.title).toBe('昆都仑区2025年度县域科技创新能力诊断报告');
    expect(doc.subtitle?.[0]).toBe('所属盟市：包头市（旗县代码 150203）');
    const text = allText(doc);
    expect(text).toContain(`在全区10个旗县中排第${county.rank}位（排名区间第${rankInterval(county)}位）`);
    expect(text).toContain('与上一年度相比');
    const key = tables(doc).find((t) => t.caption === '昆都仑区主要结果');
    expect(key?.rows).toContainEqual(['排名区间（5%–95%）', rankInterval(county)]);
    const radar = charts(doc).find((c) => c.chart.type === 'radar');
    expect(radar?.chart.series.map((s) => s.name)).toEqual(['昆都仑区', '同类型旗县平均']);
    expect(radar?.chart.categories).toHaveLength(5);
    expect(charts(doc).some((c) => c.chart.type === 'line')).toBe(true);
    const strengths = tables(doc).find((t) => t.caption.startsWith('优势指标'));
    expect(strengths?.rows[0]?.[0]).toBe(diagnosis.strengths[0]?.nameZh);
    const targets = tables(doc).find((t) => t.caption === '政策目标完成情况');
    expect(targets?.rows.map((r) => r[5])).toEqual(['约3.5年', '已达到', '按当前趋势难以达到']);
    expect(text).toContain('科技型中小企业数：达到同类旗县中位数，综合得分可提高约2.4分');
    expect(doc.sections.at(-1)?.heading).toBe('七、方法说明');
  });

  it('words years to target and suggestions', () => {
    const t = diagnosis.targets[0]!;
    expect(yearsToTargetText({ ...t, current: null })).toBe('数据不足');
    expect(yearsToTargetText({ ...t, yearsToTarget: 0 })).toBe('已达到');
    expect(yearsToTargetText({ ...t, yearsToTarget: 42.1 })).toBe('30年以上');
    const advice = suggestions({ ...diagnosis, improvements: [], weaknesses: [] }, '同类型旗县');
    expect(advice[0]).toBe(
      'R&D经费投入强度：距2025年目标（1.5%）尚有差距，当前为0.9%（完成60%），按当前趋势约需3.5年才能达到。',
    );
    expect(suggestions({ ...diagnosis, improvements: [], weaknesses: [], targets: [] }, '同类型旗县')).toEqual([]);
  });

  it('renders as docx and PDF with the county, the interval and the marking (render times logged)', async () => {
    const demo = fixtureRunResult({ previous: true, demo: true });
    const doc = countyReportDocument(demo, fixtureDiagnosis(demo, code), { generatedAt });
    const timings: string[] = [];
    for (const round of ['cold', 'warm']) {
      for (const format of ['pdf', 'docx'] as const) {
        const start = performance.now();
        await renderDocument(format, doc);
        timings.push(`${format} ${round} ${(performance.now() - start).toFixed(0)} ms`);
      }
    }
    console.log(`county report render: ${timings.join(', ')}`);

    const pdf = await readPdf(await renderDocument('pdf', doc));
    const pdfText = pdf.text.join('');
    expect(pdfText).toContain('昆都仑区2025年度县域科技创新能力诊断报告');
    expect(pdfText).toContain('演示数据');
    expect(pdfText).toContain(`排名区间第${rankInterval(county)}位`);
    expect(pdf.images.reduce((a, b) => a + b, 0)).toBe(2); // radar and trend

    const zip = await readZip(await renderDocument('docx', doc));
    const xml = docxText(zip.get('word/document.xml')?.toString('utf8') ?? '');
    expect(xml).toContain('昆都仑区主要结果');
    expect(xml).toContain('同类型旗县平均');
    expect([...zip.keys()].filter((k) => k.startsWith('word/media/'))).toHaveLength(2);
  }, 180_000);

  it('renders the region report of 103 counties with its map as PDF and docx (render times logged)', async () => {
    await regionMap();
    const raw = (await import('@qixian/county-map')).extractRegionMap();
    const counties: FixtureCounty[] = raw.features.map((f) => ({ code: f.id, name: f.properties.name }));
    const big = fixtureRunResult({ counties, previous: true, demo: true });
    const doc = regionReportDocument(big, { generatedAt, map: DEFAULT_REGION_CODE });
    const timings: string[] = [];
    for (const format of ['pdf', 'docx'] as const) {
      const start = performance.now();
      const buffer = await renderDocument(format, doc);
      timings.push(`${format} ${(performance.now() - start).toFixed(0)} ms ${(buffer.length / 1024).toFixed(0)} KiB`);
    }
    console.log(`region report render (103 counties, 4 charts): ${timings.join(', ')}`);
    const pdf = await readPdf(await renderDocument('pdf', doc));
    const text = pdf.text.join('');
    expect(text).toContain('莫力达瓦达斡尔族自治旗');
    expect(text).toContain('各旗县综合得分、名次、排名区间与类别');
    expect(pdf.images.reduce((a, b) => a + b, 0)).toBe(3); // tiers pie, map, league bars
  }, 180_000);
});
