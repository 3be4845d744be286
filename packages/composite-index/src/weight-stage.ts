/**
 * The `weight` stage of a method: computes a named weight set from a data set with one of the weighting methods
 * (equal, fixed, entropy, AHP, PCA, optimised to target importances), starting from a base set, and reports what
 * it found (entropies, consistency ratios, eigenvalues, achieved correlations) for the parameter log.
 */
import { resolveTree } from './aggregate.ts';
import { type StageWarning } from './aggregate-checks.ts';
import { type AhpResult, ahpWeights, parseJudgement } from './ahp.ts';
import { type WeightStageSpec, toAggregateParams } from './method.ts';
import { optimiseWeights } from './optimise-weights.ts';
import { pcaWeights } from './pca.ts';
import { type DataSet, type Framework } from './types.ts';
import { type WeightSet, entropyWeights, frameworkWeights, validateWeights } from './weights.ts';

/** Entropy of one group (an aggregate's children, or every indicator with scope "global"). */
export interface EntropyGroupReport {
  readonly node: string;
  readonly entropy: Record<string, number>;
  readonly divergence: Record<string, number>;
  readonly degenerate: boolean;
}

/** PCA of one group. */
export interface PcaGroupReport {
  readonly node: string;
  readonly units: number;
  readonly eigenvalues: number[];
  readonly varianceShare: number[];
  readonly factors: number;
  readonly explainedVariance: number[];
  /** Loadings of each component on the retained factors (rotated when asked). */
  readonly loadings: Record<string, number[]>;
  /** Factor (0-based) each component is assigned to. */
  readonly assignedFactor: Record<string, number>;
}

/** What a weight stage reports besides the weights. */
export type WeightDetails =
  | { readonly method: 'equal' | 'fixed' }
  | { readonly method: 'entropy'; readonly groups: readonly EntropyGroupReport[] }
  | {
      readonly method: 'ahp';
      readonly nodes: readonly ({ readonly node: string } & Omit<AhpResult, 'weights' | 'iterations'>)[];
    }
  | { readonly method: 'pca'; readonly groups: readonly PcaGroupReport[] }
  | {
      readonly method: 'optimise';
      readonly targets: Record<string, number>;
      readonly correlations: Record<string, number>;
      readonly achieved: Record<string, number>;
      readonly objective: number;
      readonly iterations: number;
      readonly converged: boolean;
    };

/** The weight set and the details for the log. */
export interface WeightStageOutput {
  readonly weights: Record<string, number>;
  readonly details: WeightDetails;
  readonly warnings?: readonly StageWarning[];
}

interface Group {
  readonly node: string;
  readonly codes: readonly string[];
}

/** Groups to weight: the children of every aggregate at `level`, or all indicators at once (scope "global"). */
function groupsOf(framework: Framework, level: number, scope: 'group' | 'global'): Group[] {
  if (scope === 'global') return [{ node: '(global)', codes: framework.indicators.map((m) => m.code) }];
  const groups = resolveTree(framework)
    .filter((n) => n.level === level)
    .map((n) => ({ node: n.code, codes: n.children }));
  if (groups.length === 0) throw new Error(`weight: no aggregate at level ${level}`);
  return groups;
}

function columnsOf(data: DataSet, codes: readonly string[]): Float64Array[] {
  return codes.map((c) => {
    const j = data.indicators.indexOf(c);
    if (j < 0)
      throw new Error(`weight: the data set has no column ${c} (weight level >= 2 from an aggregated data set)`);
    return data.columns[j] as Float64Array;
  });
}

/**
 * With scope "global" the indicator weights come from one computation over all indicators; every aggregate then
 * gets the sum of its children's weights, so that arithmetic aggregation up the tree gives exactly the flat weighted
 * mean of the indicators (the usual single-level entropy or PCA index).
 */
function sumUp(framework: Framework, weights: Record<string, number>): void {
  for (const node of resolveTree(framework)) {
    weights[node.code] = node.children.reduce((s, c) => s + (weights[c] ?? 0), 0);
  }
}

/**
 * First-component loadings can have mixed signs (COINr `get_PCA` warns), and a negative weight turns a pillar into a
 * difference of indicators that leaves the normalised range. `loadings: "absolute"` takes |loading| normalised to sum
 * 1 (a common convention; the warning names the indicators whose sign was dropped); otherwise negative weights stop
 * the run.
 */
function signedPcaWeights(
  g: Group,
  w: Float64Array,
  loadings: 'signed' | 'absolute' | undefined,
  warnings: StageWarning[],
): Float64Array {
  const negative = g.codes.filter((_, i) => (w[i] as number) < 0);
  if (loadings !== 'absolute') {
    if (negative.length === 0) return w;
    throw new Error(
      `PCA ${g.node}: negative first-component weights for ${negative.join(', ')}; ` +
        'use "loadings": "absolute" (|loading| normalised to sum 1) or another scheme / ' +
        `主成分权重 ${g.node}：${negative.join(', ')} 的第一主成分载荷为负；可设 "loadings": "absolute"（取绝对值并归一）或改用其他方案`,
    );
  }
  let sum = 0;
  for (const v of w) sum += Math.abs(v);
  if (negative.length > 0)
    warnings.push({
      code: 'pcaAbsoluteLoadings',
      zh: `主成分权重 ${g.node}：${negative.join(', ')} 的载荷为负，按绝对值计入权重（权重取 |载荷| 并归一为 1）`,
      en: `PCA ${g.node}: ${negative.join(', ')} load negatively; their weights use |loading| (normalised to sum 1)`,
    });
  return Float64Array.from(w, (v) => Math.abs(v) / sum);
}

const toRecord = (codes: readonly string[], xs: ArrayLike<number>): Record<string, number> =>
  Object.fromEntries(codes.map((c, k) => [c, xs[k] as number]));

/** Computes the weight set of a `weight` stage from `data`, starting from `base` (default: framework weights). */
export function computeWeightStage(
  spec: WeightStageSpec,
  data: DataSet,
  framework: Framework,
  base: WeightSet = frameworkWeights(framework),
): WeightStageOutput {
  const weights: Record<string, number> = { ...frameworkWeights(framework), ...base };
  switch (spec.method) {
    case 'equal': {
      const levels = spec.levels === undefined ? undefined : new Set(spec.levels);
      for (const node of resolveTree(framework)) {
        if (levels === undefined || levels.has(node.level)) for (const c of node.children) weights[c] = 1;
      }
      return { weights, details: { method: 'equal' } };
    }
    case 'fixed':
      validateWeights(framework, spec.weights);
      return { weights: { ...weights, ...spec.weights }, details: { method: 'fixed' } };
    case 'entropy': {
      const scope = spec.scope ?? 'group';
      const groups = groupsOf(framework, spec.level ?? 1, scope).map((g) => {
        const r = entropyWeights(columnsOf(data, g.codes), { shift: spec.shift });
        Object.assign(weights, toRecord(g.codes, r.weights));
        return {
          node: g.node,
          entropy: toRecord(g.codes, r.entropy),
          divergence: toRecord(g.codes, r.divergence),
          degenerate: r.degenerate,
        };
      });
      if (scope === 'global') sumUp(framework, weights);
      return { weights, details: { method: 'entropy', groups } };
    }
    case 'ahp': {
      const tree = new Map(resolveTree(framework).map((n) => [n.code, n]));
      const nodes = Object.entries(spec.matrices).map(([node, m]) => {
        const children = tree.get(node)?.children;
        if (!children) throw new Error(`AHP: ${node} is not an aggregate of the framework`);
        const items = m.items;
        if (items.length !== children.length || !children.every((c) => items.includes(c))) {
          throw new Error(`AHP ${node}: items must be exactly the children of ${node}: ${children.join(', ')}`);
        }
        const matrix = m.matrix.map((row) => row.map(parseJudgement));
        if (matrix.length !== items.length) throw new Error(`AHP ${node}: the matrix must have ${items.length} rows`);
        const r = ahpWeights(matrix, { maxCR: spec.maxCR, randomIndex: m.randomIndex, label: node });
        Object.assign(weights, toRecord(items, r.weights));
        return { node, lambdaMax: r.lambdaMax, ci: r.ci, ri: r.ri, cr: r.cr };
      });
      return { weights, details: { method: 'ahp', nodes } };
    }
    case 'pca': {
      const scope = spec.scope ?? 'group';
      const warnings: StageWarning[] = [];
      const groups = groupsOf(framework, spec.level ?? 1, scope).map((g) => {
        const r = pcaWeights(columnsOf(data, g.codes), spec);
        Object.assign(weights, toRecord(g.codes, signedPcaWeights(g, r.weights, spec.loadings, warnings)));
        return {
          node: g.node,
          units: r.units,
          eigenvalues: Array.from(r.eigenvalues),
          varianceShare: Array.from(r.varianceShare),
          factors: r.factors,
          explainedVariance: Array.from(r.explainedVariance),
          loadings: Object.fromEntries(
            g.codes.map((c, i) => [c, Array.from(r.loadings.subarray(i * r.factors, (i + 1) * r.factors))]),
          ),
          assignedFactor: toRecord(g.codes, r.assignedFactor),
        };
      });
      if (scope === 'global') sumUp(framework, weights);
      return { weights, details: { method: 'pca', groups }, warnings };
    }
    case 'optimise': {
      const r = optimiseWeights(data, framework, {
        level: spec.level,
        targets: spec.targets,
        aggregation: spec.aggregation === undefined ? undefined : toAggregateParams(spec.aggregation),
        base: weights,
        tolerance: spec.tolerance,
        maxIterations: spec.maxIterations,
      });
      const { targets, correlations, achieved, objective, iterations, converged } = r;
      return {
        weights: r.weights,
        details: { method: 'optimise', targets, correlations, achieved, objective, iterations, converged },
      };
    }
    default: {
      const never: never = spec;
      throw new Error(`unknown weighting ${JSON.stringify(never)}`);
    }
  }
}
