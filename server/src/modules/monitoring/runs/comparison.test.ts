/** Like-for-like rank comparison (pure): a shrinking set of scored counties lifts nobody. */
import { describe, expect, it } from 'vitest';
import type { CountyResult } from '../../../../../contracts/monitoring.ts';
import { compareWithPrevious } from './comparison.ts';

function county(code: string, score: number | null, rank: number | null): CountyResult {
  return {
    code,
    name: code,
    leagueCode: '150100',
    leagueName: '呼和浩特市',
    countyType: null,
    score,
    rank,
    rankLow: null,
    rankHigh: null,
    rankMedian: null,
    tier: score === null ? null : score >= 60 ? 1 : 2,
    previousRank: null,
    previousScore: null,
    previousTier: null,
    rankInLeague: null,
    rankInType: null,
    dimensions: {},
    indicators: {},
    raw: {},
    imputed: [],
  };
}

const previous = {
  runId: 1,
  period: 2024,
  counties: [
    { code: 'A', score: 90, rank: 1, tier: 1 },
    { code: 'B', score: 80, rank: 2, tier: 1 },
    { code: 'C', score: 70, rank: 3, tier: 1 },
    { code: 'D', score: 60, rank: 4, tier: 1 },
    { code: 'E', score: 50, rank: 5, tier: 2 },
  ],
};

describe('compareWithPrevious', () => {
  it('re-ranks both years over the counties scored in both, so a missing county lifts nobody', () => {
    // B and C are not approved this year; the others keep their order and gain a point each
    const now = [
      county('A', 91, 1),
      county('B', null, null),
      county('C', null, null),
      county('D', 61, 2),
      county('E', 62, 3),
    ];
    const { counties, comparison } = compareWithPrevious(now, previous, new Map([['B', 'in_review' as const]]));
    expect(comparison).toEqual({
      previousRunId: 1,
      previousPeriod: 2024,
      common: 3,
      current: 3,
      previous: 5,
      tiersComparable: false,
    });
    const byCode = Object.fromEntries(counties.map((c) => [c.code, c]));
    // overall ranks would say D ↑2 and E ↑2; among A, D, E: A stays, E passes D
    expect(byCode.A).toMatchObject({ comparableRank: 1, comparablePreviousRank: 1, rankChange: 0, scoreChange: 1 });
    expect(byCode.D).toMatchObject({ comparableRank: 3, comparablePreviousRank: 2, rankChange: -1, previousRank: 4 });
    expect(byCode.E).toMatchObject({ comparableRank: 2, comparablePreviousRank: 3, rankChange: 1, previousScore: 50 });
    expect(byCode.B).toMatchObject({ rankChange: null, previousScore: 80, missingReason: 'in_review' });
    expect(byCode.C?.missingReason).toBeNull();
  });

  it('calls tiers comparable only when both years scored the same counties, and has no comparison without a previous run', () => {
    const now = previous.counties.map((c) => county(c.code, c.score + 1, c.rank));
    expect(compareWithPrevious(now, previous).comparison?.tiersComparable).toBe(true);
    const none = compareWithPrevious(now, null);
    expect(none.comparison).toBeNull();
    expect(none.counties.every((c) => c.rankChange === null && c.previousScore === null)).toBe(true);
  });
});
