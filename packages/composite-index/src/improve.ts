/**
 * Improvement simulator (提升路径): for one unit, how much its score and rank would gain from improving each
 * indicator by a given step, with everything else as it is. Each option re-runs the whole method, so normalisation
 * bounds, imputation, data-driven weights and the ranks of the other units all respond as they would in reality.
 */
import { rootCode } from './aggregate.ts';
import { type MethodSpec } from './method.ts';
import { type PipelineInput, type PipelineResult, runPipeline } from './pipeline.ts';
import { type RankParams, rankColumn } from './rank.ts';
import { quantile } from './stats.ts';
import { type DataSet, indicatorMetaByCode } from './types.ts';

/** How far to improve each indicator ("better" follows the indicator's direction). */
export type ImprovementStep =
  /** By a fraction of the current value: x (1 + f) for a higher-is-better indicator, x (1 - f) otherwise. */
  | { readonly kind: 'relative'; readonly fraction: number }
  /** By an amount in the raw unit of each listed indicator. */
  | { readonly kind: 'absolute'; readonly amounts: Readonly<Record<string, number>> }
  /** To the peer median (p = 0.5) or another peer quantile on the better side (p = 0.75: the upper quartile). */
  | { readonly kind: 'peer'; readonly p?: number }
  /** To a target value per indicator (on the compared scale, see {@link simulateImprovements}). */
  | { readonly kind: 'target'; readonly targets: Readonly<Record<string, number>> };

/** The outcome of improving one indicator. */
export interface ImprovementOption {
  readonly indicator: string;
  /** Raw value before and after. */
  readonly from: number;
  readonly to: number;
  readonly score: number;
  readonly rank: number;
  readonly scoreGain: number;
  /** Positions gained (old rank - new rank). */
  readonly rankGain: number;
  /** Why the indicator was not simulated (already at or past the step's goal, no value, …). */
  readonly skipped?: 'alreadyBetter' | 'noValue' | 'noStep';
}

/** Outcome of {@link simulateImprovements}. */
export interface ImprovementResult {
  readonly unit: string;
  readonly target: string;
  readonly baseline: { readonly score: number; readonly rank: number };
  /** The unit ranked just above (the next rank to reach) and the score gap to it. */
  readonly nextUp?: { readonly unit: string; readonly rank: number; readonly score: number; readonly scoreGap: number };
  /** Simulated options by score gain (then rank gain), largest first; skipped ones last. */
  readonly options: readonly ImprovementOption[];
}

/** Options of {@link simulateImprovements}. */
export interface SimulateOptions {
  readonly unit: string;
  readonly step: ImprovementStep;
  /** Aggregate whose score and rank are followed (default: the root). */
  readonly target?: string;
  /** Peer units for `peer` steps (default: every unit). */
  readonly peers?: readonly string[];
  /** Indicators to try (default: all). */
  readonly indicators?: readonly string[];
  /** Ranking (default: the method's last rank stage). */
  readonly rank?: RankParams;
  /**
   * Indicators counted in whole units (people, firms, projects): their improved raw value is rounded to the next whole
   * number on the better side, so the simulator never proposes 27.5 people.
   */
  readonly wholeNumbers?: readonly string[];
}

function scoresOf(r: PipelineResult, target: string): Float64Array {
  const agg = [...r.log].reverse().find((l) => l.spec.op === 'aggregate');
  const ds = agg ? r.datasets[agg.name] : undefined;
  const j = ds ? ds.indicators.indexOf(target) : -1;
  if (!ds || j < 0) throw new Error(`improve: no ${target} in the output of the last aggregate stage`);
  return ds.columns[j] as Float64Array;
}

function withValue(raw: DataSet, unit: number, indicator: number, value: number): DataSet {
  const columns = raw.columns.map((c, j) => {
    if (j !== indicator) return c;
    const copy = c.slice();
    copy[unit] = value;
    return copy;
  });
  return { ...raw, columns };
}

/**
 * Improves one indicator of `unit` at a time by `step`, re-runs the method and reports the new score and rank of
 * `target`. Peer and target steps compare values on the scale the method ranks them after its `denominate` stage
 * (per capita, per GDP …) when it has one, else the raw scale, and scale the raw value in proportion (a unit with a
 * zero or missing raw value gets the goal times its denominator). Options are sorted by score gain.
 */
export function simulateImprovements(
  method: MethodSpec,
  input: PipelineInput,
  opts: SimulateOptions,
): ImprovementResult {
  const target = opts.target ?? rootCode(input.framework);
  const self = input.raw.units.indexOf(opts.unit);
  if (self < 0) throw new Error(`improve: unit ${opts.unit} is not in the data set`);
  const lastRank = [...method.stages].reverse().find((s) => s.op === 'rank');
  const rankParams =
    opts.rank ?? (lastRank?.op === 'rank' ? { decimals: lastRank.decimals, order: lastRank.order } : {});
  const base = runPipeline(method, input);
  const baseScores = scoresOf(base, target);
  const baseRanks = rankColumn(baseScores, rankParams);
  const baseline = { score: baseScores[self] as number, rank: baseRanks[self] as number };

  let nextUp: ImprovementResult['nextUp'];
  baseRanks.forEach((r, i) => {
    if (r < baseline.rank && (nextUp === undefined || r > nextUp.rank)) {
      const score = baseScores[i] as number;
      nextUp = { unit: input.raw.units[i] as string, rank: r, score, scoreGap: score - baseline.score };
    }
  });

  const denominateStage = method.stages.find((s) => s.op === 'denominate');
  const denominateName = base.log.find((l) => l.spec.op === 'denominate')?.name;
  const compared = denominateName === undefined ? input.raw : (base.datasets[denominateName] ?? input.raw);
  const scale = denominateStage?.op === 'denominate' ? (denominateStage.scale ?? 1) : 1;
  const meta = indicatorMetaByCode(input.framework);
  const peerSet = new Set(opts.peers ?? input.raw.units);
  const peerRows = input.raw.units.flatMap((u, i) => (peerSet.has(u) ? [i] : []));
  const codes = opts.indicators ?? input.framework.indicators.map((m) => m.code);
  const whole = new Set(opts.wholeNumbers ?? []);

  const options = codes.map((code): ImprovementOption => {
    const m = meta.get(code);
    if (!m) throw new Error(`improve: ${code} is not an indicator of the framework`);
    const j = input.raw.indicators.indexOf(code);
    if (j < 0) throw new Error(`improve: ${code} is not in the raw data`);
    const dir = m.direction;
    const from = (input.raw.columns[j] as Float64Array)[self] as number;
    const cj = compared.indicators.indexOf(code);
    const current = cj < 0 ? from : ((compared.columns[cj] as Float64Array)[self] as number);
    const skip = (why: ImprovementOption['skipped']): ImprovementOption => ({
      indicator: code,
      from,
      to: from,
      score: baseline.score,
      rank: baseline.rank,
      scoreGain: 0,
      rankGain: 0,
      skipped: why,
    });
    /** Raw value that puts the compared value at `goal`. */
    const rawFor = (goal: number): number => {
      if (from !== 0 && !Number.isNaN(from) && current !== 0 && !Number.isNaN(current)) return (from * goal) / current;
      const den = m.denominator === undefined ? undefined : input.denominators?.indicators.indexOf(m.denominator);
      if (denominateName === undefined || den === undefined || den < 0) return goal;
      return (goal * ((input.denominators?.columns[den] as Float64Array)[self] as number)) / scale;
    };
    let to: number;
    const step = opts.step;
    switch (step.kind) {
      case 'relative':
        if (Number.isNaN(from)) return skip('noValue');
        to = from * (1 + dir * step.fraction);
        break;
      case 'absolute': {
        const a = step.amounts[code];
        if (a === undefined) return skip('noStep');
        if (Number.isNaN(from)) return skip('noValue');
        to = from + dir * a;
        break;
      }
      case 'peer':
      case 'target': {
        let goal: number;
        if (step.kind === 'target') {
          const t = step.targets[code];
          if (t === undefined) return skip('noStep');
          goal = t;
        } else {
          const col = cj < 0 ? (input.raw.columns[j] as Float64Array) : (compared.columns[cj] as Float64Array);
          const p = step.p ?? 0.5;
          goal = quantile(
            Float64Array.from(peerRows, (i) => col[i] as number),
            dir === 1 ? p : 1 - p,
          );
          if (Number.isNaN(goal)) return skip('noValue');
        }
        if (!Number.isNaN(current) && dir * (goal - current) <= 0) return skip('alreadyBetter');
        to = rawFor(goal);
        break;
      }
      default: {
        const never: never = step;
        throw new Error(`unknown step ${JSON.stringify(never)}`);
      }
    }
    if (whole.has(code) && Number.isFinite(to)) to = dir === 1 ? Math.ceil(to - 1e-9) : Math.floor(to + 1e-9);
    if (to === from) return skip('noStep');
    const scores = scoresOf(runPipeline(method, { ...input, raw: withValue(input.raw, self, j, to) }), target);
    const ranks = rankColumn(scores, rankParams);
    const score = scores[self] as number;
    const rank = ranks[self] as number;
    return {
      indicator: code,
      from,
      to,
      score,
      rank,
      scoreGain: score - baseline.score,
      rankGain: baseline.rank - rank,
    };
  });
  const key = (o: ImprovementOption): number => (o.skipped === undefined && !Number.isNaN(o.scoreGain) ? 0 : 1);
  options.sort((a, b) => key(a) - key(b) || b.scoreGain - a.scoreGain || b.rankGain - a.rankGain);
  return { unit: opts.unit, target, baseline, nextUp, options };
}
