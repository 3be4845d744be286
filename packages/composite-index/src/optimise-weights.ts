/**
 * Weights optimised to target importances (COINr `get_opt_weights`, optype "balance"; the linear version of Becker,
 * Saisana, Paruolo & Vandecasteele 2017, "Weights and importance in composite indicators: closing the gap", Ecological
 * Indicators 80, doi:10.1016/j.ecolind.2017.03.056): find weights for the components at one level such that the
 * Pearson correlation of each component with the index, normalised to sum 1 over the level, matches the normalised
 * target importances.
 */
import { type AggregateParams, aggregate, resolveTree, rootCode } from './aggregate.ts';
import { pearson } from './linalg.ts';
import { type DataSet, type Framework, getColumn } from './types.ts';
import { type WeightSet, applyWeights, frameworkWeights } from './weights.ts';

/** Parameters of {@link optimiseWeights}. */
export interface OptimiseWeightsParams {
  /** Aggregate level whose children are reweighted: 1 = the indicators, 2 = the level-1 aggregates … Default 1. */
  readonly level?: number;
  /** Target importance per component code (relative; default equal). */
  readonly targets?: Readonly<Record<string, number>>;
  /** How the index is computed from the data while optimising (as in the aggregate stage). */
  readonly aggregation?: AggregateParams;
  /** Weights to start from and to keep for the other levels (default: the framework's). */
  readonly base?: WeightSet;
  /** Stop when every normalised correlation is within this of its target. Default 1e-4. */
  readonly tolerance?: number;
  /** Default 500. */
  readonly maxIterations?: number;
}

/** Outcome of the optimisation. */
export interface OptimiseWeightsResult {
  /** The full weight set (base weights with the optimised level replaced; each node's children sum to 1). */
  readonly weights: Record<string, number>;
  readonly components: readonly string[];
  /** Targets normalised to sum 1. */
  readonly targets: Record<string, number>;
  /** Correlation of each component with the index at the optimum. */
  readonly correlations: Record<string, number>;
  /** Those correlations normalised to sum 1 (what is matched to the targets). */
  readonly achieved: Record<string, number>;
  /** Sum of squared differences between achieved and targets. */
  readonly objective: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Iterates w_c <- w_c (t_c / s_c)^eta, where s_c is the component's normalised correlation with the index and t_c
 * its normalised target, halving eta whenever the sum of squared differences would grow (and doubling it back, up to 1, after a step
 * that improves),
 * until every |s_c - t_c| <= tolerance. COINr minimises the same objective (as log of the mean squared
 * difference) with Nelder-Mead via stats::optim and a loose tolerance (reltol 0.1); this fixed-point iteration
 * converges to the same balance with many components too. A component with a non-positive correlation is treated as
 * having a tiny one, so its weight grows. The achieved correlations are reported, so an unattainable target shows.
 *
 * Weights count only relative to their siblings, so each node's children are kept summing to 1 and the weights of
 * the other levels stay fixed: targets across different parents are attainable only as far as those parents'
 * weights allow (COINr has the same limit). Optimise the upper level first, or use a flat framework, to balance
 * everything.
 */
export function optimiseWeights(
  data: DataSet,
  framework: Framework,
  params: OptimiseWeightsParams = {},
): OptimiseWeightsResult {
  const level = params.level ?? 1;
  const nodes = resolveTree(framework).filter((n) => n.level === level);
  if (nodes.length === 0) throw new Error(`optimise weights: no aggregate at level ${level}`);
  const components = nodes.flatMap((n) => n.children);
  // index ranges of each node's children in `components`: weights only matter relative to their siblings
  const groups: [number, number][] = [];
  nodes.reduce((start, n) => (groups.push([start, start + n.children.length]), start + n.children.length), 0);
  const normaliseGroups = (w: number[]): number[] => {
    const out = [...w];
    for (const [a, b] of groups) {
      let sum = 0;
      for (let k = a; k < b; k++) sum += out[k] as number;
      for (let k = a; k < b; k++) out[k] = Math.max((out[k] as number) / sum, 1e-12);
    }
    return out;
  };
  const root = rootCode(framework);
  const rawTargets = components.map((c) => params.targets?.[c] ?? (params.targets === undefined ? 1 : Number.NaN));
  if (rawTargets.some((t) => !(t >= 0))) throw new Error('optimise weights: give a target >= 0 for every component');
  const tSum = rawTargets.reduce((a, b) => a + b, 0);
  if (!(tSum > 0)) throw new Error('optimise weights: the targets sum to 0');
  const t = rawTargets.map((v) => v / tSum);
  const base = { ...frameworkWeights(framework), ...(params.base ?? {}) };
  const tol = params.tolerance ?? 1e-4;
  const maxIter = params.maxIterations ?? 500;

  const evaluate = (w: number[]): { r: number[]; s: number[]; obj: number } => {
    const set: Record<string, number> = { ...base };
    components.forEach((c, k) => (set[c] = w[k] as number));
    const agg = aggregate(data, applyWeights(framework, set), params.aggregation);
    const index = getColumn(agg, root);
    const r = components.map((c) => pearson(getColumn(agg, c), index));
    const rSum = r.reduce((a, b) => a + (Number.isNaN(b) ? 0 : b), 0);
    const s = r.map((v) => (Number.isNaN(v) ? 0 : v / rSum));
    const obj = s.reduce((a, v, k) => a + (v - (t[k] as number)) ** 2, 0);
    return { r, s, obj };
  };

  let w = normaliseGroups(t.map((v) => Math.max(v, 1e-6))); // COINr also starts from the targets
  let cur = evaluate(w);
  let best = { w, ...cur };
  let eta = 1;
  let iterations = 0;
  let converged = false;
  for (; iterations < maxIter; iterations++) {
    if (cur.s.every((v, k) => Math.abs(v - (t[k] as number)) <= tol)) {
      converged = true;
      break;
    }
    const candidate = normaliseGroups(
      w.map((wk, k) => wk * ((t[k] as number) / Math.max(cur.s[k] as number, 1e-9)) ** eta),
    );
    const res = evaluate(candidate);
    if (!(res.obj < cur.obj)) {
      if (eta < 1e-3) break; // no step improves: stop at the best point found
      eta /= 2;
      continue;
    }
    w = candidate;
    cur = res;
    eta = Math.min(1, eta * 2);
    if (cur.obj < best.obj) best = { w, ...cur };
  }
  const record = (xs: readonly number[]): Record<string, number> =>
    Object.fromEntries(components.map((c, k) => [c, xs[k] as number]));
  const weights = { ...base, ...record(best.w) };
  return {
    weights,
    components,
    targets: record(t),
    correlations: record(best.r),
    achieved: record(best.s),
    objective: best.obj,
    iterations,
    converged,
  };
}
