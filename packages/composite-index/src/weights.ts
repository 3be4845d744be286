/**
 * Weight sets and the simple weighting methods: framework (expert) weights, fixed weights, equal weights and the
 * entropy weight method (熵权法). AHP, PCA and optimised weights live in ahp.ts, pca.ts and optimise-weights.ts;
 * weight-stage.ts applies any of them to a framework for the `weight` stage of a method.
 */
import { type Framework } from './types.ts';

/**
 * Weights by code, for indicators and aggregates alike. A weight is relative to its siblings (the children of the
 * same parent); codes absent from a set keep the framework weight.
 */
export type WeightSet = Readonly<Record<string, number>>;

/** The framework's own weights (COINr's "Original" weight set). */
export function frameworkWeights(framework: Framework): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of framework.indicators) out[m.code] = m.weight;
  for (const a of framework.aggregates) out[a.code] = a.weight;
  return out;
}

/** Returns a framework whose weights are taken from `set` (codes absent from the set keep their weight). */
export function applyWeights(framework: Framework, set: WeightSet): Framework {
  const pick = (code: string, w: number): number => set[code] ?? w;
  return {
    indicators: framework.indicators.map((m) => ({ ...m, weight: pick(m.code, m.weight) })),
    aggregates: framework.aggregates.map((a) => ({ ...a, weight: pick(a.code, a.weight) })),
  };
}

/** Checks that every code of `weights` is in the framework and every weight is finite and non-negative. */
export function validateWeights(framework: Framework, weights: WeightSet): void {
  const codes = new Set([...framework.indicators.map((m) => m.code), ...framework.aggregates.map((a) => a.code)]);
  for (const [code, w] of Object.entries(weights)) {
    if (!codes.has(code)) throw new Error(`weights: ${code} is not in the framework`);
    if (!Number.isFinite(w) || w < 0) throw new Error(`weights: the weight of ${code} must be finite and >= 0`);
  }
}

/** Outcome of the entropy weight method for a set of columns. */
export interface EntropyResult {
  /** w_j = d_j / sum d (sums to 1; equal weights when no column carries information, see `degenerate`). */
  readonly weights: Float64Array;
  /** Information entropy e_j in [0, 1]. */
  readonly entropy: Float64Array;
  /** Degree of divergence d_j = 1 - e_j. */
  readonly divergence: Float64Array;
  /** True when every d_j is 0 (all columns constant): the weights fall back to equal. */
  readonly degenerate: boolean;
}

/**
 * Entropy weight method (熵权法; Shannon's entropy as a weighting rule, Zeleny 1982, Multiple Criteria Decision
 * Making, ch. 7; the usual formulation in Chinese county studies). For each column j over its n_j present values
 * (after adding `shift`, default 0):
 *
 *   p_ij = x_ij / sum_i x_ij,   e_j = -(1 / ln n_j) sum_i p_ij ln p_ij,   d_j = 1 - e_j,   w_j = d_j / sum_k d_k.
 *
 * The data must be normalised and non-negative (min-max is the usual choice), oriented so that the direction has
 * been applied. Zeros: p ln p is taken as 0 at p = 0 (its limit), so a min-max minimum of 0 is allowed; some studies
 * instead shift the normalised values by a small constant (e.g. 0.0001 on [0, 1]) — that is `shift`. A column whose
 * values are all equal, all zero or present for fewer than 2 units carries no information: e_j = 1, d_j = 0.
 * Throws on a negative value (normalise first).
 */
export function entropyWeights(cols: readonly Float64Array[], params: { readonly shift?: number } = {}): EntropyResult {
  const shift = params.shift ?? 0;
  const k = cols.length;
  const entropy = new Float64Array(k);
  const divergence = new Float64Array(k);
  cols.forEach((col, j) => {
    let sum = 0;
    let n = 0;
    for (let i = 0; i < col.length; i++) {
      const v = col[i] as number;
      if (Number.isNaN(v)) continue;
      const x = v + shift;
      if (x < 0) throw new Error('entropy weights need non-negative data: normalise (e.g. minMax) before weighting');
      sum += x;
      n++;
    }
    let e = 1;
    if (n >= 2 && sum > 0) {
      let h = 0;
      for (let i = 0; i < col.length; i++) {
        const v = col[i] as number;
        if (Number.isNaN(v)) continue;
        const p = (v + shift) / sum;
        if (p > 0) h -= p * Math.log(p);
      }
      e = Math.min(1, Math.max(0, h / Math.log(n)));
    }
    entropy[j] = e;
    divergence[j] = 1 - e;
  });
  let total = 0;
  for (let j = 0; j < k; j++) total += divergence[j] as number;
  const degenerate = !(total > 0);
  const weights = Float64Array.from(divergence, (d) => (degenerate ? 1 / k : d / total));
  return { weights, entropy, divergence, degenerate };
}
