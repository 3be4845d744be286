/** Display names and colours of the monitoring enums (类别, 模式, 权重, 状态), Chinese first; codes stay in the API. */
import type { Text } from '../../../shared/i18n.ts';

/** 一类 … 六类: tier 1 is the best. Colours are antd preset names (Tag) and hex (charts, map). */
const TIER_NUMERALS = ['一', '二', '三', '四', '五', '六'];
const TIER_HEX = ['#1d39c4', '#13a8a8', '#d48806', '#cf1322', '#531dab', '#8c8c8c'];
const TIER_TAG = ['geekblue', 'cyan', 'gold', 'red', 'purple', 'default'];

export function tierName(tier: number): Text {
  return { zh: `${TIER_NUMERALS[tier - 1] ?? String(tier)}类`, en: `Tier ${tier}` };
}

export function tierHex(tier: number): string {
  return TIER_HEX[tier - 1] ?? '#8c8c8c';
}

export function tierTagColor(tier: number): string {
  return TIER_TAG[tier - 1] ?? 'default';
}

export const MODE_NAMES: Record<'monitoring' | 'ranking', Text & { help: Text }> = {
  monitoring: {
    zh: '监测模式',
    en: 'Monitoring mode',
    help: {
      zh: '按标准值（政策目标或基准年 P90）计分：得分 = min(实际值 / 标准值, 1) × 100，标准值数年不变，各年得分可比。',
      en: 'Scores against a standard value (policy target or base-year P90): min(value / standard, 1) × 100; the standard stays fixed for years so years compare.',
    },
  },
  ranking: {
    zh: '排名模式',
    en: 'Ranking mode',
    help: {
      zh: '103 个旗县横向比较：按人口折算密度、小数值取 log(1+x)、缩尾后极差标准化，给出排名与同类排名。',
      en: 'Compares the 103 counties with each other: density per population, log(1+x) for small counts, winsorised min-max; ranks and peer ranks.',
    },
  },
};

export const WEIGHT_NAMES: Record<'framework' | 'equal' | 'entropy', Text> = {
  framework: { zh: '框架权重', en: 'Framework weights' },
  equal: { zh: '等权', en: 'Equal weights' },
  entropy: { zh: '熵权法', en: 'Entropy weights' },
};

export const AGGREGATION_NAMES: Record<'arithmetic' | 'geometric', Text> = {
  arithmetic: { zh: '加权算术平均', en: 'Weighted arithmetic mean' },
  geometric: { zh: '加权几何平均', en: 'Weighted geometric mean' },
};

export const RUN_STATUS_NAMES: Record<'queued' | 'running' | 'done' | 'failed', Text & { color: string }> = {
  queued: { zh: '排队中', en: 'Queued', color: 'default' },
  running: { zh: '测算中', en: 'Running', color: 'processing' },
  done: { zh: '已完成', en: 'Done', color: 'success' },
  failed: { zh: '失败', en: 'Failed', color: 'error' },
};

export const PEER_GROUP_NAMES: Record<'type' | 'league' | 'neighbours' | 'all', Text> = {
  type: { zh: '同类型', en: 'Same type' },
  league: { zh: '同盟市', en: 'Same league' },
  neighbours: { zh: '相邻旗县', en: 'Neighbours' },
  all: { zh: '全区', en: 'Whole region' },
};
