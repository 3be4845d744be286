/**
 * 区域概览报告 (region overview): the registered organisations of a division, per child division and type, as a
 * table and a bar chart. Figures come from the metrics fact `organisations.count`, so the report and
 * `/api/metrics` can never disagree.
 */
import { ORGANISATION_TYPES } from '../../../../contracts/organisations.ts';
import type { FactResult } from '../../../../contracts/metrics.ts';
import type { Mode } from '../../config.ts';
import type { Caller, Deps } from '../../platform/deps.ts';
import type { Block, ReportDocument, TableCell } from '../../platform/documents/index.ts';
import { getFact } from '../../platform/metrics/index.ts';
import { ORGANISATION_TYPE_LABELS, ORGANISATIONS_COUNT } from '../organisations/index.ts';

export const DEMO_MARKING = '演示数据';

const CHILD_LEVEL_NAMES: Record<FactResult['level'], string> = {
  province: '省级行政区',
  prefecture: '盟市',
  county: '旗县（市、区）',
};

const CHINA_TIME = 'Asia/Shanghai';

/** 2026年3月5日, in China time. */
export function chineseDate(d: Date): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone: CHINA_TIME, dateStyle: 'long' }).format(d);
}

/** 20260305, in China time (for file names). */
export function compactDate(d: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: CHINA_TIME }).format(d); // 2026-03-05
  return parts.replace(/-/g, '');
}

function chineseDateTime(isoText: string): string {
  const d = new Date(isoText);
  const time = new Intl.DateTimeFormat('zh-CN', {
    timeZone: CHINA_TIME,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(d);
  return `${chineseDate(d)} ${time}`;
}

function byType(breakdown: Record<string, number> | undefined): number[] {
  return ORGANISATION_TYPES.map((t) => breakdown?.[t] ?? 0);
}

/** The report's content from the fact values (pure; no I/O). */
export function composeRegionOverview(input: { fact: FactResult; mode: Mode; generatedAt: Date }): ReportDocument {
  const { fact, mode, generatedAt } = input;
  const name = fact.total.divisionName;
  const childLevel = CHILD_LEVEL_NAMES[fact.level];
  const isDemo = mode === 'demo';
  const date = chineseDate(generatedAt);
  const labels = ORGANISATION_TYPES.map((t) => ORGANISATION_TYPE_LABELS[t]);

  const totals = byType(fact.total.breakdown);
  const rows: TableCell[][] = fact.items.map((item) => [item.divisionName, ...byType(item.breakdown), item.value]);
  // Organisations registered at the division itself (a league's own bureaus) count in the total but in no child.
  const own = totals.map((n, i) => n - fact.items.reduce((sum, item) => sum + (byType(item.breakdown)[i] ?? 0), 0));
  const ownTotal = own.reduce((a, b) => a + b, 0);
  if (ownTotal > 0) rows.push([`${name}本级`, ...own, ownTotal]);

  const typeSummary = labels.map((l, i) => `${l}${totals[i] ?? 0}个`).join('、');
  const summary = [`截至${date}，${name}共有在册单位${fact.total.value}个，其中${typeSummary}。`];
  const ranked = [...fact.items].sort((a, b) => b.value - a.value);
  const top = ranked[0];
  if (fact.items.length > 1 && top && top.value > 0) {
    const empty = fact.items.filter((i) => i.value === 0).length;
    summary.push(
      `在册单位最多的${childLevel}是${top.divisionName}（${top.value}个）` +
        (empty > 0 ? `；${empty}个${childLevel}尚无在册单位。` : '。'),
    );
  }

  const categories = fact.items.map((i) => i.divisionName);
  const isCounty = fact.total.level === 'county';
  const table: Extract<Block, { kind: 'table' }> = {
    kind: 'table',
    caption: `${name}各${childLevel}在册单位数（按类型，单位：个）`,
    columns: [{ header: childLevel, width: 2.4 }, ...labels.map((header) => ({ header })), { header: '合计' }],
    rows,
    footer: [['合计', ...totals, fact.total.value]],
  };

  return {
    title: `${name}区域概览报告`,
    subtitle: [`行政区划：${name}（${fact.total.divisionCode}）`, `生成日期：${date}`],
    marking: isDemo ? DEMO_MARKING : undefined,
    meta: {
      author: '旗县 · 县域创新驱动发展平台',
      subject: `${name}区域概览报告`,
      keywords: ['区域概览', name, '在册单位'],
      createdAt: generatedAt,
    },
    sections: [
      {
        heading: '说明',
        blocks: [
          {
            kind: 'paragraph',
            text:
              '本报告的数字来自本平台登记的在册单位，即状态为“正常”的政府部门、责任单位、企业、事业单位和社会组织，' +
              '按单位登记的行政区划统计，由平台指标事实“在册单位数”实时计算。',
          },
          ...(isDemo
            ? [
                {
                  kind: 'paragraph' as const,
                  tone: 'warning' as const,
                  text: `平台当前运行于演示模式，报告中的单位均为${DEMO_MARKING}，不代表真实情况，不得作为统计依据。`,
                },
              ]
            : []),
          {
            kind: 'paragraph',
            tone: 'note',
            text: `注：数据为平台指标事实“在册单位数”（当前快照），计算时间 ${chineseDateTime(fact.computedAt)}（北京时间）。`,
          },
        ],
      },
      { heading: '一、总体情况', blocks: summary.map((text) => ({ kind: 'paragraph' as const, text })) },
      isCounty
        ? {
            // A county has no child divisions: its row, and its organisations by type.
            heading: '二、在册单位（按类型）',
            blocks: [
              { ...table, caption: `${name}在册单位数（按类型，单位：个）` },
              {
                kind: 'chart',
                caption: `${name}在册单位数（按类型）`,
                chart: { type: 'bar', unit: '个', categories: labels, series: [{ name: '在册单位', values: totals }] },
              },
            ],
          }
        : {
            heading: `二、各${childLevel}在册单位`,
            blocks: [
              table,
              {
                kind: 'chart',
                caption: `${name}各${childLevel}在册单位数（按类型）`,
                chart: {
                  type: 'bar',
                  horizontal: true,
                  stacked: true,
                  unit: '个',
                  categories,
                  // Every type, always in the same order: colours and legend read the same in every report.
                  series: labels.map((name, i) => ({
                    name,
                    values: fact.items.map((item) => byType(item.breakdown)[i] ?? 0),
                  })),
                  width: 480,
                  height: Math.max(200, 72 + 24 * categories.length),
                },
              },
            ],
          },
    ],
  };
}

/**
 * The region overview of `division` (default: the caller's own) as a document. The fact service checks the scope:
 * a division outside it, or unknown, answers 404.
 */
export async function buildRegionOverview(
  deps: Deps,
  caller: Caller,
  query: { division?: string },
): Promise<{ document: ReportDocument; fact: FactResult; generatedAt: Date }> {
  const fact = await getFact(deps, caller, { fact: ORGANISATIONS_COUNT, division: query.division, by: 'type' });
  const generatedAt = deps.clock.now();
  return { document: composeRegionOverview({ fact, mode: deps.config.mode, generatedAt }), fact, generatedAt };
}
