/**
 * Rank impact of removing each indicator (COINr `remove_elements`; OECD/JRC Handbook 2008, step 7, "inclusion and
 * exclusion of individual indicators"): the whole method is re-run without one indicator at a time and each unit's
 * rank is compared with the nominal rank.
 */
import { rootCode } from './aggregate.ts';
import { type MethodSpec, type StageSpec } from './method.ts';
import { type PipelineInput, runPipeline } from './pipeline.ts';
import { type RankParams, rankColumn } from './rank.ts';
import { type DataSet, type Framework, selectIndicators } from './types.ts';

/** Impact of removing one indicator. */
export interface RemovalImpact {
  readonly indicator: string;
  /** Ranks without the indicator (NaN when the run failed, see `error`). */
  readonly ranks: Float64Array;
  /** New rank minus nominal rank per unit (positive: the unit falls). */
  readonly shift: Float64Array;
  readonly meanAbsoluteShift: number;
  readonly maxAbsoluteShift: number;
  readonly error?: string;
}

/** Outcome of {@link indicatorRemovalImpact}. */
export interface RemovalResult {
  readonly target: string;
  readonly units: readonly string[];
  readonly nominalRanks: Float64Array;
  /** One entry per indicator, sorted by mean absolute shift, largest first. */
  readonly impacts: readonly RemovalImpact[];
}

/** The framework without `code`; aggregates left without children are removed too. */
export function removeIndicator(framework: Framework, code: string): Framework {
  const indicators = framework.indicators.filter((m) => m.code !== code);
  let aggregates = [...framework.aggregates];
  for (;;) {
    const parents = new Set([...indicators.map((m) => m.parent), ...aggregates.map((a) => a.parent ?? '')]);
    const kept = aggregates.filter((a) => parents.has(a.code));
    if (kept.length === aggregates.length) break;
    aggregates = kept;
  }
  return { indicators, aggregates };
}

/** Drops removed codes from the parameters of weight stages that name codes (fixed weights, AHP, targets). */
function withoutCodes(stage: StageSpec, keep: ReadonlySet<string>): StageSpec {
  if (stage.op !== 'weight') return stage;
  const pick = (r: Readonly<Record<string, number>>): Record<string, number> =>
    Object.fromEntries(Object.entries(r).filter(([c]) => keep.has(c)));
  switch (stage.method) {
    case 'fixed':
      return { ...stage, weights: pick(stage.weights) };
    case 'optimise':
      return stage.targets === undefined ? stage : { ...stage, targets: pick(stage.targets) };
    case 'ahp': {
      const matrices = Object.fromEntries(
        Object.entries(stage.matrices)
          .filter(([node]) => keep.has(node))
          .map(([node, m]) => {
            const idx = m.items.map((c, i) => (keep.has(c) ? i : -1)).filter((i) => i >= 0);
            return [
              node,
              {
                ...m,
                items: idx.map((i) => m.items[i] as string),
                matrix: idx.map((i) => idx.map((j) => (m.matrix[i] ?? [])[j] ?? 1)),
              },
            ];
          }),
      );
      return { ...stage, matrices };
    }
    case 'equal':
    case 'entropy':
    case 'pca':
      return stage;
    default: {
      const never: never = stage;
      throw new Error(`unknown weighting ${JSON.stringify(never)}`);
    }
  }
}

function targetScores(method: MethodSpec, input: PipelineInput, target: string): Float64Array {
  const r = runPipeline(method, input);
  const agg = [...r.log].reverse().find((l) => l.spec.op === 'aggregate');
  const ds = agg ? r.datasets[agg.name] : undefined;
  const j = ds ? ds.indicators.indexOf(target) : -1;
  if (!ds || j < 0) throw new Error(`removal: no ${target} in the output of the last aggregate stage`);
  return ds.columns[j] as Float64Array;
}

/**
 * Re-runs `method` once per indicator with that indicator removed from the framework, the raw data and the history
 * (and from fixed weights, AHP matrices and optimisation targets), and reports each unit's rank shift against the
 * nominal ranks of `target` (default the root). A run that fails is reported with its error, not thrown.
 */
export function indicatorRemovalImpact(
  method: MethodSpec,
  input: PipelineInput,
  opts: { readonly target?: string; readonly rank?: RankParams; readonly indicators?: readonly string[] } = {},
): RemovalResult {
  const target = opts.target ?? rootCode(input.framework);
  const lastRank = [...method.stages].reverse().find((s) => s.op === 'rank');
  const rankParams =
    opts.rank ?? (lastRank?.op === 'rank' ? { decimals: lastRank.decimals, order: lastRank.order } : {});
  const nominalRanks = rankColumn(targetScores(method, input, target), rankParams);
  const n = input.raw.units.length;
  const impacts = (opts.indicators ?? input.framework.indicators.map((m) => m.code)).map((code): RemovalImpact => {
    const framework = removeIndicator(input.framework, code);
    const keep = new Set([...framework.indicators.map((m) => m.code), ...framework.aggregates.map((a) => a.code)]);
    const codes = input.raw.indicators.filter((c) => c !== code);
    const strip = (ds: DataSet): DataSet => selectIndicators(ds, codes);
    try {
      const reduced: MethodSpec = { ...method, stages: method.stages.map((s) => withoutCodes(s, keep)) };
      const ranks = rankColumn(
        targetScores(
          reduced,
          {
            ...input,
            framework,
            raw: strip(input.raw),
            history: input.history?.map(strip),
            later: input.later?.map(strip),
          },
          target,
        ),
        rankParams,
      );
      const shift = Float64Array.from(ranks, (r, i) => r - (nominalRanks[i] as number));
      let sum = 0;
      let cnt = 0;
      let max = 0;
      for (const v of shift) {
        if (Number.isNaN(v)) continue;
        sum += Math.abs(v);
        max = Math.max(max, Math.abs(v));
        cnt++;
      }
      return {
        indicator: code,
        ranks,
        shift,
        meanAbsoluteShift: cnt === 0 ? Number.NaN : sum / cnt,
        maxAbsoluteShift: max,
      };
    } catch (err) {
      const nan = new Float64Array(n).fill(Number.NaN);
      const error = err instanceof Error ? err.message : String(err);
      return {
        indicator: code,
        ranks: nan,
        shift: nan,
        meanAbsoluteShift: Number.NaN,
        maxAbsoluteShift: Number.NaN,
        error,
      };
    }
  });
  impacts.sort((a, b) =>
    Number.isNaN(a.meanAbsoluteShift)
      ? 1
      : Number.isNaN(b.meanAbsoluteShift)
        ? -1
        : b.meanAbsoluteShift - a.meanAbsoluteShift,
  );
  return { target, units: input.raw.units, nominalRanks, impacts };
}
