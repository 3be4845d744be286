/**
 * Uncertainty and sensitivity analysis of a method (COINr `get_sensitivity`; OECD/JRC Handbook 2008, step 7; Saisana,
 * Saltelli & Tarantola 2005, "Uncertainty and sensitivity analysis techniques as tools for the quality assessment of
 * composite indicators", JRSS A 168): the method is re-run many times with its uncertain choices drawn at random —
 * noise on weights, alternative stages (imputation, normalisation, aggregation …) — and the spread of each unit's
 * rank is reported, with variance-based sensitivity indices of each uncertain input.
 */
import { z } from 'zod';
import { resolveTree, rootCode } from './aggregate.ts';
import { DEFAULT_STAGE_NAMES, type MethodSpec, type StageSpec, ZStage } from './method.ts';
import {
  type PipelineInput,
  type PipelineState,
  type RunOptions,
  applyStage,
  initialState,
  runPipeline,
} from './pipeline.ts';
import { createRng } from './prng.ts';
import { rankColumn, type RankParams } from './rank.ts';
import { discreteChoice, type SensitivityIndex, saltelliEstimate, saltelliSample } from './saltelli.ts';
import { finiteValues, quantileSorted } from './stats.ts';
import { type DataSet } from './types.ts';

const ZFactor = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('weights'),
    name: z.string().min(1).optional(),
    /**
     * Noise per level of the weighted nodes, as a fraction: "0" = indicator weights, "1" = the weights of the level-1
     * aggregates … (COINr's Level is this plus 1). Each weight w becomes w (1 + u), u uniform in [-f, f].
     */
    noise: z.record(z.string().regex(/^[0-9]+$/), z.number().min(0).max(1)),
    /** Number of noisy weight sets drawn up front; the factor picks one (COINr get_noisy_weights Nrep). Default 100. */
    replicates: z.number().int().min(1).optional(),
  }),
  z.strictObject({
    kind: z.literal('stage'),
    name: z.string().min(1).optional(),
    /** Output name of the stage of the method to vary ('Imputed', 'Normalised', 'Aggregated' …). */
    stage: z.string().min(1),
    /**
     * The alternatives, equally likely (e.g. equal / entropy / PCA for a weight stage); null skips the stage (its
     * output is its input; a skipped weight stage leaves its base weight set).
     */
    alternatives: z.array(z.union([ZStage, z.null()])).min(1),
  }),
]);

/** The uncertainty/sensitivity specification (JSON; documented in docs/INDEX-METHOD.md). */
export const ZUncertaintySpec = z.strictObject({
  /** `uncertainty`: N random runs. `sensitivity`: the N(d + 2) Saltelli design, with sensitivity indices. */
  design: z.enum(['uncertainty', 'sensitivity']).optional(),
  /** N. */
  runs: z.number().int().min(2),
  seed: z.number().int().optional(),
  /** Aggregate whose scores and ranks are analysed (default: the root). */
  target: z.string().min(1).optional(),
  /** Ranking of the target (default: the method's last rank stage, else descending without rounding). */
  rank: z
    .strictObject({
      decimals: z.number().int().min(0).max(15).optional(),
      order: z.enum(['descending', 'ascending']).optional(),
    })
    .optional(),
  /** Bootstrap resamples for percentile intervals of the sensitivity indices (COINr Nboot). Default 0. */
  bootstrap: z.number().int().min(0).optional(),
  /** Also estimate the sensitivity indices of every unit's rank. */
  perUnit: z.boolean().optional(),
  factors: z.array(ZFactor).min(1),
});

export type UncertaintySpec = z.infer<typeof ZUncertaintySpec>;
export type UncertaintyFactor = z.infer<typeof ZFactor>;

/** Validates a parsed uncertainty specification. */
export function parseUncertaintySpec(json: unknown): UncertaintySpec {
  return ZUncertaintySpec.parse(json);
}

/** Rank (and score) distribution of one unit over the runs. */
export interface UnitRankStats {
  readonly unit: string;
  readonly nominalScore: number;
  readonly nominalRank: number;
  readonly meanRank: number;
  readonly medianRank: number;
  /** 5th and 95th percentiles (R quantile type 7, as COINr). */
  readonly rankQ5: number;
  readonly rankQ95: number;
  readonly medianScore: number;
  readonly scoreQ5: number;
  readonly scoreQ95: number;
}

/** Outcome of {@link runUncertainty}. */
export interface UncertaintyResult {
  readonly design: 'uncertainty' | 'sensitivity';
  readonly target: string;
  readonly factors: readonly string[];
  /** Total runs: N, or N(d + 2) for the sensitivity design. */
  readonly runs: number;
  /** Runs that threw (their scores are missing, as COINr does). */
  readonly failedRuns: number;
  /** Rank statistics per unit (over all runs, or the 2N random runs A and B of the sensitivity design, as COINr). */
  readonly units: readonly UnitRankStats[];
  /**
   * Sensitivity indices of each factor for the mean absolute rank shift against the nominal ranks (COINr's target),
   * with the variance of that output.
   */
  readonly sensitivity?: {
    readonly variance: number;
    readonly indices: readonly ({ factor: string } & SensitivityIndex)[];
  };
  /** Per-unit indices of the unit's rank (only with `perUnit`); NaN when the unit's rank never changes. */
  readonly perUnit?: readonly { readonly unit: string; readonly si: number[]; readonly sti: number[] }[];
  /** Scores and ranks of the target per run (run-major), and the alternative chosen per run and factor. */
  readonly scores: readonly Float64Array[];
  readonly ranks: readonly Float64Array[];
  readonly choices: readonly Int32Array[];
}

function stageName(s: StageSpec): string {
  return s.name ?? DEFAULT_STAGE_NAMES[s.op];
}

/** Noisy weight multipliers per replicate: code -> 1 + u, u uniform in [-f, f] for the codes at each noisy level. */
function noisyWeightFactors(
  input: PipelineInput,
  factor: Extract<UncertaintyFactor, { kind: 'weights' }>,
  seed: number,
): Record<string, number>[] {
  const levelOf = new Map<string, number>(input.framework.indicators.map((m) => [m.code, 0]));
  for (const n of resolveTree(input.framework)) levelOf.set(n.code, n.level);
  const root = rootCode(input.framework);
  const rng = createRng(seed);
  const codes = [...levelOf.keys()].filter((c) => c !== root);
  return Array.from({ length: factor.replicates ?? 100 }, () => {
    const out: Record<string, number> = {};
    for (const c of codes) {
      const f = factor.noise[String(levelOf.get(c))];
      if (f !== undefined && f > 0) out[c] = 1 + (rng() * 2 - 1) * f;
    }
    return out;
  });
}

/**
 * Runs the uncertainty or sensitivity analysis. Stages before the first aggregate are cached by the alternatives
 * chosen so far, so a run only recomputes what its draws change; the method's rank stages are skipped in the runs
 * (the target is ranked once per run with the rank parameters). Uniform draws map to discrete alternatives by
 * {@link discreteChoice} (equal sub-intervals of [0, 1); COINr uses R's cut over the sample's range, the same for
 * uniform samples up to the ends). Deterministic for a given seed (default 1).
 */
export function runUncertainty(method: MethodSpec, input: PipelineInput, spec: UncertaintySpec): UncertaintyResult {
  const design = spec.design ?? 'uncertainty';
  const seed = spec.seed ?? 1;
  const n = spec.runs;
  const d = spec.factors.length;
  if (design === 'sensitivity' && d < 2) throw new Error('sensitivity analysis needs at least two factors');
  const target = spec.target ?? rootCode(input.framework);
  const stageIndex = new Map(method.stages.map((s, k) => [stageName(s), k]));
  const names = spec.factors.map((f) => f.name ?? (f.kind === 'weights' ? 'weights' : f.stage));
  if (new Set(names).size !== names.length) throw new Error('uncertainty: factor names must be unique');
  const weightSets = spec.factors.map((f, k) =>
    f.kind === 'weights' ? noisyWeightFactors(input, f, seed + 1 + k) : [],
  );
  const stageFactor = new Map<number, number>(); // stage index -> factor index
  spec.factors.forEach((f, k) => {
    if (f.kind !== 'stage') return;
    const at = stageIndex.get(f.stage);
    if (at === undefined) throw new Error(`uncertainty: the method has no stage named ${f.stage}`);
    if (stageFactor.has(at)) throw new Error(`uncertainty: stage ${f.stage} is varied twice`);
    stageFactor.set(at, k);
  });
  const lastAggregate = [...method.stages].reverse().find((s) => s.op === 'aggregate');
  if (!lastAggregate) throw new Error('uncertainty: the method has no aggregate stage');
  const scoreSet = stageName(lastAggregate);
  const firstAggregate = method.stages.findIndex((s) => s.op === 'aggregate');
  const lastRank = [...method.stages].reverse().find((s) => s.op === 'rank');
  const rankParams: RankParams =
    spec.rank ?? (lastRank?.op === 'rank' ? { decimals: lastRank.decimals, order: lastRank.order } : {});

  const cache = new Map<string, PipelineState>();
  const runOnce = (choice: Int32Array): Float64Array => {
    const factors: Record<string, number> = {};
    spec.factors.forEach((f, k) => {
      if (f.kind !== 'weights') return;
      const set = weightSets[k]?.[choice[k] as number] ?? {};
      for (const [c, v] of Object.entries(set)) factors[c] = (factors[c] ?? 1) * v;
    });
    const opts: RunOptions = { weightFactors: factors };
    let state = initialState(input);
    let key = '';
    for (let s = 0; s < method.stages.length; s++) {
      const fk = stageFactor.get(s);
      const original = method.stages[s] as StageSpec;
      if (original.op === 'rank' || original.op === 'classify') continue; // the target is ranked once below
      const alt =
        fk === undefined
          ? original
          : (spec.factors[fk] as Extract<UncertaintyFactor, { kind: 'stage' }>).alternatives[choice[fk] as number];
      key += `|${fk === undefined ? '' : String(choice[fk])}`;
      const cacheable = s < firstAggregate;
      const hit = cacheable ? cache.get(key) : undefined;
      if (hit) {
        state = hit;
        continue;
      }
      if ((alt === null || alt === undefined) && original.op === 'weight') {
        // a skipped weight stage leaves its base set under its name
        const baseSet = state.weights[original.base ?? 'Original'] ?? {};
        state = { ...state, weights: { ...state.weights, [stageName(original)]: baseSet } };
      } else if (alt === null || alt === undefined) {
        const from = original.input ?? state.previous;
        const data = state.datasets[from];
        if (!data) throw new Error(`stage ${stageName(original)}: no data set named ${from}`);
        state = {
          ...state,
          datasets: { ...state.datasets, [stageName(original)]: data },
          previous: stageName(original),
        };
      } else {
        const named: StageSpec = { ...alt, name: alt.name ?? stageName(original), input: alt.input ?? original.input };
        state = applyStage(state, named, input, opts);
      }
      if (cacheable) cache.set(key, state);
    }
    const ds: DataSet | undefined = state.datasets[scoreSet];
    const j = ds ? ds.indicators.indexOf(target) : -1;
    if (!ds || j < 0) throw new Error(`uncertainty: no ${target} in ${scoreSet}`);
    return ds.columns[j] as Float64Array;
  };

  // the nominal run: the method as written, no weight noise
  const nominalSet = runPipeline(method, input).datasets[scoreSet];
  const nominalAt = nominalSet ? nominalSet.indicators.indexOf(target) : -1;
  if (!nominalSet || nominalAt < 0) throw new Error(`uncertainty: the target ${target} is not in ${scoreSet}`);
  const nominalScores = nominalSet.columns[nominalAt] as Float64Array;
  const nominalRanks = rankColumn(nominalScores, rankParams);

  const rng = createRng(seed);
  const total = design === 'uncertainty' ? n : n * (d + 2);
  const sample =
    design === 'uncertainty' ? Float64Array.from({ length: n * d }, () => rng()) : saltelliSample(n, d, rng);
  const units = input.raw.units;
  const m = units.length;
  const scores: Float64Array[] = [];
  const ranks: Float64Array[] = [];
  const choices: Int32Array[] = [];
  let failedRuns = 0;
  for (let r = 0; r < total; r++) {
    const choice = new Int32Array(d);
    spec.factors.forEach((f, k) => {
      const u = sample[r * d + k] as number;
      const options = f.kind === 'weights' ? (weightSets[k] as unknown[]).length : f.alternatives.length;
      choice[k] = discreteChoice(u, options);
    });
    let s: Float64Array;
    try {
      s = runOnce(choice);
    } catch {
      failedRuns++;
      s = new Float64Array(m).fill(Number.NaN);
    }
    scores.push(s);
    ranks.push(rankColumn(s, rankParams));
    choices.push(choice);
  }

  const statRuns = design === 'uncertainty' ? total : 2 * n;
  const summary = (values: Float64Array): { mean: number; median: number; q5: number; q95: number } => {
    const v = finiteValues(values).sort();
    const mean = v.length === 0 ? Number.NaN : v.reduce((a, b) => a + b, 0) / v.length;
    return { mean, median: quantileSorted(v, 0.5), q5: quantileSorted(v, 0.05), q95: quantileSorted(v, 0.95) };
  };
  const unitStats = units.map((unit, i): UnitRankStats => {
    const rk = summary(Float64Array.from({ length: statRuns }, (_, r) => (ranks[r] as Float64Array)[i] as number));
    const sc = summary(Float64Array.from({ length: statRuns }, (_, r) => (scores[r] as Float64Array)[i] as number));
    return {
      unit,
      nominalScore: nominalScores[i] as number,
      nominalRank: nominalRanks[i] as number,
      meanRank: rk.mean,
      medianRank: rk.median,
      rankQ5: rk.q5,
      rankQ95: rk.q95,
      medianScore: sc.median,
      scoreQ5: sc.q5,
      scoreQ95: sc.q95,
    };
  });
  const base = { design, target, factors: names, runs: total, failedRuns, units: unitStats, scores, ranks, choices };
  if (design === 'uncertainty') return base;

  // COINr's scalar output: the mean absolute rank shift from the nominal ranks in each run
  const shift = Float64Array.from(ranks, (rk) => {
    let sum = 0;
    let cnt = 0;
    for (let i = 0; i < m; i++) {
      const v = Math.abs((rk[i] as number) - (nominalRanks[i] as number));
      if (!Number.isNaN(v)) {
        sum += v;
        cnt++;
      }
    }
    return cnt === 0 ? Number.NaN : sum / cnt;
  });
  const est = saltelliEstimate(shift, n, d, { bootstrap: spec.bootstrap, rng: createRng(seed + 1000) });
  const sensitivity = {
    variance: est.variance,
    indices: est.indices.map((ix, k) => ({ factor: names[k] as string, ...ix })),
  };
  if (!spec.perUnit) return { ...base, sensitivity };
  const perUnit = units.map((unit, i) => {
    const y = Float64Array.from(ranks, (rk) => rk[i] as number);
    const e = saltelliEstimate(y, n, d);
    return { unit, si: e.indices.map((x) => x.si), sti: e.indices.map((x) => x.sti) };
  });
  return { ...base, sensitivity, perUnit };
}
