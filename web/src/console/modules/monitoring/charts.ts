/**
 * ECharts options of the monitoring charts, built from plain data so they are tested without a browser: score
 * distribution by tier, input-versus-output scatter, framework sunburst, dimension averages by league, the county's
 * radar against its peer group, and its trend of score and rank.
 */
import type { ComposeOption } from 'echarts/core';
import type {
  BarSeriesOption,
  LineSeriesOption,
  RadarSeriesOption,
  ScatterSeriesOption,
  SunburstSeriesOption,
} from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  RadarComponentOption,
  TooltipComponentOption,
} from 'echarts/components';
import type { CountyDiagnosis, CountyResult, Framework } from '../../../../../contracts/monitoring.ts';
import { tierHex, tierName } from './labels.ts';
import { dimensionsOf, formatScore, leagueAverages } from './results.ts';

type T = (zh: string, en: string) => string;

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | RadarSeriesOption
  | ScatterSeriesOption
  | SunburstSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | RadarComponentOption
  | TooltipComponentOption
>;

const tierLabel = (tier: number | null, t: T) =>
  tier === null ? t('未分类', 'No tier') : t(tierName(tier).zh, tierName(tier).en);

/** Histogram bins: [from, to) of `width` covering the scores (0-100 when they fit), the last bin closed. */
export function scoreBins(scores: readonly number[], width = 10): { from: number; to: number }[] {
  const lo = scores.length ? Math.min(0, Math.floor(Math.min(...scores) / width) * width) : 0;
  const hi = scores.length ? Math.max(100, Math.ceil(Math.max(...scores) / width) * width) : 100;
  const bins: { from: number; to: number }[] = [];
  for (let from = lo; from < hi; from += width) bins.push({ from, to: from + width });
  return bins;
}

/** Counts of counties per bin and tier: series[tier][bin]. */
export function histogram(
  counties: readonly Pick<CountyResult, 'score' | 'tier'>[],
  width = 10,
): { bins: { from: number; to: number }[]; byTier: Map<number | null, number[]> } {
  const scored = counties.filter((c): c is typeof c & { score: number } => c.score !== null);
  const bins = scoreBins(
    scored.map((c) => c.score),
    width,
  );
  const byTier = new Map<number | null, number[]>();
  for (const c of scored) {
    const lo = bins[0]?.from ?? 0;
    // The top score falls into the last bin (closed at its end).
    const index = Math.min(bins.length - 1, Math.max(0, Math.floor((c.score - lo) / width)));
    const row = byTier.get(c.tier) ?? bins.map(() => 0);
    row[index] = (row[index] ?? 0) + 1;
    byTier.set(c.tier, row);
  }
  return { bins, byTier: new Map([...byTier].sort(([a], [b]) => (a ?? 99) - (b ?? 99))) };
}

/** 得分分布: stacked bars of counties per score bin, one series per tier in its colour. */
export function buildHistogramOption(counties: readonly CountyResult[], t: T): ChartOption {
  const { bins, byTier } = histogram(counties);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 40 },
    xAxis: {
      type: 'category',
      name: t('得分', 'Score'),
      nameLocation: 'middle',
      nameGap: 26,
      data: bins.map((b) => `${b.from}–${b.to}`),
    },
    yAxis: { type: 'value', name: t('旗县数', 'Counties'), minInterval: 1 },
    series: [...byTier].map(([tier, data]) => ({
      type: 'bar',
      name: tierLabel(tier, t),
      stack: 'tiers',
      data,
      itemStyle: { color: tier === null ? '#bfbfbf' : tierHex(tier) },
    })),
  };
}

/** 投入-产出: each county at (dimension x, dimension y), coloured by tier; names in the tooltip. */
export function buildScatterOption(
  counties: readonly CountyResult[],
  axes: { x: string; y: string; xName: string; yName: string },
  t: T,
): ChartOption {
  const byTier = new Map<number | null, { value: [number, number]; name: string; code: string }[]>();
  for (const c of counties) {
    const x = c.dimensions[axes.x];
    const y = c.dimensions[axes.y];
    if (x === null || x === undefined || y === null || y === undefined) continue;
    const list = byTier.get(c.tier) ?? [];
    list.push({ value: [x, y], name: c.name, code: c.code });
    byTier.set(c.tier, list);
  }
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const d = (Array.isArray(p) ? p[0] : p)?.data as { name?: string; value?: [number, number] } | undefined;
        if (!d?.value) return '';
        return `${d.name ?? ''}<br/>${axes.xName}: ${formatScore(d.value[0])}<br/>${axes.yName}: ${formatScore(d.value[1])}`;
      },
    },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 44 },
    xAxis: { type: 'value', name: axes.xName, nameLocation: 'middle', nameGap: 28, scale: true },
    yAxis: { type: 'value', name: axes.yName, scale: true },
    series: [...byTier]
      .sort(([a], [b]) => (a ?? 99) - (b ?? 99))
      .map(([tier, data]) => ({
        type: 'scatter',
        name: tierLabel(tier, t),
        data,
        symbolSize: 9,
        itemStyle: { color: tier === null ? '#bfbfbf' : tierHex(tier), opacity: 0.85 },
      })),
  };
}

export interface SunburstNode {
  name: string;
  code: string;
  /** Share of the whole index in per cent (leaves); parents sum their children. */
  value?: number;
  children?: SunburstNode[];
}

/**
 * 指标体系: dimensions with their indicators; each indicator's value is its nominal share of the index (its weight
 * within its parent times the parent's share), so areas are the weights. Text indicators carry no weight.
 */
export function sunburstData(framework: Pick<Framework, 'nodes'>, t: T): SunburstNode[] {
  const scored = framework.nodes.filter((n) => !(n.kind === 'indicator' && n.spec?.valueType === 'text'));
  const childrenOf = (code: string) => scored.filter((n) => n.parentCode === code);
  const root = scored.find((n) => n.parentCode === null);
  if (!root) return [];
  const build = (code: string, share: number): SunburstNode[] => {
    const kids = childrenOf(code);
    const total = kids.reduce((s, k) => s + k.weight, 0);
    return kids.map((k) => {
      const own = total > 0 ? (share * k.weight) / total : 0;
      const name = t(k.nameZh, k.nameEn || k.nameZh);
      const sub = build(k.code, own);
      return sub.length > 0
        ? { name, code: k.code, children: sub }
        : { name, code: k.code, value: Math.round(own * 100) / 100 };
    });
  };
  return build(root.code, 100);
}

export function buildSunburstOption(framework: Pick<Framework, 'nodes'>, t: T): ChartOption {
  return {
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const q = Array.isArray(p) ? p[0] : p;
        const d = q?.data as SunburstNode | undefined;
        const v = typeof q?.value === 'number' ? q.value : 0;
        return d ? `${d.code} ${d.name}<br/>${t('权重', 'Weight')} ${v.toFixed(1)}%` : '';
      },
    },
    series: [
      {
        type: 'sunburst',
        data: sunburstData(framework, t),
        radius: ['12%', '95%'],
        sort: undefined,
        emphasis: { focus: 'ancestor' },
        levels: [
          {},
          { r0: '12%', r: '45%', label: { rotate: 'tangential', fontSize: 11 } },
          { r0: '45%', r: '95%', label: { show: false } },
        ],
      },
    ],
  };
}

/** 各盟市维度均值: grouped horizontal bars, one series per dimension. */
export function buildLeagueOption(
  counties: readonly CountyResult[],
  framework: Pick<Framework, 'nodes'>,
  t: T,
): ChartOption {
  const dims = dimensionsOf(framework);
  const rows = leagueAverages(
    counties,
    dims.map((d) => d.code),
  );
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => formatScore(Number(v)) },
    legend: { top: 0, type: 'scroll' },
    grid: { left: 100, right: 16, top: 36, bottom: 24 },
    xAxis: { type: 'value', name: t('平均得分', 'Mean score') },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name) },
    series: dims.map((d) => ({
      type: 'bar',
      name: t(d.nameZh, d.nameEn || d.nameZh),
      data: rows.map((r) => {
        const v = r.means[d.code];
        return v === null || v === undefined ? null : Math.round(v * 10) / 10;
      }),
    })),
  };
}

/** 维度雷达: the county's dimension scores against the peer group's means, axes 0-100 (or the largest score). */
export function buildRadarOption(input: {
  dimensions: readonly { code: string; name: string }[];
  county: { name: string; scores: Record<string, number | null> };
  peers: { name: string; means: Record<string, number | null> } | null;
}): ChartOption {
  const { dimensions, county, peers } = input;
  const values = (m: Record<string, number | null>) => dimensions.map((d) => m[d.code] ?? 0);
  const top = Math.max(100, ...values(county.scores), ...(peers ? values(peers.means) : []));
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    radar: {
      indicator: dimensions.map((d) => ({ name: d.name, max: Math.ceil(top / 10) * 10 })),
      radius: '58%',
      axisName: { color: '#595959', fontSize: 11 },
    },
    series: [
      {
        type: 'radar',
        data: [
          {
            name: county.name,
            value: values(county.scores).map((v) => Math.round(v * 10) / 10),
            areaStyle: { opacity: 0.25 },
            itemStyle: { color: '#0b5cad' },
          },
          ...(peers
            ? [
                {
                  name: peers.name,
                  value: values(peers.means).map((v) => Math.round(v * 10) / 10),
                  lineStyle: { type: 'dashed' as const },
                  itemStyle: { color: '#fa8c16' },
                },
              ]
            : []),
        ],
      },
    ],
  };
}

/** 历年走势: score (left axis) and rank (right axis, 1 at the top) by period. */
export function buildTrendOption(trend: CountyDiagnosis['trend'], t: T): ChartOption {
  const rows = [...trend].sort((a, b) => a.period - b.period);
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 44, right: 44, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: rows.map((r) => String(r.period)) },
    yAxis: [
      { type: 'value', name: t('得分', 'Score'), scale: true },
      {
        type: 'value',
        name: t('排名', 'Rank'),
        inverse: true,
        minInterval: 1,
        min: 1,
        // A steady rank still gets an axis from 1 a few places down (rank 1 on top).
        max: (extent: { max: number }) => Math.max(Math.ceil(extent.max) + 2, 5),
        splitLine: { show: false },
      },
    ],
    series: [
      {
        type: 'line',
        name: t('综合得分', 'Index score'),
        data: rows.map((r) => (r.score === null ? null : Math.round(r.score * 10) / 10)),
        itemStyle: { color: '#0b5cad' },
      },
      {
        type: 'line',
        name: t('排名', 'Rank'),
        yAxisIndex: 1,
        data: rows.map((r) => r.rank),
        itemStyle: { color: '#fa8c16' },
        lineStyle: { type: 'dashed' },
      },
    ],
  };
}
