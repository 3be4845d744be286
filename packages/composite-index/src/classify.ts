/**
 * Classes of units from their scores: performance groups relative to the average (EIS), tiers by score thresholds
 * or matched to a given distribution (一类 / 二类 / 三类), and ranks within peer groups. Class 1 is the best; a missing
 * score has a missing class (NaN).
 */
import { type RankParams, rankColumn } from './rank.ts';
import { mean, median, roundTo } from './stats.ts';

/** Parameters of {@link performanceGroups}. */
export interface PerformanceGroupParams {
  /** Cut-offs in percent of the reference, strictly decreasing (EIS: [125, 100, 70]). */
  readonly thresholds?: readonly number[];
  /** The average the scores are compared with: 'mean' (default), 'median' of the present scores, or a value. */
  readonly reference?: 'mean' | 'median' | number;
}

/** Outcome of {@link performanceGroups}. */
export interface PerformanceGroups {
  /** Group per unit: 1 + the number of thresholds above the unit's relative score. */
  readonly groups: Float64Array;
  /** Score / reference x 100. */
  readonly relative: Float64Array;
  readonly reference: number;
}

/** Default EIS cut-offs: leaders >= 125 %, strong 100-125 %, moderate 70-100 %, emerging < 70 %. */
export const EIS_THRESHOLDS: readonly number[] = [125, 100, 70];

function checkDecreasing(thresholds: readonly number[], what: string): void {
  for (let k = 1; k < thresholds.length; k++) {
    if (!((thresholds[k] as number) < (thresholds[k - 1] as number)))
      throw new Error(`${what}: thresholds must be strictly decreasing (${thresholds.join(', ')})`);
  }
}

/** 1 + the number of thresholds t (decreasing) with v < t: v >= t1 -> 1, t2 <= v < t1 -> 2 … */
function classOf(v: number, thresholds: readonly number[]): number {
  if (Number.isNaN(v)) return Number.NaN;
  let k = 0;
  while (k < thresholds.length && v < (thresholds[k] as number)) k++;
  return k + 1;
}

/**
 * Performance groups relative to the average (European Innovation Scoreboard): relative = score / reference x 100,
 * group 1 when relative >= thresholds[0], 2 when thresholds[1] <= relative < thresholds[0], … and the last group below
 * the last threshold. The reference must be positive (min-max or distance scores, not z-scores).
 */
export function performanceGroups(scores: Float64Array, params: PerformanceGroupParams = {}): PerformanceGroups {
  const thresholds = params.thresholds ?? EIS_THRESHOLDS;
  checkDecreasing(thresholds, 'performance groups');
  const ref = params.reference ?? 'mean';
  const reference = ref === 'mean' ? mean(scores) : ref === 'median' ? median(scores) : ref;
  if (!(reference > 0)) throw new Error(`performance groups need a positive reference, got ${reference}`);
  const relative = scores.map((v) => (v / reference) * 100);
  return { groups: relative.map((v) => classOf(v, thresholds)), relative, reference };
}

/** Parameters of {@link tiersByThresholds}. */
export interface TierThresholdParams {
  /** Score cut-offs, strictly decreasing (default [80, 60]: >= 80 一类, 60-80 二类, < 60 三类). */
  readonly thresholds?: readonly number[];
  /** Round the scores to this many decimals first (as published), so 79.996 at 2 dp is 80.00 and 一类. */
  readonly decimals?: number;
}

/** Default tier cut-offs (Hebei's class A >= 80). */
export const TIER_THRESHOLDS: readonly number[] = [80, 60];

/** Tier per unit: 1 when score >= thresholds[0], 2 when thresholds[1] <= score < thresholds[0], …, NaN if missing. */
export function tiersByThresholds(scores: Float64Array, params: TierThresholdParams = {}): Float64Array {
  const thresholds = params.thresholds ?? TIER_THRESHOLDS;
  checkDecreasing(thresholds, 'tiers');
  const d = params.decimals;
  return scores.map((v) => classOf(d === undefined ? v : roundTo(v, d), thresholds));
}

/**
 * Tiers matched to a given distribution, e.g. counts [10, 15, 78]: units are ranked (ties at the lowest rank, with
 * the rank parameters) and a unit of rank r goes to the first tier k whose cumulative count C_k = counts[0] + … +
 * counts[k] is >= r; ranks beyond C_(K-1) go to the last tier, so the last count only documents the intent. Tied
 * units share a rank and therefore a tier: a tie across a cut-off stays in the upper tier, which grows (10 + 1), and
 * the next tier keeps its cumulative cut-off (ranks 12-25, 14 units).
 */
export function tiersByDistribution(
  scores: Float64Array,
  counts: readonly number[],
  params: RankParams = {},
): Float64Array {
  if (counts.length === 0 || counts.some((c) => !(Number.isInteger(c) && c >= 0)))
    throw new Error(`tiers by distribution: counts must be non-negative integers (${counts.join(', ')})`);
  const cumulative: number[] = [];
  let sum = 0;
  for (const c of counts) cumulative.push((sum += c));
  const ranks = rankColumn(scores, params);
  return ranks.map((r) => {
    if (Number.isNaN(r)) return Number.NaN;
    let k = 0;
    while (k < counts.length - 1 && r > (cumulative[k] as number)) k++;
    return k + 1;
  });
}

/**
 * Ranks within peer groups (county type, league …): each group is ranked on its own with {@link rankColumn}
 * (ties at the lowest rank, optional rounding and order). `groups[i]` is unit i's group label.
 */
export function rankWithinGroups(
  scores: Float64Array,
  groups: readonly string[],
  params: RankParams = {},
): Float64Array {
  if (groups.length !== scores.length) throw new Error('rankWithinGroups: one group label per unit is required');
  const members = new Map<string, number[]>();
  groups.forEach((g, i) => {
    const list = members.get(g);
    if (list) list.push(i);
    else members.set(g, [i]);
  });
  const out = new Float64Array(scores.length);
  for (const idx of members.values()) {
    const ranks = rankColumn(
      Float64Array.from(idx, (i) => scores[i] as number),
      params,
    );
    idx.forEach((i, k) => (out[i] = ranks[k] as number));
  }
  return out;
}

/** Counts of units per class 1..k (missing classes not counted). */
export function classCounts(classes: Float64Array, k: number): number[] {
  const out = new Array<number>(k).fill(0);
  for (const c of classes) if (!Number.isNaN(c)) out[c - 1] = (out[c - 1] as number) + 1;
  return out;
}

const CN_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** Default class labels: the EIS names for the 4 EIS groups, 一类 … for tiers, else "Group k". */
export function defaultClassLabels(method: 'performanceGroups' | 'tiers', k: number): string[] {
  if (method === 'performanceGroups' && k === 4)
    return [
      '创新领先 Innovation Leaders',
      '创新强劲 Strong Innovators',
      '创新中等 Moderate Innovators',
      '创新追赶 Emerging Innovators',
    ];
  return Array.from({ length: k }, (_, i) =>
    method === 'tiers' && i < CN_NUMERALS.length ? `${CN_NUMERALS[i] as string}类` : `Group ${i + 1}`,
  );
}
