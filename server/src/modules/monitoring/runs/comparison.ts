/**
 * Like-for-like comparison with the previous published run (pure). When the set of scored counties changes between
 * two years (81 approved this year, 103 last year), overall ranks move for no reason of the county's own: every
 * county below a missing one "rises". So ranks are compared only over the counties scored in both periods, both
 * years re-ranked within that common set; tier changes are shown only when both years scored the same counties.
 */
import type { CountyResult, MissingReason, RankComparison } from '../../../../../contracts/monitoring.ts';
import { rankColumn, roundTo } from '@qixian/composite-index';
import { RANK_DECIMALS } from './run-engine.ts';

type Scored = Pick<CountyResult, 'code' | 'score' | 'rank' | 'tier'>;

/** Ranks (ties at the lowest rank after rounding) of the scores of `codes`. */
function ranksWithin(codes: readonly string[], score: (code: string) => number): Map<string, number> {
  const ranks = rankColumn(Float64Array.from(codes, score), { decimals: RANK_DECIMALS });
  return new Map(codes.map((c, i) => [c, ranks[i] as number]));
}

const isScored = (c: Scored | undefined): c is Scored & { score: number } => c !== undefined && c.score !== null;

/**
 * The counties of the current run with the previous run's score, rank and tier, and the like-for-like ranks and
 * change; `comparison` is null without a previous run. `reasons` gives each county's missing reason (if any).
 */
export function compareWithPrevious(
  current: readonly CountyResult[],
  previous: { runId: number; period: number; counties: readonly Scored[] } | null,
  reasons: ReadonlyMap<string, MissingReason> = new Map(),
): { counties: CountyResult[]; comparison: RankComparison | null } {
  const before = new Map((previous?.counties ?? []).map((c) => [c.code, c]));
  const nowScored = current.filter(isScored);
  const common = previous ? nowScored.filter((c) => isScored(before.get(c.code))).map((c) => c.code) : [];
  const nowByCode = new Map(nowScored.map((c) => [c.code, c.score]));
  const nowRanks = ranksWithin(common, (code) => nowByCode.get(code) as number);
  const prevRanks = ranksWithin(common, (code) => before.get(code)?.score as number);
  const prevScoredCount = previous ? previous.counties.filter(isScored).length : 0;
  const sameSet = common.length === nowScored.length && common.length === prevScoredCount;
  const counties = current.map((c): CountyResult => {
    const p = before.get(c.code);
    const rank = nowRanks.get(c.code) ?? null;
    const previousRank = prevRanks.get(c.code) ?? null;
    return {
      ...c,
      previousRank: p?.rank ?? null,
      previousScore: p?.score ?? null,
      previousTier: p?.tier ?? null,
      comparableRank: rank,
      comparablePreviousRank: previousRank,
      rankChange: rank === null || previousRank === null ? null : previousRank - rank,
      scoreChange: c.score === null || p?.score == null ? null : roundTo(c.score - p.score, RANK_DECIMALS),
      missingReason: reasons.get(c.code) ?? null,
    };
  });
  const comparison = previous
    ? {
        previousRunId: previous.runId,
        previousPeriod: previous.period,
        common: common.length,
        current: nowScored.length,
        previous: prevScoredCount,
        tiersComparable: sameSet,
      }
    : null;
  return { counties, comparison };
}
