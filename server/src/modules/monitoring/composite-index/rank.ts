import { roundTo } from './stats.ts';

/** Parameters of the rank stage. */
export interface RankParams {
  /** Round scores to this many decimals before ranking (COINr6 tables: 2; UNDP HDI: 3). Default: no rounding. */
  readonly decimals?: number;
  /** 'descending' (default): the highest score ranks 1. */
  readonly order?: 'descending' | 'ascending';
}

/**
 * Ranks a score column with ties sharing the lowest rank ("min" method: 1, 2, 2, 4). A missing score gets a
 * missing rank (NaN). With `decimals`, scores are rounded first, so scores equal to n decimals tie.
 */
export function rankColumn(scores: Float64Array, params: RankParams = {}): Float64Array {
  const n = scores.length;
  const keyed = new Float64Array(n);
  const sign = (params.order ?? 'descending') === 'descending' ? -1 : 1;
  for (let i = 0; i < n; i++) {
    const v = scores[i] as number;
    keyed[i] = params.decimals === undefined ? v : roundTo(v, params.decimals);
  }
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (!Number.isNaN(keyed[i])) order.push(i);
  order.sort((a, b) => sign * ((keyed[a] as number) - (keyed[b] as number)));
  const ranks = new Float64Array(n).fill(Number.NaN);
  for (let p = 0; p < order.length; p++) {
    const i = order[p] as number;
    const prev = p > 0 ? (order[p - 1] as number) : -1;
    ranks[i] = p > 0 && keyed[prev] === keyed[i] ? (ranks[prev] as number) : p + 1;
  }
  return ranks;
}
