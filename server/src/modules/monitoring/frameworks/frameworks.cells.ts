/**
 * Cell formats of the framework workbook (指标体系表): kinds, directions, yes/no, targets "2025:1.5;2027:2", fact
 * bindings "name?dim=value", rules "D4.2 <= D4.1", tiers "阈值:80;60" / "名额:10;15;78", deadlines "06-30" — each
 * a zod cell schema with a Chinese/English message, and the formatter export uses.
 */
import { z } from 'zod';
import {
  ZNodeCode,
  type FrameworkNode,
  type FrameworkSettings,
  type IndicatorSpec,
} from '../../../../../contracts/monitoring.ts';

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

export const text = (max: number) => z.string().max(max).optional();
export const num = z.number().finite().optional();

export const zYesNo = z
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

export const zKind = z.string().transform((v, ctx) => {
  const k = KINDS[v.trim().toLowerCase()] ?? KINDS[v.trim()];
  if (k) return k;
  custom(ctx, '层级应为 指数、维度、子维度、指标 或 校验规则', 'kind: 指数, 维度, 子维度, 指标 or 校验规则');
  return z.NEVER;
});

export const zDirection = z
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

export const zDensity = z
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

export const zTargets = z
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

export const zFact = z
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
export const zRuleExpr = z
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

export const zTiers = z
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
export const zDeadline = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (v === undefined) return undefined;
    const m = /^(?:\d{4}-)?(\d{2})-(\d{2})$/.exec(v.trim());
    if (m) return `${m[1]}-${m[2]}`;
    custom(ctx, '填报截止应为“月-日”，如 06-30', 'deadline: month-day, e.g. 06-30');
    return z.NEVER;
  });
