/**
 * The entry form's state in the console (数据填报): rows per dimension from the server's form, local edits, what to
 * send on save, year-on-year change, and the findings of each indicator. Pure functions, tested without a browser.
 */
import type { Finding, Form, FrameworkNode, Value } from '../../../../../../contracts/monitoring.ts';
import type { Text } from '../../../../shared/i18n.ts';

export type FormStatus = Form['status'];
export type EditableFlag = 'estimated' | 'carried_forward';

/** One cell as the user edits it. */
export interface Draft {
  value: number | null;
  textValue: string;
  source: string;
  note: string;
  flags: EditableFlag[];
}

export interface Row {
  node: FrameworkNode;
  saved: Value | null;
  previous: number | null;
  findings: Finding[];
}

export interface Section {
  dimension: FrameworkNode | null;
  rows: Row[];
}

const EDITABLE: readonly string[] = ['estimated', 'carried_forward'];

/** The draft of a saved value (or an empty one). */
export function draftOf(v: Value | null): Draft {
  return {
    value: v?.value ?? null,
    textValue: v?.textValue ?? '',
    source: v?.source ?? '',
    note: v?.note ?? '',
    flags: (v?.flags ?? []).filter((f): f is EditableFlag => EDITABLE.includes(f)),
  };
}

/** Indicators grouped under their dimension, in framework order (sub-dimensions fold into their dimension). */
export function sectionsOf(form: Form): Section[] {
  const values = new Map(form.values.map((v) => [v.indicatorCode, v]));
  const previous = new Map(form.previous.map((p) => [p.indicatorCode, p.value]));
  const findings = findingsByCode(form.findings);
  const dimensionCodes = new Set(form.dimensions.map((d) => d.code));
  const sections = new Map<string | null, Section>();
  for (const d of form.dimensions) sections.set(d.code, { dimension: d, rows: [] });
  for (const node of form.indicators) {
    // The server gives each indicator its dimension as parent; anything else goes to a section without a title.
    const parent = node.parentCode && dimensionCodes.has(node.parentCode) ? node.parentCode : null;
    let section = sections.get(parent);
    if (!section) sections.set(parent, (section = { dimension: null, rows: [] }));
    section.rows.push({
      node,
      saved: values.get(node.code) ?? null,
      previous: previous.get(node.code) ?? null,
      findings: findings.get(node.code) ?? [],
    });
  }
  return [...sections.values()].filter((s) => s.rows.length > 0);
}

export function findingsByCode(findings: readonly Finding[]): Map<string | null, Finding[]> {
  const out = new Map<string | null, Finding[]>();
  for (const f of findings) {
    const list = out.get(f.indicatorCode) ?? [];
    list.push(f);
    out.set(f.indicatorCode, list);
  }
  return out;
}

/** Relative change to last year (0.12 = +12 %), or null without both values or with last year 0. */
export function yoy(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || previous === 0) return null;
  return (value - previous) / Math.abs(previous);
}

export function formatPercent(r: number | null): string {
  if (r === null) return '—';
  const p = Math.round(r * 1000) / 10;
  return `${p > 0 ? '+' : ''}${p}%`;
}

function sameDraft(a: Draft, b: Draft): boolean {
  return (
    a.value === b.value &&
    a.textValue.trim() === b.textValue.trim() &&
    a.source.trim() === b.source.trim() &&
    a.note.trim() === b.note.trim() &&
    [...a.flags].sort().join() === [...b.flags].sort().join()
  );
}

/** The cells that differ from what is saved, as the PUT …/values body expects them. */
export function changedCells(form: Form, drafts: ReadonlyMap<string, Draft>) {
  const saved = new Map(form.values.map((v) => [v.indicatorCode, v]));
  const byCode = new Map(form.indicators.map((n) => [n.code, n]));
  const out: {
    indicatorCode: string;
    value: number | null;
    textValue: string | null;
    source: string;
    note: string;
    flags: EditableFlag[];
  }[] = [];
  for (const [code, d] of drafts) {
    const node = byCode.get(code);
    if (!node || sameDraft(d, draftOf(saved.get(code) ?? null))) continue;
    const text = node.spec?.valueType === 'text';
    out.push({
      indicatorCode: code,
      value: text ? null : d.value,
      textValue: text ? d.textValue.trim() || null : null,
      source: d.source.trim(),
      note: d.note.trim(),
      flags: d.flags,
    });
  }
  return out;
}

export const STATUS_LABELS: Record<
  FormStatus,
  Text & { color: string; alert: 'info' | 'warning' | 'success' | 'error' }
> = {
  not_started: { zh: '未填报', en: 'Not started', color: 'default', alert: 'info' },
  draft: { zh: '填报中', en: 'Draft', color: 'processing', alert: 'info' },
  submitted: { zh: '待盟市审核', en: 'Awaiting league review', color: 'gold', alert: 'warning' },
  league_approved: { zh: '待自治区审定', en: 'Awaiting region approval', color: 'orange', alert: 'warning' },
  approved: { zh: '已审定（锁定）', en: 'Approved (locked)', color: 'success', alert: 'success' },
  returned: { zh: '已退回', en: 'Returned', color: 'error', alert: 'error' },
};

export const ACTION_LABELS: Record<'submit' | 'return' | 'approve' | 'unlock', Text> = {
  submit: { zh: '提交', en: 'Submit' },
  return: { zh: '退回', en: 'Return' },
  approve: { zh: '审核通过', en: 'Approve' },
  unlock: { zh: '解锁', en: 'Unlock' },
};

export const FLAG_LABELS: Record<string, Text> = {
  estimated: { zh: '估算', en: 'Estimated' },
  carried_forward: { zh: '沿用上年', en: 'Carried forward' },
  imputed: { zh: '插补', en: 'Imputed' },
  provisional: { zh: '暂估', en: 'Provisional' },
  outlier: { zh: '异常已说明', en: 'Outlier explained' },
};

/** Years offered by the year selectors: last year first (the year usually reported), back to 2015. */
export function periodOptions(now: Date): number[] {
  const last = now.getFullYear() - 1;
  const out: number[] = [];
  for (let y = last + 1; y >= 2015; y--) out.push(y);
  return out;
}

/** The year reported by default: the previous calendar year. */
export function defaultPeriod(now: Date): number {
  return now.getFullYear() - 1;
}

/** Which statuses a filter offers, in workflow order. */
export const STATUS_ORDER: readonly FormStatus[] = [
  'not_started',
  'draft',
  'returned',
  'submitted',
  'league_approved',
  'approved',
];
