/** Index runs and results (测算与结果): runs, county results, the county diagnosis, public published results. */
import { z } from 'zod';
import { ZPageQuery, zPage } from '../common.ts';
import { ZFramework, ZPeriod } from './frameworks.ts';

export const RUN_MODES = ['monitoring', 'ranking'] as const;
export const RUN_STATUSES = ['queued', 'running', 'done', 'failed'] as const;

export const ZCreateRunRequest = z.strictObject({
  period: ZPeriod,
  mode: z.enum(RUN_MODES),
  title: z.string().trim().max(200).optional(),
  /** Defaults to the active framework. */
  frameworkId: z.number().int().positive().optional(),
  weights: z.enum(['framework', 'equal', 'entropy']).default('framework'),
  aggregation: z.enum(['arithmetic', 'geometric']).default('arithmetic'),
  /** Monte Carlo replications for rank intervals (0 = none). */
  replications: z.number().int().min(0).max(2000).default(500),
  /** Use values not yet approved and live provisional values (result marked provisional, cannot be published). */
  includeUnapproved: z.boolean().default(false),
});

export const ZRunSummary = z.object({
  id: z.number().int(),
  frameworkId: z.number().int(),
  frameworkCode: z.string(),
  frameworkVersion: z.number().int(),
  period: z.number().int(),
  mode: z.enum(RUN_MODES),
  title: z.string(),
  status: z.enum(RUN_STATUSES),
  progress: z.number().int(),
  error: z.string().nullable(),
  provisional: z.boolean(),
  isDemo: z.boolean(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
});
export type RunSummary = z.infer<typeof ZRunSummary>;

export const TIERS = [1, 2, 3, 4, 5, 6] as const;

/**
 * Where a county's submission for the run's year stands: approved (审核通过), in_review (已报送，盟市或自治区审核中),
 * returned (退回), not_submitted (未报送: no form or a draft).
 */
export const COVERAGE_STATUSES = ['approved', 'in_review', 'returned', 'not_submitted'] as const;
/** Why a county has no (approved) score: the submission status, or no_data (approved, yet nothing to score). */
export const MISSING_REASONS = ['not_submitted', 'in_review', 'returned', 'no_data'] as const;
export type MissingReason = (typeof MISSING_REASONS)[number];
/** Names of the missing reasons (UI, exports, reports). */
export const MISSING_REASON_NAMES: Record<MissingReason, { zh: string; en: string }> = {
  not_submitted: { zh: '未报送', en: 'not submitted' },
  in_review: { zh: '审核中', en: 'in review' },
  returned: { zh: '退回', en: 'returned' },
  no_data: { zh: '无数据', en: 'no data' },
};

const ZCoverageCounts = z.object({
  total: z.number().int(),
  approved: z.number().int(),
  inReview: z.number().int(),
  returned: z.number().int(),
  notSubmitted: z.number().int(),
});

/**
 * Coverage of a run's year (数据覆盖): submissions of the 103 counties by status, overall and by league, and every
 * county that is not approved or has no score. Stored with the publication (as it stood then); live before.
 */
export const ZRunCoverage = ZCoverageCounts.extend({
  period: z.number().int(),
  /** When the coverage was read (the publication time once published). */
  asOf: z.string(),
  /** Counties with a score in the run. */
  scored: z.number().int(),
  /** Every county approved and scored. */
  complete: z.boolean(),
  leagues: z.array(ZCoverageCounts.extend({ code: z.string(), name: z.string() })),
  /** The counties not approved or without a score, with the reason. */
  missing: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      leagueCode: z.string(),
      leagueName: z.string(),
      status: z.enum(COVERAGE_STATUSES),
      reason: z.enum(MISSING_REASONS),
      /** Scored all the same (ranking mode carries earlier years forward). */
      scored: z.boolean(),
    }),
  ),
});
export type RunCoverage = z.infer<typeof ZRunCoverage>;

/** POST /api/monitoring/runs/:id/publish: publishing with counties missing needs this acknowledgement. */
export const ZPublishRunRequest = z.strictObject({ acknowledgeIncomplete: z.boolean().optional() });

/**
 * How a run's ranks compare with the previous published run: ranks are compared only over the counties scored in
 * both periods (`common`); tier changes only when both periods scored the same counties (`tiersComparable`).
 */
export const ZRankComparison = z.object({
  previousRunId: z.number().int(),
  previousPeriod: z.number().int(),
  common: z.number().int(),
  current: z.number().int(),
  previous: z.number().int(),
  tiersComparable: z.boolean(),
});
export type RankComparison = z.infer<typeof ZRankComparison>;

export const ZCountyResult = z.object({
  code: z.string(),
  name: z.string(),
  leagueCode: z.string(),
  leagueName: z.string(),
  /** County functional type (county_attribute), for peer groups. */
  countyType: z.string().nullable(),
  score: z.number().nullable(),
  rank: z.number().int().nullable(),
  /** 5-95 % rank interval and median from the Monte Carlo analysis (null without replications). */
  rankLow: z.number().nullable(),
  rankHigh: z.number().nullable(),
  rankMedian: z.number().nullable(),
  /** 1 = 一类 … */
  tier: z.number().int().nullable(),
  /** Previous published run of the same framework code and mode, one period earlier. */
  previousRank: z.number().int().nullable(),
  previousScore: z.number().nullable(),
  previousTier: z.number().int().nullable(),
  /**
   * Like-for-like change (filled when read): ranks among the counties scored in both periods, places moved (positive
   * = up), score change; null when the county is not scored in both.
   */
  comparableRank: z.number().int().nullable().optional(),
  comparablePreviousRank: z.number().int().nullable().optional(),
  rankChange: z.number().int().nullable().optional(),
  scoreChange: z.number().nullable().optional(),
  /** Why the county has no approved score for the year (null: approved and scored). */
  missingReason: z.enum(MISSING_REASONS).nullable().optional(),
  rankInLeague: z.number().int().nullable(),
  rankInType: z.number().int().nullable(),
  /** Dimension code -> score. */
  dimensions: z.record(z.string(), z.number().nullable()),
  /** Indicator code -> normalised score. */
  indicators: z.record(z.string(), z.number().nullable()),
  /** Indicator code -> raw value as used (after density/denomination). */
  raw: z.record(z.string(), z.number().nullable()),
  /** Indicator codes whose value was imputed or provisional. */
  imputed: z.array(z.string()),
});
export type CountyResult = z.infer<typeof ZCountyResult>;

export const ZRunResult = z.object({
  run: ZRunSummary,
  framework: ZFramework,
  counties: z.array(ZCountyResult),
  /** Effective weights and statistics. */
  statistics: z.object({
    cronbachAlpha: z.record(z.string(), z.number().nullable()),
    /** Indicator code -> Pearson correlation with the index. */
    correlationWithIndex: z.record(z.string(), z.number().nullable()),
    /** Indicator code -> share of the 103 with data. */
    availability: z.record(z.string(), z.number()),
    /** Indicator code -> mean rank shift when removed. */
    removalImpact: z.record(z.string(), z.number()),
    /** Factor -> first-order and total sensitivity indices (when computed). */
    sensitivity: z.array(z.object({ factor: z.string(), first: z.number(), total: z.number() })),
    tierCounts: z.record(z.string(), z.number().int()),
  }),
  /** The engine's parameter log (stages and what each found). */
  log: z.array(z.unknown()),
  /** Comparison with the previous published run (null without one). */
  comparison: ZRankComparison.nullable().optional(),
  /** Coverage of the year: as published, or live for an unpublished run. */
  coverage: ZRunCoverage.optional(),
});
export type RunResult = z.infer<typeof ZRunResult>;

export const ZListRunsQuery = ZPageQuery.extend({
  period: ZPeriod.optional(),
  published: z.enum(['true', 'false']).optional(),
});
export const ZRunPage = zPage(ZRunSummary);

/** Per-county diagnosis (查找差距): GET /api/monitoring/runs/:id/counties/:code. */
export const ZCountyDiagnosis = z.object({
  run: ZRunSummary,
  county: ZCountyResult,
  /** Published scores of the same framework code and mode over the years. */
  trend: z.array(
    z.object({
      period: z.number().int(),
      runId: z.number().int(),
      score: z.number().nullable(),
      rank: z.number().int().nullable(),
      tier: z.number().int().nullable(),
    }),
  ),
  strengths: z.array(
    z.object({
      indicatorCode: z.string(),
      nameZh: z.string(),
      score: z.number(),
      peerMean: z.number(),
      gap: z.number(),
    }),
  ),
  weaknesses: z.array(
    z.object({
      indicatorCode: z.string(),
      nameZh: z.string(),
      score: z.number(),
      peerMean: z.number(),
      gap: z.number(),
    }),
  ),
  peerGroup: z.enum(['type', 'league', 'neighbours', 'all']),
  peers: z.array(
    z.object({ code: z.string(), name: z.string(), score: z.number().nullable(), rank: z.number().nullable() }),
  ),
  targets: z.array(
    z.object({
      indicatorCode: z.string(),
      nameZh: z.string(),
      unit: z.string(),
      year: z.number().int(),
      target: z.number(),
      current: z.number().nullable(),
      /** Share of the target reached (0-1+). */
      reached: z.number().nullable(),
      /** Years to reach the target at the current linear trend (null: no data, 0: reached, Infinity as null + note). */
      yearsToTarget: z.number().nullable(),
      note: z.string(),
    }),
  ),
  improvements: z.array(
    z.object({
      indicatorCode: z.string(),
      nameZh: z.string(),
      /** Raw-value change simulated (e.g. +10 % or to the peer median). */
      step: z.string(),
      scoreGain: z.number(),
      newRank: z.number().int().nullable(),
      rankGain: z.number().int(),
    }),
  ),
});
export type CountyDiagnosis = z.infer<typeof ZCountyDiagnosis>;
export const ZDiagnosisQuery = z.object({ peers: z.enum(['type', 'league', 'neighbours', 'all']).default('type') });

/** Public published results (门户): GET /api/public/monitoring/results[?period=&mode=]. */
export const ZPublishedResultsQuery = z.object({
  /** Default: the latest period with a published run. */
  period: ZPeriod.optional(),
  /** Default: the latest published run of the period, whatever its mode. */
  mode: z.enum(RUN_MODES).optional(),
});
export const ZPublishedResults = z.object({
  run: ZRunSummary.nullable(),
  periods: z.array(z.number().int()),
  counties: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      leagueName: z.string(),
      score: z.number().nullable(),
      rank: z.number().int().nullable(),
      rankLow: z.number().nullable(),
      rankHigh: z.number().nullable(),
      tier: z.number().int().nullable(),
      /** Places moved among the counties scored in both periods (null when not scored in both). */
      rankChange: z.number().int().nullable(),
      scoreChange: z.number().nullable().optional(),
      missingReason: z.enum(MISSING_REASONS).nullable().optional(),
    }),
  ),
  /** Coverage of the year as published. */
  coverage: ZRunCoverage.nullable().optional(),
  comparison: ZRankComparison.nullable().optional(),
});
