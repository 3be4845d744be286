/**
 * 县域创新能力诊断报告 (county diagnostic report): score, rank with its interval, tier, change on last year, radar of
 * the dimensions against the peer mean, trend, strengths and weaknesses, targets with years to target, improvement
 * suggestions and the method. Pure: the run result and the county's diagnosis in, a ReportDocument out.
 */
import type { CountyDiagnosis, CountyResult, RankComparison, RunResult } from '../../../../../contracts/monitoring.ts';
import type { Block, ReportDocument, Section, TableCell } from '../../../platform/documents/index.ts';
import {
  MODE_LABELS,
  REPORT_AUTHOR,
  chineseDate,
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

export interface CountyReportOptions {
  generatedAt: Date;
}

export const PEER_GROUP_LABELS: Record<CountyDiagnosis['peerGroup'], string> = {
  type: '同类型旗县',
  league: '同盟市旗县',
  neighbours: '相邻旗县',
  all: '全区旗县',
};

/** 3.5 年 / 已达到 / 按当前趋势难以达到 / 数据不足. */
export function yearsToTargetText(t: CountyDiagnosis['targets'][number]): string {
  if (t.current === null) return '数据不足';
  if (t.reached !== null && t.reached >= 1) return '已达到';
  if (t.yearsToTarget === null) return '按当前趋势难以达到';
  if (t.yearsToTarget === 0) return '已达到';
  if (t.yearsToTarget > MAX_YEARS) return `${MAX_YEARS}年以上`;
  return `约${fmt(t.yearsToTarget, 1)}年`;
}

/** Beyond this a linear trend says nothing useful: "30年以上". */
const MAX_YEARS = 30;

function trendSentence(t: CountyDiagnosis['targets'][number]): string {
  const text = yearsToTargetText(t);
  if (t.yearsToTarget === null || t.current === null) return text;
  return `按当前趋势${t.yearsToTarget > MAX_YEARS ? `需${text}` : `${text.replace(/^约/, '约需')}`}才能达到`;
}

/**
 * The change on last year, compared only among the counties scored in both years (a shrinking set would lift every
 * county below a missing one); the tier change only when both years scored the same counties.
 */
export function changeSentence(c: CountyResult, comparison: RankComparison | null | undefined): string {
  if (!comparison) return '上一年度没有已发布的同口径结果，暂不比较名次变化。';
  if (c.score === null) return '本期没有综合得分，不比较名次变化。';
  const d = c.rankChange ?? null;
  if (d === null || c.previousScore === null)
    return `上一年度（${comparison.previousPeriod}年）该旗县没有综合得分，暂不比较名次变化。`;
  const score = `得分由${fmt(c.previousScore)}分${c.score >= c.previousScore ? '升至' : '降至'}${fmt(c.score)}分，`;
  const rank = d > 0 ? `名次上升${d}位` : d < 0 ? `名次下降${-d}位` : '名次持平';
  const places = `（第${c.comparablePreviousRank ?? '—'}位→第${c.comparableRank ?? '—'}位）`;
  const tier =
    comparison.tiersComparable && c.tier !== null && c.previousTier !== null && c.tier !== c.previousTier
      ? `，类别由${tierName(c.previousTier)}变为${tierName(c.tier)}`
      : '';
  const sets = comparison.tiersComparable
    ? ''
    : `两期参评旗县不同（本期有得分${comparison.current}个、上期${comparison.previous}个），类别不作比较。`;
  return `与上一年度相比，${score}在两期均有得分的${comparison.common}个旗县中${rank}${places}${tier}。` + sets;
}

function standingTable(caption: string, rows: CountyDiagnosis['strengths'], peerLabel: string): Block {
  return {
    kind: 'table',
    caption,
    columns: [
      { header: '指标', width: 2.8 },
      { header: '本县得分' },
      { header: `${peerLabel}平均` },
      { header: '差距' },
    ],
    rows: rows.map((s) => [s.nameZh, s.score, s.peerMean, `${s.gap >= 0 ? '+' : ''}${fmt(s.gap)}`]),
  };
}

/** Suggestions in words, from the improvement simulation and the weaknesses. */
export function suggestions(diagnosis: CountyDiagnosis, peerLabel: string): string[] {
  const out: string[] = [];
  const best = [...diagnosis.improvements].sort((a, b) => b.scoreGain - a.scoreGain || b.rankGain - a.rankGain);
  for (const imp of best.slice(0, 3)) {
    out.push(
      `${imp.nameZh}：${imp.step}，综合得分可提高约${fmt(imp.scoreGain)}分` +
        (imp.rankGain > 0 && imp.newRank !== null ? `，名次有望上升${imp.rankGain}位至第${imp.newRank}位。` : '。'),
    );
  }
  const covered = new Set(best.slice(0, 3).map((i) => i.indicatorCode));
  for (const w of diagnosis.weaknesses.filter((x) => !covered.has(x.indicatorCode)).slice(0, 2)) {
    out.push(`${w.nameZh}：低于${peerLabel}平均${fmt(Math.abs(w.gap))}分，是当前的主要短板，建议列入年度重点工作。`);
  }
  const far = diagnosis.targets.filter((t) => t.current !== null && t.reached !== null && t.reached < 1);
  for (const t of far.slice(0, 2)) {
    out.push(
      `${t.nameZh}：距${t.year}年目标（${fmt(t.target)}${t.unit}）尚有差距，当前为${fmt(t.current)}${t.unit}` +
        `（完成${fmt((t.reached ?? 0) * 100, 0)}%），${trendSentence(t)}。`,
    );
  }
  return out;
}

/** The diagnostic report of one county in a finished run. */
export function countyReportDocument(
  result: RunResult,
  diagnosis: CountyDiagnosis,
  opts: CountyReportOptions,
): ReportDocument {
  const { run, framework } = result;
  const c = diagnosis.county;
  const total = result.counties.filter((x) => x.score !== null).length;
  const peerLabel = PEER_GROUP_LABELS[diagnosis.peerGroup];
  const date = chineseDate(opts.generatedAt);
  const title = `${c.name}${run.period}年度县域科技创新能力诊断报告`;
  const dims = dimensionsOf(framework);
  const peerCodes = new Set(diagnosis.peers.map((p) => p.code).filter((code) => code !== c.code));
  const peerResults = result.counties.filter((x) => peerCodes.has(x.code));
  const dimRank = (code: string): number | null => {
    const own = c.dimensions[code];
    if (own === null || own === undefined) return null;
    return 1 + result.counties.filter((x) => (x.dimensions[code] ?? Number.NEGATIVE_INFINITY) > own).length;
  };

  const overview =
    c.score === null
      ? `${c.name}本次测算没有综合得分（数据不足）。`
      : `${c.name}（${c.leagueName}）${run.period}年度县域科技创新能力综合得分${fmt(c.score)}分，` +
        `在全区${total}个旗县中排第${c.rank ?? '—'}位` +
        (c.rankLow !== null && c.rankHigh !== null ? `（排名区间第${rankInterval(c)}位）` : '') +
        `，属于${tierName(c.tier)}。`;

  const keyFigures: TableCell[][] = [
    ['综合得分', fmt(c.score)],
    ['全区名次', c.rank === null ? null : `${c.rank} / ${total}`],
    ['排名区间（5%–95%）', rankInterval(c)],
    ['类别', tierName(c.tier)],
    ['盟市内名次', c.rankInLeague],
    ['同类型旗县内名次', c.rankInType],
    ['上年得分', fmt(c.previousScore)],
    ['上年名次', c.previousRank],
    [result.comparison ? `名次变化（两期均有得分的${result.comparison.common}个旗县间）` : '名次变化', rankChange(c)],
    ['类别变化', tierChange(c, result.comparison?.tiersComparable ?? false)],
  ];

  const dimRows: TableCell[][] = dims.map((d) => {
    const own = c.dimensions[d.code] ?? null;
    const peer = mean(peerResults.map((x) => x.dimensions[d.code]));
    return [
      d.nameZh,
      own,
      peer === null ? null : Math.round(peer * 100) / 100,
      own === null || peer === null ? '—' : `${own - peer >= 0 ? '+' : ''}${fmt(own - peer)}`,
      dimRank(d.code),
    ];
  });
  const radarDims = dims.filter((d) => typeof c.dimensions[d.code] === 'number');
  const dimensionBlocks: Block[] = [
    {
      kind: 'table',
      caption: `分维度得分与${peerLabel}比较`,
      columns: [
        { header: '维度', width: 1.8 },
        { header: '本县得分' },
        { header: `${peerLabel}平均` },
        { header: '差值' },
        { header: '全区名次' },
      ],
      rows: dimRows,
    },
  ];
  if (radarDims.length >= 3)
    dimensionBlocks.push({
      kind: 'chart',
      caption: `${c.name}分维度得分与${peerLabel}平均`,
      chart: {
        type: 'radar',
        max: 100,
        categories: radarDims.map((d) => d.nameZh),
        series: [
          { name: c.name, values: radarDims.map((d) => c.dimensions[d.code] ?? 0) },
          {
            name: `${peerLabel}平均`,
            values: radarDims.map(
              (d) => Math.round((mean(peerResults.map((x) => x.dimensions[d.code])) ?? 0) * 100) / 100,
            ),
          },
        ],
        width: 420,
        height: 320,
      },
    });

  const trend = diagnosis.trend.filter((p) => p.score !== null);
  const trendBlocks: Block[] = [
    {
      kind: 'table',
      caption: '历年综合得分、名次与类别',
      columns: [{ header: '年度' }, { header: '综合得分' }, { header: '名次' }, { header: '类别' }],
      rows: diagnosis.trend.map((p) => [`${p.period}年`, p.score, p.rank, tierName(p.tier)]),
    },
  ];
  if (trend.length >= 2)
    trendBlocks.push({
      kind: 'chart',
      caption: `${c.name}历年综合得分`,
      chart: {
        type: 'line',
        unit: '分',
        categories: trend.map((p) => `${p.period}年`),
        series: [{ name: '综合得分', values: trend.map((p) => p.score ?? 0) }],
        width: 420,
        height: 240,
      },
    });
  else trendBlocks.push({ kind: 'paragraph', tone: 'note', text: '已发布的年度结果不足两期，暂不绘制走势图。' });

  const targetRows: TableCell[][] = diagnosis.targets.map((t) => [
    t.nameZh,
    `${t.year}年`,
    `${fmt(t.target)}${t.unit}`,
    t.current === null ? null : `${fmt(t.current)}${t.unit}`,
    t.reached === null ? null : `${fmt(t.reached * 100, 0)}%`,
    yearsToTargetText(t),
  ]);
  const improvementRows: TableCell[][] = [...diagnosis.improvements]
    .sort((a, b) => b.scoreGain - a.scoreGain)
    .map((i) => [i.nameZh, i.step, i.scoreGain, i.newRank, i.rankGain > 0 ? `↑${i.rankGain}` : '—']);
  const advice = suggestions(diagnosis, peerLabel);

  const sections: Section[] = [
    {
      heading: '说明',
      blocks: [
        {
          kind: 'paragraph',
          text:
            `本报告由平台根据第${run.id}号测算（${run.title || `${run.period}年度`}，${MODE_LABELS[run.mode]}）自动生成，` +
            `比较对象为${peerLabel}（${peerCodes.size}个）。`,
        },
        ...markingWarnings(run).map((text) => ({ kind: 'paragraph' as const, tone: 'warning' as const, text })),
      ],
    },
    {
      heading: '一、总体评价',
      blocks: [
        { kind: 'paragraph', text: overview },
        { kind: 'paragraph', text: changeSentence(c, result.comparison) },
        {
          kind: 'table',
          caption: `${c.name}主要结果`,
          columns: [
            { header: '项目', width: 1.4 },
            { header: '结果', width: 1.6 },
          ],
          rows: keyFigures,
        },
        ...(c.imputed.length > 0
          ? [
              {
                kind: 'paragraph' as const,
                tone: 'note' as const,
                text: `注：本县有${c.imputed.length}项指标数值为插补或实时初步数值，结果仅供参考。`,
              },
            ]
          : []),
      ],
    },
    { heading: '二、分维度得分', blocks: dimensionBlocks },
    { heading: '三、历年走势', blocks: trendBlocks },
    {
      heading: '四、优势与短板',
      blocks: [
        diagnosis.strengths.length > 0
          ? standingTable('优势指标（高于比较对象最多）', diagnosis.strengths, peerLabel)
          : { kind: 'paragraph', text: '没有明显高于比较对象的指标。' },
        diagnosis.weaknesses.length > 0
          ? standingTable('短板指标（低于比较对象最多）', diagnosis.weaknesses, peerLabel)
          : { kind: 'paragraph', text: '没有明显低于比较对象的指标。' },
        { kind: 'paragraph', tone: 'note', text: '注：指标得分为标准化后的0–100分，差距为本县得分减比较对象平均。' },
      ],
    },
    {
      heading: '五、目标差距',
      blocks:
        targetRows.length > 0
          ? [
              {
                kind: 'table',
                caption: '政策目标完成情况',
                columns: [
                  { header: '指标', width: 2.4 },
                  { header: '目标年度', width: 0.8 },
                  { header: '目标值' },
                  { header: '当前值' },
                  { header: '完成程度', width: 0.8 },
                  { header: '按当前趋势达到', width: 1.2 },
                ],
                rows: targetRows,
              },
              {
                kind: 'paragraph',
                tone: 'note',
                text: '注：“按当前趋势达到”按近年数值的线性趋势推算，趋势持平或下降时难以达到。',
              },
            ]
          : [{ kind: 'paragraph', text: '指标体系没有为本县适用的指标设定目标值。' }],
    },
    {
      heading: '六、提升建议',
      blocks: [
        advice.length > 0
          ? { kind: 'list', items: advice }
          : { kind: 'paragraph', text: '模拟结果未发现能明显提高综合得分的单项指标，建议保持各项指标的均衡发展。' },
        ...(improvementRows.length > 0
          ? [
              {
                kind: 'table' as const,
                caption: '单项指标提升的模拟效果',
                columns: [
                  { header: '指标', width: 2.2 },
                  { header: '模拟提升', width: 1.8 },
                  { header: '得分增加' },
                  { header: '新名次' },
                  { header: '名次上升' },
                ],
                rows: improvementRows,
              },
              {
                kind: 'paragraph' as const,
                tone: 'note' as const,
                text: '注：模拟按本次测算的方法重新计算，每次只改变一项指标，其他旗县数值不变。',
              },
            ]
          : []),
      ],
    },
    { heading: '七、方法说明', blocks: methodNotes(result).map((text) => ({ kind: 'paragraph' as const, text })) },
  ];

  return {
    title,
    subtitle: [
      `所属盟市：${c.leagueName}（旗县代码 ${c.code}）`,
      `指标体系：${framework.nameZh}（第${framework.version}版），测算第${run.id}号`,
      `生成日期：${date}`,
    ],
    marking: reportMarking(run),
    meta: {
      author: REPORT_AUTHOR,
      subject: title,
      keywords: ['县域创新能力', '诊断报告', c.name, String(run.period)],
      createdAt: opts.generatedAt,
    },
    sections,
  };
}
