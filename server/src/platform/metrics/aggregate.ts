/** Pure core: combines fact rows into groups (divisions of one level, or the whole subtree). No I/O. */
import type { Aggregation, FactRow } from './registry.ts';

export interface Cell {
  value: number;
  /** Value per value of the `by` dimension; empty without `by`. Rows lacking the dimension count as `unspecified`. */
  breakdown: Record<string, number>;
}

export const UNSPECIFIED = 'unspecified';

function dimsKey(dims: FactRow['dims']): string {
  if (!dims) return '';
  return Object.keys(dims)
    .sort()
    .map((k) => `${k}=${dims[k]}`)
    .join('&');
}

/** For `latest`: per division and dimension values, the row of the latest period (periods sort as text). */
function latestRows(rows: readonly FactRow[]): FactRow[] {
  const best = new Map<string, FactRow>();
  for (const r of rows) {
    const key = `${r.divisionCode}|${dimsKey(r.dims)}`;
    const cur = best.get(key);
    if (!cur || r.period > cur.period) best.set(key, r);
  }
  return [...best.values()];
}

/**
 * Groups rows with `groupOf` (a division code -> its group, or undefined to leave the row out) and combines them
 * with the fact's aggregation. Every group in `groups` is present in the result, with 0 when no row fell into it.
 */
export function aggregateRows(
  rows: readonly FactRow[],
  opts: {
    aggregation: Aggregation;
    groups: readonly string[];
    groupOf: (divisionCode: string) => string | undefined;
    by?: string;
  },
): Map<string, Cell> {
  const cells = new Map<string, Cell>(opts.groups.map((g) => [g, { value: 0, breakdown: {} }]));
  const input = opts.aggregation === 'latest' ? latestRows(rows) : rows;
  const combine = opts.aggregation === 'max' ? Math.max : (a: number, b: number) => a + b;
  const seen = new Set<string>();
  for (const r of input) {
    const group = opts.groupOf(r.divisionCode);
    const cell = group === undefined ? undefined : cells.get(group);
    if (!cell || group === undefined) continue;
    cell.value = seen.has(group) ? combine(cell.value, r.value) : r.value;
    seen.add(group);
    if (opts.by) {
      const k = r.dims?.[opts.by] ?? UNSPECIFIED;
      const prev = cell.breakdown[k];
      cell.breakdown[k] = prev === undefined ? r.value : combine(prev, r.value);
    }
  }
  return cells;
}
