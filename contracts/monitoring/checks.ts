/**
 * Checks of one county-year form (pure), shared by the server (which stores and enforces them) and the console (which
 * runs the same checks while the officer types): errors (range, cross-indicator rules, missing required values, text
 * length) block submission; warnings (year-on-year jumps, outliers by the modified z-score) need an explanatory
 * note, after which they stay visible as `explained` and the value is flagged `outlier` on submission. Outliers are
 * judged by the modified z-score against the other counties of the year (on the log(1+x) scale for indicators
 * marked `log`, the skewed counts) only when the county has no value of its own for last year: with one, the county's
 * own history is the reference (the year-on-year check, as DHIS2 judges outliers over time per organisation unit), so a
 * large urban district that is far from the rural banners every year is not flagged year after year. The console has
 * no peer values: it keeps the server's outlier findings of unchanged values (see `liveFindings` in the console).
 */
import type { Finding } from './collection.ts';
import type { FrameworkNode, FrameworkSettings, IndicatorSpec } from './frameworks.ts';

/** Longest accepted text value (特色指标). */
export const MAX_TEXT_LENGTH = 200;
/** Iglewicz and Hoaglin's cut-off for |modified z| and the fewest peer values the test needs. */
export const OUTLIER_Z = 3.5;
export const OUTLIER_MIN_PEERS = 10;

export interface CellState {
  value: number | null;
  textValue: string | null;
  note: string;
}

export interface FormValidationInput {
  /** The framework's indicators (nodes of kind indicator, each with its spec). */
  indicators: readonly FrameworkNode[];
  rules: FrameworkSettings['rules'];
  /** This county-year's cells by indicator code. */
  values: ReadonlyMap<string, CellState>;
  /** Last year's numeric values by indicator code. */
  previous: ReadonlyMap<string, number | null>;
  /** The same indicator's values in the other counties of the same year. */
  peers: ReadonlyMap<string, readonly number[]>;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Modified z-score of `x` against `reference` (Iglewicz & Hoaglin 1993): 0.6745 (x - median) / MAD, where MAD is the
 * median absolute deviation from the median. Null when the reference is empty or its MAD is 0 (no spread to judge by).
 */
export function modifiedZ(x: number, reference: readonly number[]): number | null {
  if (reference.length === 0) return null;
  const m = median(reference);
  const mad = median(reference.map((v) => Math.abs(v - m)));
  if (!(mad > 0)) return null;
  return (0.6745 * (x - m)) / mad;
}

/** Relative year-on-year change (0.5 = +50 %), or null without a usable previous value. */
export function yoyChange(current: number, previous: number | null): number | null {
  if (previous === null || previous === 0) return null;
  return (current - previous) / Math.abs(previous);
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(6)));
}

function pct(r: number): string {
  return `${r >= 0 ? '+' : ''}${fmt(Math.round(r * 1000) / 10)}%`;
}

/** Whether an indicator must be filled by the county: numeric, not optional, not expert-scored. */
export function isRequired(spec: IndicatorSpec): boolean {
  return spec.valueType === 'number' && !spec.optional && !spec.qualitative;
}

function specOf(n: FrameworkNode): IndicatorSpec | null {
  return n.kind === 'indicator' ? n.spec : null;
}

/** Every finding of a form, in indicator order (rule findings after the indicator they name on the left). */
export function validateForm(input: FormValidationInput): Finding[] {
  const out: Finding[] = [];
  const byCode = new Map(input.indicators.map((n) => [n.code, n]));
  const numberOf = (code: string): number | null => input.values.get(code)?.value ?? null;

  for (const node of input.indicators) {
    const spec = specOf(node);
    if (!spec) continue;
    const cell = input.values.get(node.code);
    const code = node.code;
    const name = node.nameZh;
    const explained = (cell?.note ?? '').trim() !== '';

    if (spec.valueType === 'text') {
      const text = cell?.textValue ?? '';
      if ([...text].length > MAX_TEXT_LENGTH)
        out.push({
          indicatorCode: code,
          severity: 'error',
          kind: 'text_length',
          message: `${name}：文本超过 ${MAX_TEXT_LENGTH} 字`,
          messageEn: `${node.nameEn || code}: text longer than ${MAX_TEXT_LENGTH} characters`,
        });
      continue;
    }

    const v = cell?.value ?? null;
    if (v === null) {
      if (isRequired(spec))
        out.push({
          indicatorCode: code,
          severity: 'error',
          kind: 'missing',
          message: `${name}：必填指标未填写`,
          messageEn: `${node.nameEn || code}: required value missing`,
        });
      continue;
    }

    if ((spec.min !== null && v < spec.min) || (spec.max !== null && v > spec.max)) {
      const range = `[${spec.min === null ? '-∞' : fmt(spec.min)}, ${spec.max === null ? '+∞' : fmt(spec.max)}]`;
      out.push({
        indicatorCode: code,
        severity: 'error',
        kind: 'range',
        message: `${name}：数值 ${fmt(v)} 超出允许范围 ${range}`,
        messageEn: `${node.nameEn || code}: ${fmt(v)} is outside the allowed range ${range}`,
      });
    }

    for (const rule of input.rules) {
      if (rule.kind !== 'lte' || rule.left !== code) continue;
      const right = numberOf(rule.right);
      if (right === null || v <= right) continue;
      const rightName = byCode.get(rule.right)?.nameZh ?? rule.right;
      out.push({
        indicatorCode: code,
        severity: 'error',
        kind: 'rule',
        message: `${rule.messageZh || `${name}不应大于${rightName}`}（${fmt(v)} > ${fmt(right)}）`,
        messageEn: `${rule.messageEn || `${code} must not exceed ${rule.right}`} (${fmt(v)} > ${fmt(right)})`,
      });
    }

    if (spec.maxYoyChange !== null) {
      const change = yoyChange(v, input.previous.get(code) ?? null);
      if (change !== null && Math.abs(change) > spec.maxYoyChange)
        out.push({
          indicatorCode: code,
          severity: 'warning',
          kind: 'yoy',
          message: `${name}：同比变化 ${pct(change)}，超过 ±${fmt(spec.maxYoyChange * 100)}%，请在备注中说明原因`,
          messageEn: `${node.nameEn || code}: year-on-year change ${pct(change)} exceeds ±${fmt(spec.maxYoyChange * 100)}%; explain it in the note`,
          explained,
        });
    }

    const peers = input.peers.get(code) ?? [];
    const hasOwnHistory = (input.previous.get(code) ?? null) !== null;
    if (!hasOwnHistory && peers.length >= OUTLIER_MIN_PEERS) {
      // Skewed counts (spec.log) are judged on the log(1+x) scale the index uses for them: a large urban district
      // is not an outlier for having many firms.
      const onLog = spec.log && v >= 0 && peers.every((p) => p >= 0);
      const z = onLog ? modifiedZ(Math.log1p(v), peers.map(Math.log1p)) : modifiedZ(v, peers);
      if (z !== null && Math.abs(z) > OUTLIER_Z)
        out.push({
          indicatorCode: code,
          severity: 'warning',
          kind: 'outlier',
          message: `${name}：数值 ${fmt(v)} 与其他旗县差异很大（修正 z 值 ${z.toFixed(1)}），请核实并在备注中说明`,
          messageEn: `${node.nameEn || code}: ${fmt(v)} is far from the other counties (modified z ${z.toFixed(1)}); check it and explain in the note`,
          explained,
        });
    }
  }
  return out;
}

/** Findings that block submission: every error, and every warning without an explanatory note. */
export function blockingFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error' || !f.explained);
}

/** Indicator codes that keep an explained warning: their values are flagged `outlier` on submission. */
export function explainedWarningCodes(findings: readonly Finding[]): Set<string> {
  return new Set(
    findings.filter((f) => f.severity === 'warning' && f.explained && f.indicatorCode).map((f) => f.indicatorCode!),
  );
}

/** Share of required indicators that have a value (0-1; 1 when nothing is required). */
export function completenessOf(indicators: readonly FrameworkNode[], values: ReadonlyMap<string, CellState>): number {
  let required = 0;
  let filled = 0;
  for (const n of indicators) {
    if (!n.spec || !isRequired(n.spec)) continue;
    required++;
    if ((values.get(n.code)?.value ?? null) !== null) filled++;
  }
  return required === 0 ? 1 : filled / required;
}

/**
 * Units of things counted one by one (人, 个, 项, 家 …): such an indicator takes whole numbers, and the improvement
 * simulator proposes whole numbers for it. Rates over a count (人/万人) are not counts.
 */
export const COUNT_UNITS: readonly string[] = [
  '人',
  '个',
  '项',
  '家',
  '件',
  '名',
  '户',
  '所',
  '座',
  '次',
  '篇',
  '台',
  '套',
];

/** Whether an indicator's unit counts whole things. */
export function isCountUnit(unit: string | null | undefined): boolean {
  return COUNT_UNITS.includes((unit ?? '').trim());
}
