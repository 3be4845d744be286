/**
 * The node form of the draft editor: a framework node <-> flat form values (targets as "2025:1.5;2027:2", goalposts
 * as two numbers, the fact binding as text). Pure; the page validates again on the server when saving.
 */
import type { FrameworkNode, FrameworkSettings, IndicatorSpec } from '../../../../../../contracts/monitoring.ts';
import { blankSpec } from './tree.ts';

export interface NodeFormValues {
  code: string;
  nameZh: string;
  nameEn: string;
  weight: number;
  unit: string;
  direction: 1 | -1;
  points: number | null;
  denominator: string;
  source: string;
  lagMonths: number;
  targets: string;
  targetNote: string;
  standardValue: number | null;
  goalLow: number | null;
  goalHigh: number | null;
  min: number | null;
  max: number | null;
  maxYoyChange: number | null;
  density: 'none' | 'population';
  log: boolean;
  qualitative: boolean;
  text: boolean;
  optional: boolean;
  fact: string;
  evidence: string;
}

/** "2025:1.5;2027:2" (years sorted). */
export function formatTargets(targets: Record<string, number>): string {
  return Object.keys(targets)
    .sort()
    .map((y) => `${y}:${targets[y]}`)
    .join(';');
}

/** Parses "2025:1.5;2027:2" (also full-width ：；); null when malformed. Empty text is no targets. */
export function parseTargets(text: string): Record<string, number> | null {
  const out: Record<string, number> = {};
  for (const part of text.split(/[;；]/).map((p) => p.trim())) {
    if (!part) continue;
    const m = /^(\d{4})\s*[:：]\s*(-?\d+(?:\.\d+)?)$/.exec(part);
    if (!m) return null;
    out[m[1]!] = Number(m[2]);
  }
  return out;
}

/** "experts.count" or "organisations.count?type=enterprise". */
export function formatFact(fact: IndicatorSpec['fact']): string {
  if (!fact) return '';
  const q = Object.entries(fact.filter ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return q ? `${fact.fact}?${q}` : fact.fact;
}

export function parseFact(text: string): IndicatorSpec['fact'] {
  const [name = '', query] = text.trim().split('?', 2);
  if (!name) return null;
  if (!query) return { fact: name };
  const filter: Record<string, string> = {};
  for (const pair of query.split('&')) {
    const [k, v] = pair.split('=', 2);
    if (k && v !== undefined) filter[k] = v;
  }
  return { fact: name, filter };
}

export function nodeToForm(n: FrameworkNode): NodeFormValues {
  const s = n.spec ?? blankSpec();
  return {
    code: n.code,
    nameZh: n.nameZh,
    nameEn: n.nameEn,
    weight: n.weight,
    unit: s.unit,
    direction: s.direction,
    points: s.points,
    denominator: s.denominator,
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
    density: s.density,
    log: s.log,
    qualitative: s.qualitative,
    text: s.valueType === 'text',
    optional: s.optional,
    fact: formatFact(s.fact),
    evidence: s.evidence,
  };
}

const num = (v: number | null | undefined): number | null => (v === undefined || v === null ? null : Number(v));

/**
 * Form values back onto the node (kind and parent unchanged; fields the form does not show keep their value). Throws
 * a bilingual message for malformed targets.
 */
export function formToNode(base: FrameworkNode, v: NodeFormValues): FrameworkNode {
  const next: FrameworkNode = {
    ...base,
    code: v.code.trim(),
    nameZh: v.nameZh.trim(),
    nameEn: (v.nameEn ?? '').trim(),
    weight: Number(v.weight ?? 0),
  };
  if (base.kind !== 'indicator') return { ...next, spec: null };
  const targets = parseTargets(v.targets ?? '');
  if (!targets) throw new Error('目标值格式应为“2025:1.5;2027:2” / targets: "2025:1.5;2027:2"');
  const low = num(v.goalLow);
  const high = num(v.goalHigh);
  return {
    ...next,
    spec: {
      ...(base.spec ?? blankSpec()),
      unit: (v.unit ?? '').trim(),
      direction: v.direction,
      points: num(v.points),
      denominator: (v.denominator ?? '').trim(),
      source: (v.source ?? '').trim(),
      lagMonths: Number(v.lagMonths ?? 6),
      targets,
      targetNote: (v.targetNote ?? '').trim(),
      standardValue: num(v.standardValue),
      goalposts: low !== null && high !== null ? [low, high] : null,
      min: num(v.min),
      max: num(v.max),
      maxYoyChange: num(v.maxYoyChange),
      density: v.density,
      log: Boolean(v.log),
      qualitative: Boolean(v.qualitative),
      valueType: v.text ? 'text' : 'number',
      optional: Boolean(v.optional),
      fact: parseFact(v.fact ?? ''),
      evidence: (v.evidence ?? '').trim(),
    },
  };
}

/** Tiers as edited: "80;60" (score thresholds, descending) or "10;15;78" (counts by rank). */
export function formatTierValues(tiers: FrameworkSettings['tiers']): string {
  return (tiers.kind === 'thresholds' ? tiers.thresholds : tiers.counts).join(';');
}

/** Parses the tier text for a kind; null when malformed (the server checks the order). */
export function parseTiers(kind: FrameworkSettings['tiers']['kind'], text: string): FrameworkSettings['tiers'] | null {
  const values = text
    .split(/[;；,，\s]+/)
    .filter(Boolean)
    .map(Number);
  if (values.length === 0 || values.some((v) => !Number.isFinite(v))) return null;
  if (kind === 'counts')
    return values.length >= 2 && values.length <= 6 && values.every((v) => Number.isInteger(v) && v >= 0)
      ? { kind, counts: values }
      : null;
  return values.length <= 5 ? { kind, thresholds: values } : null;
}
