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
  const descending = (params.order ?? 'descending') === 'descending';
  const keyed = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = scores[i] as number;
    const k = params.decimals === undefined ? v : roundTo(v, params.decimals);
    keyed[i] = k;
    if (!Number.isNaN(k)) m++;
  }
  // rank = 1 + the number of keys strictly better: binary search in the sorted keys (native typed-array sort)
  const sorted = new Float64Array(m);
  for (let i = 0, k = 0; i < n; i++) if (!Number.isNaN(keyed[i])) sorted[k++] = keyed[i] as number;
  sorted.sort();
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = keyed[i] as number;
    if (Number.isNaN(k)) {
      ranks[i] = Number.NaN;
      continue;
    }
    let lo = 0;
    let hi = m;
    if (descending) {
      // first position holding a key > k
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((sorted[mid] as number) > k) hi = mid;
        else lo = mid + 1;
      }
      ranks[i] = m - lo + 1;
    } else {
      // first position holding a key >= k
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((sorted[mid] as number) >= k) hi = mid;
        else lo = mid + 1;
      }
      ranks[i] = lo + 1;
    }
  }
  return ranks;
}
