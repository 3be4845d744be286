/**
 * Runs a prepared index run (run-engine.ts) and turns the engine's data sets into the per-county results: score,
 * rank, tier, ranks within the league and the county type, dimension and indicator scores, the Monte Carlo rank
 * interval, and the run statistics (Cronbach's alpha, correlation with the index, availability, removal impact,
 * sensitivity indices). Pure apart from the progress callback.
 */
import type { CountyResult, Framework, RunResult } from '../../../../../contracts/monitoring.ts';
import {
  type PipelineResult,
  dimensionStatistics,
  indicatorRemovalImpact,
  pearson,
  rankColumn,
  rankWithinGroups,
  roundTo,
  runPipeline,
  runUncertainty,
  tiersByDistribution,
  tiersByThresholds,
} from '@qixian/composite-index';
import { type PreparedRun, RANK_DECIMALS, type RunData, pipelineInput } from './run-engine.ts';

type TierRule = Framework['settings']['tiers'];
type Statistics = RunResult['statistics'];

/** The outcome of a run before the previous run's ranks are looked up. */
export interface ComputedRun {
  readonly counties: CountyResult[];
  readonly statistics: Statistics;
  readonly log: unknown[];
}

/**
 * Saltelli base runs N of the sensitivity design: replications / 4 (10-250), so the N (d + 2) pipeline runs of its
 * d = 3 factors cost about 1.25 x the replications of the rank intervals.
 */
export function sensitivityBaseRuns(replications: number): number {
  return Math.min(250, Math.max(10, Math.ceil(replications / 4)));
}

const finite = (v: number | undefined): number | null => (v === undefined || !Number.isFinite(v) ? null : v);
const round = (v: number | undefined, d = RANK_DECIMALS): number | null => {
  const f = finite(v);
  return f === null ? null : roundTo(f, d);
};

/**
 * Tier of each county (1 = 一类 …) with the engine's classifiers: thresholds [80, 60] give >= 80 tier 1, >= 60 tier
 * 2, else tier 3 (scores rounded to 2 decimals first); counts [10, 15, 78] give ranks 1-10 tier 1, 11-25 tier 2, the
 * rest tier 3 (ties share the better tier). A county without a score has no tier.
 */
export function assignTiers(scores: readonly (number | null)[], rule: TierRule): (number | null)[] {
  const col = Float64Array.from(scores, (s) => s ?? Number.NaN);
  const tiers =
    rule.kind === 'thresholds'
      ? tiersByThresholds(col, {
          thresholds: [...new Set(rule.thresholds)].sort((a, b) => b - a),
          decimals: RANK_DECIMALS,
        })
      : tiersByDistribution(col, rule.counts, { decimals: RANK_DECIMALS });
  return Array.from(tiers, (t) => finite(t));
}

/** Rank of each county within its group (league, county type …), ties at the lowest rank after rounding; none without a group. */
export function peerRanks(scores: readonly (number | null)[], groups: readonly (string | null)[]): (number | null)[] {
  const ranks = rankWithinGroups(
    Float64Array.from(scores, (s) => s ?? Number.NaN),
    groups.map((g) => g ?? ''),
    { decimals: RANK_DECIMALS },
  );
  return Array.from(ranks, (r, i) => (groups[i] === null ? null : finite(r)));
}

function column(result: PipelineResult, set: string, code: string): Float64Array | undefined {
  const ds = result.datasets[set];
  const j = ds ? ds.indicators.indexOf(code) : -1;
  return j < 0 || !ds ? undefined : ds.columns[j];
}

/**
 * Runs the method, the statistics, the indicator removal and (with replications) the Monte Carlo rank intervals and
 * the Saltelli sensitivity indices; `onProgress` is awaited between the phases with a percentage.
 */
export async function computeRun(
  framework: Framework,
  data: RunData,
  prepared: PreparedRun,
  onProgress: (pct: number) => Promise<void> | void = () => undefined,
): Promise<ComputedRun> {
  const input = pipelineInput(prepared, data);
  const result = runPipeline(prepared.method, input);
  await onProgress(20);
  const units = input.raw.units;
  const n = units.length;
  const aggregated = result.datasets.Aggregated;
  if (!aggregated) throw new Error('the method has no Aggregated data set');
  const indexCol = column(result, 'Aggregated', prepared.root) as Float64Array;
  const scores = Array.from(indexCol, (v) => round(v));
  const ranks = Array.from(rankColumn(indexCol, { decimals: RANK_DECIMALS }), (v) => finite(v));
  const tiers = assignTiers(scores, framework.settings.tiers);
  const leagueRanks = peerRanks(
    scores,
    data.counties.map((c) => c.leagueCode),
  );
  const typeRanks = peerRanks(
    scores,
    data.counties.map((c) => c.countyType),
  );
  const dimensionCodes = prepared.framework.aggregates.map((a) => a.code).filter((c) => c !== prepared.root);
  const usedSet = result.datasets.Denominated ? 'Denominated' : result.datasets.Imputed ? 'Imputed' : 'Raw';
  const imputedFlags = result.flags.Imputed;
  const provisional = data.provisional;

  // statistics
  const stats = dimensionStatistics(aggregated, prepared.framework);
  const cronbachAlpha = Object.fromEntries(stats.map((s) => [s.code, round(s.alpha, 4)]));
  const correlationWithIndex = Object.fromEntries(
    prepared.indicators.map((c) => [c, round(pearson(column(result, 'Aggregated', c) as Float64Array, indexCol), 4)]),
  );
  const availability = Object.fromEntries(
    prepared.indicators.map((c) => {
      const col = column(result, 'Raw', c) as Float64Array;
      let present = 0;
      for (const v of col) if (!Number.isNaN(v)) present++;
      return [c, n === 0 ? 0 : roundTo(present / n, 4)];
    }),
  );
  const removal = indicatorRemovalImpact(prepared.method, input, {
    target: prepared.root,
    rank: { decimals: RANK_DECIMALS },
  });
  const removalImpact: Record<string, number> = {};
  for (const r of removal.impacts)
    if (Number.isFinite(r.meanAbsoluteShift)) removalImpact[r.indicator] = roundTo(r.meanAbsoluteShift, 3);
  await onProgress(40);

  const log: unknown[] = [
    {
      name: 'Prepare',
      mode: prepared.mode,
      options: prepared.options,
      indicators: prepared.indicators,
      standardValues: prepared.standardValues,
      notes: prepared.notes,
    },
    ...result.log,
    {
      name: 'Removal',
      impacts: removal.impacts.map((r) => ({
        indicator: r.indicator,
        meanAbsoluteShift: finite(r.meanAbsoluteShift),
        maxAbsoluteShift: finite(r.maxAbsoluteShift),
        error: r.error ?? null,
      })),
    },
  ];

  let interval: { low: (number | null)[]; high: (number | null)[]; median: (number | null)[] } | null = null;
  const sensitivity: Statistics['sensitivity'] = [];
  if (prepared.uncertainty) {
    const u = runUncertainty(prepared.method, input, prepared.uncertainty);
    interval = {
      low: u.units.map((s) => round(s.rankQ5, 1)),
      high: u.units.map((s) => round(s.rankQ95, 1)),
      median: u.units.map((s) => round(s.medianRank, 1)),
    };
    log.push({
      name: 'Uncertainty',
      design: u.design,
      runs: u.runs,
      failedRuns: u.failedRuns,
      factors: u.factors,
      spec: prepared.uncertainty,
    });
    await onProgress(75);
    const base = sensitivityBaseRuns(prepared.uncertainty.runs);
    const s = runUncertainty(prepared.method, input, { ...prepared.uncertainty, design: 'sensitivity', runs: base });
    for (const ix of s.sensitivity?.indices ?? []) {
      const first = finite(ix.si);
      const total = finite(ix.sti);
      if (first !== null && total !== null)
        sensitivity.push({ factor: ix.factor, first: roundTo(first, 4), total: roundTo(total, 4) });
    }
    log.push({
      name: 'Sensitivity',
      design: s.design,
      baseRuns: base,
      runs: s.runs,
      failedRuns: s.failedRuns,
      variance: finite(s.sensitivity?.variance),
      indices: sensitivity,
    });
    await onProgress(95);
  }

  const counties: CountyResult[] = data.counties.map((c, i) => {
    const dimensions = Object.fromEntries(
      dimensionCodes.map((code) => [code, round(column(result, 'Aggregated', code)?.[i])]),
    );
    const indicators = Object.fromEntries(
      prepared.indicators.map((code) => [code, round(column(result, 'Aggregated', code)?.[i])]),
    );
    const raw = Object.fromEntries(
      prepared.indicators.map((code) => [code, round(column(result, usedSet, code)?.[i], 6)]),
    );
    const imputed = new Set(provisional[c.code] ?? []);
    if (imputedFlags)
      prepared.indicators.forEach((code, j) => {
        if (imputedFlags[j]?.[i] === 1) imputed.add(code);
      });
    return {
      code: c.code,
      name: c.name,
      leagueCode: c.leagueCode,
      leagueName: c.leagueName,
      countyType: c.countyType,
      score: scores[i] ?? null,
      rank: ranks[i] ?? null,
      rankLow: interval?.low[i] ?? null,
      rankHigh: interval?.high[i] ?? null,
      rankMedian: interval?.median[i] ?? null,
      tier: tiers[i] ?? null,
      previousRank: null,
      previousScore: null,
      previousTier: null,
      rankInLeague: leagueRanks[i] ?? null,
      rankInType: typeRanks[i] ?? null,
      dimensions,
      indicators,
      raw,
      imputed: prepared.indicators.filter((code) => imputed.has(code)),
    };
  });
  const tierCounts: Record<string, number> = {};
  for (const t of tiers) if (t !== null) tierCounts[String(t)] = (tierCounts[String(t)] ?? 0) + 1;
  return {
    counties,
    statistics: { cronbachAlpha, correlationWithIndex, availability, removalImpact, sensitivity, tierCounts },
    log,
  };
}
