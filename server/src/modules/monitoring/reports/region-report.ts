/**
 * 区域监测评价报告 (region report) of one index run: summary, tiers, choropleth map, rank table with rank intervals,
 * dimension averages by league, top movers, method notes and the parameter log. Pure: the run result in, a
 * ReportDocument out.
 */
import type { CountyResult, RunResult } from '../../../../../contracts/monitoring.ts';
import type { Block, ReportDocument, Section, TableCell } from '../../../platform/documents/index.ts';
import {
  MODE_LABELS,
  REPORT_AUTHOR,
  chineseDate,
  comparisonBasis,
  dimensionsOf,
  fmt,
  markingWarnings,
  mean,
  methodNotes,
  rankChange,
  rankInterval,
  reportMarking,
  tierChange,
  tierName,
} from './report-text.ts';
import { coverageSentence, missingList } from '../runs/coverage.ts';
import { logSectionBlocks } from './run-log-text.ts';

export interface RegionReportOptions {
  generatedAt: Date;
  /** Default 内蒙古自治区. */
  regionName?: string;
  /** A map registered with registerReportMap whose feature ids are the county codes; null: no map section. */
  map?: string | null;
  /** How many risers and fallers to list (default 5). */
  movers?: number;
}

function byRank(a: CountyResult, b: CountyResult): number {
  return (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || a.code.localeCompare(b.code);
}

function tierSection(result: RunResult): { blocks: Block[]; rated: CountyResult[] } {
  const rated = result.counties.filter((c) => c.score !== null);
  const tiers = [...new Set(rated.map((c) => c.tier).filter((t): t is number => t !== null))].sort((a, b) => a - b);
  const rows: TableCell[][] = tiers.map((tier) => {
    const members = rated.filter((c) => c.tier === tier);
    const scores = members.map((c) => c.score ?? 0);
    return [
      tierName(tier),
      members.length,
      `${fmt((members.length / Math.max(1, rated.length)) * 100, 1)}%`,
      `${fmt(Math.min(...scores))}–${fmt(Math.max(...scores))}`,
      fmt(mean(scores)),
    ];
  });
  const blocks: Block[] = [
    {
      kind: 'table',
      caption: '各类别旗县数量与得分范围',
      columns: [
        { header: '类别' },
        { header: '旗县数' },
        { header: '占比' },
        { header: '得分范围' },
        { header: '平均得分' },
      ],
      rows,
      footer: [['合计', rated.length, '100%', '', fmt(mean(rated.map((c) => c.score)))]],
    },
  ];
  if (tiers.length > 0)
    blocks.push({
      kind: 'chart',
      caption: '各类别旗县数量',
      chart: {
        type: 'pie',
        categories: tiers.map(tierName),
        series: [{ name: '旗县数', values: tiers.map((t) => rated.filter((c) => c.tier === t).length) }],
        width: 400,
        height: 240,
      },
    });
  return { blocks, rated };
}

function leagueSection(result: RunResult): Block[] {
  const dims = dimensionsOf(result.framework);
  const leagues = new Map<string, { name: string; counties: CountyResult[] }>();
  for (const c of result.counties) {
    const l = leagues.get(c.leagueCode) ?? { name: c.leagueName, counties: [] };
    l.counties.push(c);
    leagues.set(c.leagueCode, l);
  }
  const ordered = [...leagues.entries()].sort(([a], [b]) => a.localeCompare(b));
  const rows: TableCell[][] = ordered.map(([, l]) => [
    l.name,
    l.counties.length,
    ...dims.map((d) => roundOrNull(mean(l.counties.map((c) => c.dimensions[d.code])))),
    roundOrNull(mean(l.counties.map((c) => c.score))),
  ]);
  const blocks: Block[] = [
    {
      kind: 'table',
      caption: '各盟市旗县分维度平均得分',
      columns: [
        { header: '盟市', width: 1.6 },
        { header: '旗县数', width: 0.7 },
        ...dims.map((d) => ({ header: d.nameZh })),
        { header: '综合得分' },
      ],
      rows,
      footer: [
        [
          '全区',
          result.counties.length,
          ...dims.map((d) => roundOrNull(mean(result.counties.map((c) => c.dimensions[d.code])))),
          roundOrNull(mean(result.counties.map((c) => c.score))),
        ],
      ],
    },
  ];
  const chartable = ordered.filter(([, l]) => l.counties.some((c) => c.score !== null));
  if (chartable.length > 0 && dims.length > 0)
    blocks.push({
      kind: 'chart',
      caption: '各盟市旗县分维度平均得分',
      chart: {
        type: 'bar',
        horizontal: true,
        categories: chartable.map(([, l]) => l.name),
        series: dims.map((d) => ({
          name: d.nameZh,
          values: chartable.map(([, l]) => round2(mean(l.counties.map((c) => c.dimensions[d.code])) ?? 0)),
        })),
        width: 480,
        height: Math.max(240, 60 + 30 * chartable.length),
      },
    });
  return blocks;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
function roundOrNull(v: number | null): number | null {
  return v === null ? null : round2(v);
}

function moversSection(result: RunResult, n: number): Block[] {
  const comparison = result.comparison ?? null;
  const tiersComparable = comparison?.tiersComparable ?? false;
  const withChange = result.counties.flatMap((c) =>
    c.rankChange === null || c.rankChange === undefined ? [] : [{ c, delta: c.rankChange }],
  );
  if (withChange.length === 0 || !comparison)
    return [{ kind: 'paragraph', text: '没有上一年度已发布的同口径测算结果，本期不作名次变化比较。' }];
  const columns = [
    { header: '旗县', width: 1.6 },
    { header: '盟市', width: 1.4 },
    { header: '上年名次*' },
    { header: '本年名次*' },
    { header: '变化' },
    { header: '类别变化', width: 1.2 },
  ];
  const row = ({ c }: { c: CountyResult }): TableCell[] => [
    c.name,
    c.leagueName,
    c.comparablePreviousRank ?? null,
    c.comparableRank ?? null,
    rankChange(c),
    tierChange(c, tiersComparable),
  ];
  const risers = withChange
    .filter((m) => m.delta > 0)
    .sort((a, b) => b.delta - a.delta || byRank(a.c, b.c))
    .slice(0, n);
  const fallers = withChange
    .filter((m) => m.delta < 0)
    .sort((a, b) => a.delta - b.delta || byRank(a.c, b.c))
    .slice(0, n);
  const tiered = tiersComparable ? result.counties : [];
  const up = tiered.filter((c) => c.tier !== null && c.previousTier !== null && c.tier < c.previousTier);
  const down = tiered.filter((c) => c.tier !== null && c.previousTier !== null && c.tier > c.previousTier);
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text:
        `与上一年度相比，${withChange.filter((m) => m.delta > 0).length}个旗县名次上升，` +
        `${withChange.filter((m) => m.delta < 0).length}个下降，${withChange.filter((m) => m.delta === 0).length}个持平` +
        (tiersComparable
          ? `；${up.length}个旗县类别上升${up.length > 0 ? `（${up.map((c) => c.name).join('、')}）` : ''}，` +
            `${down.length}个类别下降${down.length > 0 ? `（${down.map((c) => c.name).join('、')}）` : ''}。`
          : '。'),
    },
    { kind: 'paragraph', tone: 'note', text: `*${comparisonBasis(comparison)}。` },
  ];
  if (risers.length > 0)
    blocks.push({ kind: 'table', caption: `名次上升最多的${risers.length}个旗县`, columns, rows: risers.map(row) });
  if (fallers.length > 0)
    blocks.push({ kind: 'table', caption: `名次下降最多的${fallers.length}个旗县`, columns, rows: fallers.map(row) });
  return blocks;
}

function indicatorTable(result: RunResult): Block {
  const { framework, statistics } = result;
  const dims = new Map(dimensionsOf(framework).map((d) => [d.code, d.nameZh]));
  const rows: TableCell[][] = framework.nodes
    .filter((n) => n.kind === 'indicator')
    .map((n) => [
      dims.get(n.parentCode ?? '') ?? '',
      n.nameZh,
      n.spec?.unit ?? '',
      n.spec?.direction === -1 ? '逆向' : '正向',
      n.weight,
      statistics.availability[n.code] === undefined ? null : `${fmt((statistics.availability[n.code] ?? 0) * 100, 0)}%`,
      statistics.correlationWithIndex[n.code] ?? null,
    ]);
  return {
    kind: 'table',
    caption: '指标、权重与数据情况',
    columns: [
      { header: '维度', width: 1.2 },
      { header: '指标', width: 2.6 },
      { header: '单位', width: 0.9 },
      { header: '方向', width: 0.6 },
      { header: '权重', width: 0.6 },
      { header: '数据可得率', width: 0.9 },
      { header: '与总指数相关系数', width: 1.1 },
    ],
    rows,
  };
}

/** The region report of a finished run. */
export function regionReportDocument(result: RunResult, opts: RegionReportOptions): ReportDocument {
  const { run, framework, statistics } = result;
  const region = opts.regionName ?? '内蒙古自治区';
  const date = chineseDate(opts.generatedAt);
  const title = `${region}${run.period}年度县域科技创新能力监测评价报告`;
  const ranked = [...result.counties].sort(byRank);
  const { blocks: tierBlocks, rated } = tierSection(result);
  const top = ranked.filter((c) => c.rank === 1);
  const last = ranked.filter((c) => c.score !== null).at(-1);
  const tierText = Object.entries(statistics.tierCounts)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([tier, n]) => `${tierName(Number(tier))}${n}个`)
    .join('、');
  const withInterval = rated.filter((c) => c.rankLow !== null && c.rankHigh !== null);
  const widths = withInterval.map((c) => (c.rankHigh ?? 0) - (c.rankLow ?? 0));

  const summary: string[] = [
    `本次测算依据${framework.nameZh}（第${framework.version}版），采用${MODE_LABELS[run.mode]}，` +
      `对${region}${result.counties.length}个旗县（市、区）${run.period}年度的县域科技创新能力进行监测评价，` +
      `${rated.length}个旗县得到综合得分。`,
  ];
  if (result.coverage)
    summary.push(
      `数据覆盖：${coverageSentence(result.coverage)}` +
        (result.coverage.complete
          ? '。'
          : `。${missingList(result.coverage)}。缺数据的旗县未参与排名或仅以往年数据参评。`),
    );
  if (tierText) summary.push(`按分类规则，${tierText}。`);
  if (top.length > 0 && last)
    summary.push(
      `综合得分最高的是${top.map((c) => `${c.name}（${fmt(c.score)}分）`).join('、')}，` +
        `最低的是${last.name}（${fmt(last.score)}分）；全区平均${fmt(mean(rated.map((c) => c.score)))}分。`,
    );
  if (widths.length > 0)
    summary.push(
      `排名区间（5%–95%）的平均宽度为${fmt(mean(widths), 1)}个名次，` +
        `${widths.filter((w) => w <= 5).length}个旗县的名次较稳定（区间宽度不超过5位）。`,
    );

  const sections: Section[] = [
    {
      heading: '说明',
      blocks: [
        {
          kind: 'paragraph',
          text:
            `本报告由平台根据第${run.id}号测算（${run.title || `${run.period}年度`}）自动生成，` +
            `测算完成于${run.finishedAt ? chineseDate(new Date(run.finishedAt)) : '—'}` +
            `${run.publishedAt ? `，发布于${chineseDate(new Date(run.publishedAt))}` : ''}。`,
        },
        ...markingWarnings(run).map((text) => ({ kind: 'paragraph' as const, tone: 'warning' as const, text })),
      ],
    },
    {
      heading: '一、总体情况',
      blocks: [...summary.map((text) => ({ kind: 'paragraph' as const, text })), ...tierBlocks],
    },
  ];
  if (opts.map) {
    const scored = result.counties.filter((c) => c.score !== null);
    sections.push({
      heading: '二、综合得分分布',
      blocks: [
        {
          kind: 'chart',
          caption: `${region}各旗县综合得分分布`,
          chart: {
            type: 'map',
            map: opts.map,
            categories: scored.map((c) => c.code),
            series: [{ name: '综合得分', values: scored.map((c) => c.score ?? 0) }],
            width: 480,
            height: 380,
          },
        },
        {
          kind: 'paragraph',
          tone: 'note',
          text: '注：颜色越深得分越高；灰色为无得分的旗县。地图仅示意旗县位置，不作为行政区域界线依据。',
        },
      ],
    });
  }
  const n = (k: number) => ['二', '三', '四', '五', '六', '七', '八'][k + (opts.map ? 1 : 0)] ?? '';
  sections.push(
    {
      heading: `${n(0)}、综合得分排名`,
      blocks: [
        {
          kind: 'table',
          caption: '各旗县综合得分、名次、排名区间与类别',
          columns: [
            { header: '名次', width: 0.6 },
            { header: '旗县', width: 1.7 },
            { header: '盟市', width: 1.4 },
            { header: '综合得分', width: 0.9 },
            { header: '排名区间', width: 0.9 },
            { header: '类别', width: 0.6 },
            { header: '名次变化', width: 0.8 },
          ],
          rows: ranked.map((c) => [
            c.rank,
            c.name,
            c.leagueName,
            c.score,
            rankInterval(c),
            tierName(c.tier),
            rankChange(c),
          ]),
        },
        {
          kind: 'paragraph',
          tone: 'note',
          text: '注：排名区间为不确定性分析中名次的5%–95%分位数；名次变化与上一年度已发布的同口径结果比较，仅在两期均有得分的旗县中比较，↑表示上升。',
        },
      ],
    },
    { heading: `${n(1)}、各盟市分维度情况`, blocks: leagueSection(result) },
    { heading: `${n(2)}、名次变化`, blocks: moversSection(result, opts.movers ?? 5) },
    {
      heading: `${n(3)}、方法说明`,
      blocks: [...methodNotes(result).map((text) => ({ kind: 'paragraph' as const, text })), indicatorTable(result)],
    },
  );
  sections.push({ heading: `${n(4)}、参数日志摘要`, blocks: logSectionBlocks(result) });

  return {
    title,
    subtitle: [
      `指标体系：${framework.nameZh}（第${framework.version}版）`,
      `测算：第${run.id}号，${MODE_LABELS[run.mode]}`,
      `生成日期：${date}`,
    ],
    marking: reportMarking(run),
    meta: {
      author: REPORT_AUTHOR,
      subject: title,
      keywords: ['县域创新能力', '监测评价', String(run.period)],
      createdAt: opts.generatedAt,
    },
    sections,
  };
}
