/**
 * The framework workbook (指标体系表): one sheet, one row per node, plus one row per cross-indicator rule (层级
 * 校验规则). The root row also carries the tier rule and the collection deadline. Export writes exactly these columns,
 * so an exported workbook re-imports to the same framework.
 */
import { z } from 'zod';
import {
  ZNodeCode,
  type Framework,
  type FrameworkNode,
  type FrameworkSettings,
  type IndicatorSpec,
} from '../../../../contracts/monitoring.ts';
import { defineSheet, type ColumnSpec } from '../../platform/spreadsheets/sheet.ts';

export type SheetKind = FrameworkNode['kind'] | 'rule';

const KINDS: Record<string, SheetKind> = {
  指数: 'index',
  维度: 'dimension',
  子维度: 'subdimension',
  指标: 'indicator',
  校验规则: 'rule',
  index: 'index',
  dimension: 'dimension',
  subdimension: 'subdimension',
  indicator: 'indicator',
  rule: 'rule',
};
export const KIND_LABELS: Record<SheetKind, string> = {
  index: '指数',
  dimension: '维度',
  subdimension: '子维度',
  indicator: '指标',
  rule: '校验规则',
};

const YES = new Set(['是', 'y', 'yes', 'true', '1', '√']);
const NO = new Set(['否', 'n', 'no', 'false', '0']);

/** Splits "a;b；c" on ASCII/full-width semicolons, dropping empty parts. */
const parts = (s: string) =>
  s
    .split(/[;；]/)
    .map((p) => p.trim())
    .filter(Boolean);

const custom = (ctx: z.RefinementCtx, zh: string, en: string) =>
  ctx.addIssue({ code: 'custom', message: `${zh} / ${en}` });

const text = (max: number) => z.string().max(max).optional();
const num = z.number().finite().optional();

const zYesNo = z
  .union([z.string(), z.number()])
  .optional()
  .transform((v, ctx) => {
    if (v === undefined) return undefined;
    const s = String(v).trim().toLowerCase();
    if (YES.has(s)) return true;
    if (NO.has(s)) return false;
    custom(ctx, '请填写“是”或“否”', 'use 是 (yes) or 否 (no)');
    return z.NEVER;
  });

const zKind = z.string().transform((v, ctx) => {
  const k = KINDS[v.trim().toLowerCase()] ?? KINDS[v.trim()];
  if (k) return k;
  custom(ctx, '层级应为 指数、维度、子维度、指标 或 校验规则', 'kind: 指数, 维度, 子维度, 指标 or 校验规则');
  return z.NEVER;
});

const zDirection = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined) return undefined;
    const s = v.trim().toLowerCase();
    if (['正向', '+', '1', 'positive', '正'].includes(s)) return 1 as const;
    if (['逆向', '-', '-1', 'negative', '负', '反向'].includes(s)) return -1 as const;
    custom(ctx, '方向应为“正向”或“逆向”', 'direction: 正向 (+) or 逆向 (-)');
    return z.NEVER;
  });

const zDensity = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined) return undefined;
    const s = v.trim().toLowerCase();
    if (['无', 'none'].includes(s)) return 'none' as const;
    if (['常住人口', '人口', 'population'].includes(s)) return 'population' as const;
    custom(ctx, '密度口径应为“无”或“常住人口”', 'density: 无 (none) or 常住人口 (population)');
    return z.NEVER;
  });

/** "2025:1.5;2027:2" or JSON {"2025": 1.5}. */
export function parseTargets(v: string): Record<string, number> | null {
  const s = v.trim();
  if (s.startsWith('{')) {
    try {
      const parsed = z.record(z.string().regex(/^\d{4}$/), z.number().finite()).safeParse(JSON.parse(s));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
  const out: Record<string, number> = {};
  for (const p of parts(s)) {
    const m = /^(\d{4})\s*[:：]\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)$/i.exec(p);
    if (!m) return null;
    out[m[1]!] = Number(m[2]);
  }
  return out;
}

export function formatTargets(targets: Record<string, number>): string {
  return Object.keys(targets)
    .sort()
    .map((y) => `${y}:${targets[y]}`)
    .join(';');
}

const zTargets = z
  .union([z.string(), z.number()])
  .optional()
  .transform((v, ctx) => {
    if (v === undefined) return undefined;
    const t = parseTargets(String(v));
    if (t) return t;
    custom(ctx, '目标值格式应为“2025:1.5;2027:2”或 JSON', 'targets: "2025:1.5;2027:2" or JSON');
    return z.NEVER;
  });

/** "experts.count" or "organisations.count?type=enterprise&x=y". */
export function parseFact(v: string): IndicatorSpec['fact'] {
  const [name = '', query] = v.trim().split('?', 2);
  if (!/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/.test(name)) return null;
  if (!query) return { fact: name };
  const filter: Record<string, string> = {};
  for (const pair of query.split('&')) {
    const [k, val] = pair.split('=', 2);
    if (!k || val === undefined) return null;
    filter[k] = val;
  }
  return { fact: name, filter };
}

export function formatFact(f: NonNullable<IndicatorSpec['fact']>): string {
  const q = Object.entries(f.filter ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return q ? `${f.fact}?${q}` : f.fact;
}

const zFact = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined) return undefined;
    const f = parseFact(v);
    if (f) return f;
    custom(ctx, '绑定事实格式应为“experts.count”或“名称?维度=值”', 'fact: "experts.count" or "name?dim=value"');
    return z.NEVER;
  });

/** "D4.2 <= D4.1" (also ≤). */
const zRuleExpr = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined) return undefined;
    const m = /^\s*(\S+)\s*(?:<=|≤|＜＝)\s*(\S+)\s*$/.exec(v);
    const left = ZNodeCode.safeParse(m?.[1]);
    const right = ZNodeCode.safeParse(m?.[2]);
    if (left.success && right.success) return { left: left.data, right: right.data };
    custom(ctx, '规则表达式应为“左侧编码 <= 右侧编码”', 'rule: "LEFT <= RIGHT" with indicator codes');
    return z.NEVER;
  });

export function parseTiers(v: string): FrameworkSettings['tiers'] | null {
  const m = /^\s*(阈值|名额|thresholds|counts)?\s*[:：]?\s*(.+)$/i.exec(v);
  if (!m) return null;
  const values = parts(m[2] ?? '').map(Number);
  if (values.length === 0 || values.some((x) => !Number.isFinite(x))) return null;
  const counts = /名额|counts/i.test(m[1] ?? '');
  if (counts) {
    if (values.length < 2 || values.length > 6 || values.some((x) => !Number.isInteger(x) || x < 0)) return null;
    return { kind: 'counts', counts: values };
  }
  if (values.length > 5) return null;
  return { kind: 'thresholds', thresholds: values };
}

export function formatTiers(t: FrameworkSettings['tiers']): string {
  return t.kind === 'counts' ? `名额:${t.counts.join(';')}` : `阈值:${t.thresholds.join(';')}`;
}

const zTiers = z
  .union([z.string(), z.number()])
  .optional()
  .transform((v, ctx) => {
    if (v === undefined) return undefined;
    const t = parseTiers(String(v));
    if (t) return t;
    custom(ctx, '分类规则格式应为“阈值:80;60”或“名额:10;15;78”', 'tiers: "阈值:80;60" or "名额:10;15;78"');
    return z.NEVER;
  });

/** "06-30"; a date typed in Excel (2026-06-30) keeps its month and day. */
const zDeadline = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined) return undefined;
    const m = /^(?:\d{4}-)?(\d{2})-(\d{2})$/.exec(v.trim());
    if (m) return `${m[1]}-${m[2]}`;
    custom(ctx, '填报截止应为“月-日”，如 06-30', 'deadline: month-day, e.g. 06-30');
    return z.NEVER;
  });

type Parsed<T extends z.ZodType> = z.output<T>;

export interface FrameworkSheetRow {
  code: string;
  parentCode?: string;
  kind: SheetKind;
  nameZh: string;
  nameEn?: string;
  weight?: number;
  unit?: string;
  direction?: 1 | -1;
  points?: number;
  denominator?: string;
  density?: 'none' | 'population';
  log?: boolean;
  source?: string;
  lagMonths?: number;
  targets?: Record<string, number>;
  targetNote?: string;
  standardValue?: number;
  goalLow?: number;
  goalHigh?: number;
  min?: number;
  max?: number;
  maxYoyChange?: number;
  qualitative?: boolean;
  text?: boolean;
  optional?: boolean;
  fact?: Parsed<typeof zFact>;
  evidence?: string;
  rule?: { left: string; right: string };
  tiers?: FrameworkSettings['tiers'];
  deadline?: string;
}

const col = (
  key: keyof FrameworkSheetRow,
  header: string,
  headerEn: string,
  schema: z.ZodType,
  note: string,
  extra: Partial<ColumnSpec> = {},
): ColumnSpec => ({ key, header, headerEn, schema, note, example: '', type: 'text', ...extra });

export const frameworkSheet = defineSheet<FrameworkSheetRow>({
  key: 'framework',
  title: '指标体系',
  maxRows: 2000,
  columns: [
    col('code', '编码', 'Code', ZNodeCode, '字母、数字、点、下划线或连字符，体系内唯一；校验规则行填规则编码', {
      required: true,
      example: 'D1.1（示例）',
    }),
    col('parentCode', '上级编码', 'Parent code', ZNodeCode.optional(), '根节点（指数）留空；其他节点填上级节点的编码'),
    col('kind', '层级', 'Kind', zKind, '指数、维度、子维度、指标 或 校验规则', {
      required: true,
      options: ['指数', '维度', '子维度', '指标', '校验规则'],
    }),
    col('nameZh', '中文名称', 'Chinese name', z.string().min(1).max(300), '校验规则行填写中文提示', { required: true }),
    col('nameEn', '英文名称', 'English name', text(300), '校验规则行填写英文提示'),
    col(
      'weight',
      '权重',
      'Weight',
      z.number().min(0).max(1000).optional(),
      '同一上级下的相对权重，>= 0；留空取分值或 1',
      {
        type: 'number',
      },
    ),
    col('unit', '单位', 'Unit', text(50), '如 %、家、万元'),
    col('direction', '方向', 'Direction', zDirection, '正向（越大越好）或 逆向（越小越好），默认正向', {
      options: ['正向', '逆向'],
    }),
    col('points', '分值', 'Points', z.number().min(0).max(100).optional(), '百分制下的默认分值', { type: 'number' }),
    col('denominator', '分母口径', 'Denominator', text(200), '统计口径中的分母说明'),
    col('density', '密度口径', 'Density', zDensity, '排名模式下除以常住人口（万人）：无 或 常住人口', {
      options: ['无', '常住人口'],
    }),
    col('log', '对数变换', 'Log transform', zYesNo, '排名模式下取 log(1+x)：是 或 否', { options: ['是', '否'] }),
    col('source', '数据来源', 'Source', text(300), '如 统计年鉴、科技统计年报'),
    col(
      'lagMonths',
      '滞后月数',
      'Lag (months)',
      z.number().int().min(0).max(36).optional(),
      '年度结束后几个月可取得数据，默认 6',
      {
        type: 'number',
      },
    ),
    col('targets', '目标值', 'Targets', zTargets, '按年份：2025:1.5;2027:2，或 JSON {"2025":1.5}'),
    col('targetNote', '目标说明', 'Target note', text(500), '目标的出处与说明'),
    col(
      'standardValue',
      '标准值',
      'Standard value',
      z.number().positive().optional(),
      '监测模式标准值 S：得分 = min(x/S,1)×100',
      {
        type: 'number',
      },
    ),
    col('goalLow', '下限目标', 'Lower goalpost', num, '目标法归一化的下限（与上限目标同时填写）', { type: 'number' }),
    col('goalHigh', '上限目标', 'Upper goalpost', num, '目标法归一化的上限', { type: 'number' }),
    col('min', '最小值', 'Minimum', num, '填报校验：低于此值为错误', { type: 'number' }),
    col('max', '最大值', 'Maximum', num, '填报校验：高于此值为错误', { type: 'number' }),
    col(
      'maxYoyChange',
      '同比变化上限',
      'Max YoY change',
      z.number().positive().optional(),
      '如 0.5 表示同比变化超过 ±50% 需说明',
      {
        type: 'number',
      },
    ),
    col('qualitative', '定性', 'Qualitative', zYesNo, '专家评分的定性指标：是 或 否', { options: ['是', '否'] }),
    col('text', '文本', 'Text', zYesNo, '文字填报、不计分（如特色指标，200 字内）：是 或 否', {
      options: ['是', '否'],
    }),
    col('optional', '选填', 'Optional', zYesNo, '旗县可不填：是 或 否', { options: ['是', '否'] }),
    col('fact', '绑定事实', 'Fact binding', zFact, '平台指标事实名称，如 experts.count（实时暂估值）'),
    col('evidence', '依据', 'Evidence', text(1000), '指标来源文件与依据'),
    col('rule', '规则表达式', 'Rule', zRuleExpr, '校验规则行：左侧编码 <= 右侧编码，如 D4.2 <= D4.1'),
    col('tiers', '分类规则', 'Tiers', zTiers, '仅根节点行：阈值:80;60（≥80 一类）或 名额:10;15;78'),
    col('deadline', '填报截止', 'Deadline', zDeadline, '仅根节点行：次年的月-日，如 06-30'),
  ],
  row: z.custom<FrameworkSheetRow>(() => true),
});

/** Header text of a row field (for error reports). */
export function headerOf(key: keyof FrameworkSheetRow): string {
  return frameworkSheet.columns.find((c) => c.key === key)?.header ?? '';
}

type Cells = Partial<Record<keyof FrameworkSheetRow, string | number | null>>;

const yesNo = (b: boolean) => (b ? '是' : '否');

/** The workbook rows of a framework: its nodes in order, then its rules. */
export function frameworkToCells(f: Pick<Framework, 'nodes' | 'settings'>): Cells[] {
  const rows: Cells[] = f.nodes.map((n) => {
    const base: Cells = {
      code: n.code,
      parentCode: n.parentCode,
      kind: KIND_LABELS[n.kind],
      nameZh: n.nameZh,
      nameEn: n.nameEn,
      weight: n.weight,
    };
    if (n.parentCode === null) {
      base.tiers = formatTiers(f.settings.tiers);
      base.deadline = f.settings.deadline;
    }
    const s = n.spec;
    if (n.kind !== 'indicator' || !s) return base;
    return {
      ...base,
      unit: s.unit,
      direction: s.direction === 1 ? '正向' : '逆向',
      points: s.points,
      denominator: s.denominator,
      density: s.density === 'population' ? '常住人口' : '无',
      log: yesNo(s.log),
      source: s.source,
      lagMonths: s.lagMonths,
      targets: formatTargets(s.targets),
      targetNote: s.targetNote,
      standardValue: s.standardValue,
      goalLow: s.goalposts?.[0] ?? null,
      goalHigh: s.goalposts?.[1] ?? null,
      min: s.min,
      max: s.max,
      maxYoyChange: s.maxYoyChange,
      qualitative: yesNo(s.qualitative),
      text: yesNo(s.valueType === 'text'),
      optional: yesNo(s.optional),
      fact: s.fact ? formatFact(s.fact) : null,
      evidence: s.evidence,
    };
  });
  for (const r of f.settings.rules)
    rows.push({
      code: r.code,
      kind: KIND_LABELS.rule,
      nameZh: r.messageZh,
      nameEn: r.messageEn,
      rule: `${r.left} <= ${r.right}`,
    });
  return rows;
}
