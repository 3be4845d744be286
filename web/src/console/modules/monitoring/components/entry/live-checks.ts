/**
 * The entry form's checks as the officer types (数据填报): the server's own rules (contracts/monitoring/checks.ts) run
 * over the unsaved drafts, so a wrong value is an error at once and the completeness and error counts follow every
 * keystroke. Outliers need the other counties' values, which the console does not have: the server's outlier finding
 * stays for a value that is unchanged since it was saved (explained again by the current note) and goes when the
 * value changes (the server judges it again on save).
 */
import {
  completenessOf,
  validateForm,
  type CellState,
  type Finding,
  type Form,
} from '../../../../../../../contracts/monitoring.ts';
import type { Draft } from '../../collection/form-state.ts';

function cellsOf(form: Form, drafts: ReadonlyMap<string, Draft>): Map<string, CellState> {
  const saved = new Map(form.values.map((v) => [v.indicatorCode, v]));
  const cells = new Map<string, CellState>();
  for (const node of form.indicators) {
    const d = drafts.get(node.code);
    const s = saved.get(node.code);
    if (d) cells.set(node.code, { value: d.value, textValue: d.textValue || null, note: d.note });
    else if (s) cells.set(node.code, { value: s.value, textValue: s.textValue, note: s.note });
  }
  return cells;
}

/** Findings of the form as drafted: the shared checks, the server's outliers of unchanged values, form-level ones. */
export function liveFindings(form: Form, drafts: ReadonlyMap<string, Draft>): Finding[] {
  const cells = cellsOf(form, drafts);
  const previous = new Map(form.previous.map((p) => [p.indicatorCode, p.value]));
  const checked = validateForm({
    indicators: form.indicators,
    rules: form.rules,
    values: cells,
    previous,
    peers: new Map(),
  });
  const saved = new Map(form.values.map((v) => [v.indicatorCode, v.value]));
  const kept = form.findings.flatMap((f): Finding[] => {
    if (f.indicatorCode === null) return [f];
    if (f.kind !== 'outlier') return [];
    const cell = cells.get(f.indicatorCode);
    if (!cell || cell.value !== (saved.get(f.indicatorCode) ?? null)) return [];
    return [{ ...f, explained: cell.note.trim() !== '' }];
  });
  return [...checked, ...kept];
}

/** Share of required indicators filled in the drafts (0-1), as the server counts it. */
export function liveCompleteness(form: Form, drafts: ReadonlyMap<string, Draft>): number {
  return completenessOf(form.indicators, cellsOf(form, drafts));
}

/** Counts for the banner: errors, and warnings still without a note. */
export function countFindings(findings: readonly Finding[]): { errors: number; warnings: number } {
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning' && !f.explained).length,
  };
}
