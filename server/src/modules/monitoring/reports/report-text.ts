/**
 * Wording shared by the monitoring reports (监测评价报告): tier names, rank intervals, markings and method notes
 * (the parameter log's summary is in run-log-text.ts). Pure.
 */
import type {
  CountyResult,
  Framework,
  RankComparison,
  RunResult,
  RunSummary,
} from '../../../../../contracts/monitoring.ts';

export const DEMO_MARKING = '演示数据';
export const PROVISIONAL_MARKING = '初步结果';
export const UNPUBLISHED_MARKING = '未发布';
export const REPORT_AUTHOR = '旗县 · 县域创新驱动发展平台';

const TIER_NAMES = ['一类', '二类', '三类', '四类', '五类', '六类'];

/** 1 -> 一类 …; null -> —. */
export function tierName(tier: number | null): string {
  if (tier === null) return '—';
  return TIER_NAMES[tier - 1] ?? `${tier}类`;
}

/** A number with at most `digits` decimals, or — for nothing. */
export function fmt(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return new Intl.NumberFormat('zh-CN', { maximumFractionDigits: digits, useGrouping: false }).format(value);
}

/** The 5–95 % rank interval as 第 a–b 位 text (— without uncertainty analysis). */
export function rankInterval(c: Pick<CountyResult, 'rankLow' | 'rankHigh'>): string {
  if (c.rankLow === null || c.rankHigh === null) return '—';
  const low = Math.round(c.rankLow);
  const high = Math.round(c.rankHigh);
  return low === high ? `${low}` : `${low}–${high}`;
}

/**
 * Rank change against the previous published year among the counties scored in both years: ↑3 (better), ↓2, 持平,
 * or — when the county is not scored in both.
 */
export function rankChange(c: Pick<CountyResult, 'rankChange'>): string {
  const d = c.rankChange ?? null;
  if (d === null) return '—';
  return d > 0 ? `↑${d}` : d < 0 ? `↓${-d}` : '持平';
}

/** Tier change: 二类→一类, 未变, or — (also when the two years scored different counties: tiers not comparable). */
export function tierChange(c: Pick<CountyResult, 'tier' | 'previousTier'>, tiersComparable: boolean): string {
  if (c.tier === null || c.previousTier === null || !tiersComparable) return '—';
  return c.tier === c.previousTier ? '未变' : `${tierName(c.previousTier)}→${tierName(c.tier)}`;
}

/** '在两期均有得分的 81 个旗县中比较' and, when the sets differ, why tiers are not compared. */
export function comparisonBasis(comparison: RankComparison): string {
  const sets = comparison.tiersComparable
    ? ''
    : `（本期有得分${comparison.current}个、上期${comparison.previous}个，参评旗县不同，类别不作比较）`;
  return `名次变化仅在两期均有得分的${comparison.common}个旗县中比较${sets}`;
}

/** The page-header marking: 演示数据 / 初步结果 / 未发布, joined; undefined for a published real run. */
export function reportMarking(run: RunSummary): string | undefined {
  const parts = [
    run.isDemo ? DEMO_MARKING : null,
    run.provisional ? PROVISIONAL_MARKING : null,
    run.publishedAt === null ? UNPUBLISHED_MARKING : null,
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

/** Warnings for the front matter, one paragraph each. */
export function markingWarnings(run: RunSummary): string[] {
  const out: string[] = [];
  if (run.isDemo) out.push(`本报告基于${DEMO_MARKING}测算，旗县数值均为虚构，不代表真实情况，不得作为评价或统计依据。`);
  if (run.provisional)
    out.push('本次测算使用了尚未审核通过的数据或实时指标（初步结果），结论可能随数据审核而变化，不可公开发布。');
  if (run.publishedAt === null) out.push('本次测算结果尚未发布，仅供自治区科技主管部门内部研判。');
  return out;
}

export const MODE_LABELS: Record<RunSummary['mode'], string> = {
  monitoring: '监测模式（标准值法）',
  ranking: '排名模式（横向比较）',
};

export function tierRuleText(framework: Framework): string {
  const rule = framework.settings.tiers;
  if (rule.kind === 'thresholds') {
    const cuts = [...rule.thresholds].sort((a, b) => b - a);
    const parts = cuts.map((c, i) =>
      i === 0 ? `得分≥${fmt(c)}为${tierName(1)}` : `${fmt(c)}≤得分<${fmt(cuts[i - 1])}为${tierName(i + 1)}`,
    );
    parts.push(`得分<${fmt(cuts[cuts.length - 1])}为${tierName(cuts.length + 1)}`);
    return `按得分阈值分类：${parts.join('，')}。`;
  }
  const parts: string[] = [];
  let from = 1;
  for (const [i, n] of rule.counts.entries()) {
    parts.push(`第${from}–${from + n - 1}名为${tierName(i + 1)}（${n}个）`);
    from += n;
  }
  return `按名次分布分类：${parts.join('，')}；并列者归入较高类别。`;
}

/** The method notes of a run: scoring model, aggregation, rank intervals, tiers, data. */
export function methodNotes(result: RunResult): string[] {
  const { run, framework } = result;
  const options = prepareOptions(result.log);
  const notes = [
    `指标体系：${framework.nameZh}（编码 ${framework.code}，第${framework.version}版）` +
      (framework.isDefault ? '，为平台默认指标体系，待正式指标体系发布后替换。' : '。'),
    run.mode === 'monitoring'
      ? '测算模式：监测模式。各指标按标准值法计分：正向指标 s = min(x / S, 1) × 100，逆向指标 s = min(S / x, 1) × 100，' +
        'S 为政策目标值或基准年份的固定值，数年保持不变，使各年结果可比。'
      : '测算模式：排名模式。指标按人口等口径折算为密度、小数量指标取 log(1+x)、极端值缩尾后，在全部旗县间线性标准化到 0–100，' +
        '反映相对位置。',
  ];
  if (options) {
    const weights: Record<string, string> = { framework: '指标体系设定的权重', equal: '等权重', entropy: '熵权法' };
    const aggregation: Record<string, string> = { arithmetic: '加权算术平均', geometric: '加权几何平均' };
    const w = typeof options.weights === 'string' ? (weights[options.weights] ?? options.weights) : null;
    const a =
      typeof options.aggregation === 'string' ? (aggregation[options.aggregation] ?? options.aggregation) : null;
    if (w || a) notes.push(`权重与合成：${[w, a].filter(Boolean).join('，逐级')}合成维度得分和综合得分。`);
  }
  notes.push(
    '排名区间：对权重、标准化和合成方法等不确定因素做蒙特卡洛模拟，取各旗县名次的5%与95%分位数；' +
      '区间越宽，名次越不稳定，相邻名次的差异不宜过度解读。',
  );
  notes.push(`分类规则：${tierRuleText(framework)}`);
  notes.push('缺失数据按同类旗县或相邻年份插补，插补和实时（初步）数值在结果中单独标记。');
  return notes;
}

function prepareOptions(log: readonly unknown[]): Record<string, unknown> | null {
  for (const entry of log) {
    if (isRecord(entry) && entry.name === 'Prepare' && isRecord(entry.options)) return entry.options;
  }
  return null;
}

/** A scalar log field as text (objects and missing fields as the fallback). */
export function scalar(v: unknown, fallback = '—'): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : fallback;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Dimension nodes in framework order. */
export function dimensionsOf(framework: Framework) {
  return framework.nodes.filter((n) => n.kind === 'dimension');
}

/** Indicator name by code. */
export function indicatorNames(framework: Framework): Map<string, string> {
  return new Map(framework.nodes.filter((n) => n.kind === 'indicator').map((n) => [n.code, n.nameZh]));
}

const CHINA_TIME = 'Asia/Shanghai';

/** 2026年3月5日, in China time. */
export function chineseDate(d: Date): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone: CHINA_TIME, dateStyle: 'long' }).format(d);
}

/** 20260305 in China time, for file names. */
export function compactDate(d: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: CHINA_TIME }).format(d).replace(/-/g, '');
}

export function mean(values: readonly (number | null | undefined)[]): number | null {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
}
