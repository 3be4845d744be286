/**
 * Effective weights: what each indicator really counts for in the index. Nominal effective weights multiply the
 * normalised weights down the tree (COINr `get_eff_wts`); per-unit effective weights also renormalise over the
 * children a unit has data for (what `aggregate` does with missing values); the correlation-based "effective
 * importance" is the Pearson correlation of each component with the index (COINr `get_corr` / `weights2corr`, the
 * quantity `get_opt_weights` balances; Paruolo, Saisana & Saltelli 2013, "Ratings and rankings: voodoo or science?",
 * JRSS A 176, on why nominal weights and importance differ).
 */
import { resolveTree, rootCode } from './aggregate.ts';
import { pearson } from './linalg.ts';
import { type DataSet, type Framework, getColumn } from './types.ts';

/**
 * Nominal effective weight of every node: the product of the weights normalised within each parent, from the root
 * (1) down. The effective weights of the indicators sum to 1.
 */
export function nominalEffectiveWeights(framework: Framework): Record<string, number> {
  const nodes = resolveTree(framework);
  const out: Record<string, number> = { [rootCode(framework)]: 1 };
  for (let n = nodes.length - 1; n >= 0; n--) {
    const node = nodes[n] as (typeof nodes)[number];
    const own = out[node.code] ?? 0;
    let sum = 0;
    for (const w of node.weights) sum += w;
    node.children.forEach((c, k) => {
      out[c] = sum > 0 ? (own * (node.weights[k] as number)) / sum : 0;
    });
  }
  return out;
}

/**
 * Per-unit effective weight of each framework indicator (units x indicators): the weights of the children a unit
 * has data for are renormalised at every node, as `aggregate` does; a child below the data threshold counts as
 * missing. A missing indicator has effective weight 0; a unit whose index is missing has NaN throughout. For the
 * Copeland method weights act on pairs, so these figures describe the means only.
 */
export function unitEffectiveWeights(
  data: DataSet,
  framework: Framework,
  params: { dataThreshold?: number } = {},
): DataSet {
  const nodes = resolveTree(framework);
  const threshold = params.dataThreshold ?? 0;
  const indicators = framework.indicators.map((m) => m.code);
  const cols = indicators.map((c) => getColumn(data, c));
  const n = data.units.length;
  const out = indicators.map(() => new Float64Array(n));
  const root = rootCode(framework);
  for (let i = 0; i < n; i++) {
    const present = new Map<string, boolean>();
    indicators.forEach((c, j) => present.set(c, !Number.isNaN((cols[j] as Float64Array)[i])));
    for (const node of nodes) {
      const count = node.children.filter((c) => present.get(c) === true).length;
      present.set(node.code, count > 0 && count >= threshold * node.children.length);
    }
    const eff = new Map<string, number>([[root, present.get(root) === true ? 1 : Number.NaN]]);
    for (let k = nodes.length - 1; k >= 0; k--) {
      const node = nodes[k] as (typeof nodes)[number];
      const own = eff.get(node.code) ?? 0;
      let sum = 0;
      node.children.forEach((c, q) => {
        if (present.get(c) === true) sum += node.weights[q] as number;
      });
      node.children.forEach((c, q) => {
        eff.set(c, present.get(c) === true && sum > 0 ? (own * (node.weights[q] as number)) / sum : own * 0);
      });
    }
    indicators.forEach((c, j) => {
      (out[j] as Float64Array)[i] = eff.get(c) ?? 0;
    });
  }
  return { units: data.units, indicators, columns: out };
}

/** Correlation-based importance of one component (indicator or aggregate) of the index. */
export interface ComponentImportance {
  readonly code: string;
  readonly parent: string;
  /** 0 for indicators, the aggregate's level otherwise. */
  readonly level: number;
  /** Nominal effective weight (product of normalised weights down the tree). */
  readonly effectiveWeight: number;
  /** Pearson correlation with the index (pairwise complete). */
  readonly correlationWithIndex: number;
  /** Pearson correlation with the parent aggregate. */
  readonly correlationWithParent: number;
  /** correlationWithIndex / the sum over the components of the same level (COINr's normalised correlations). */
  readonly share: number;
}

/**
 * Effective importance of every component of an aggregated data set (indicators and aggregates, root excluded):
 * nominal effective weight beside the correlation with the index and with the parent, and the correlation's share
 * within its level. A component whose share departs from its effective weight is more (or less) influential than
 * its weight says.
 */
export function effectiveImportance(aggregated: DataSet, framework: Framework): ComponentImportance[] {
  const root = rootCode(framework);
  const nominal = nominalEffectiveWeights(framework);
  const index = getColumn(aggregated, root);
  const levels = new Map<string, number>(resolveTree(framework).map((n) => [n.code, n.level]));
  const parts = [
    ...framework.indicators.map((m) => ({ code: m.code, parent: m.parent, level: 0 })),
    ...framework.aggregates
      .filter((a) => a.code !== root)
      .map((a) => ({ code: a.code, parent: a.parent ?? '', level: levels.get(a.code) ?? 0 })),
  ];
  const rows = parts.map((p) => {
    const col = getColumn(aggregated, p.code);
    return {
      ...p,
      effectiveWeight: nominal[p.code] ?? 0,
      correlationWithIndex: pearson(col, index),
      correlationWithParent: pearson(col, getColumn(aggregated, p.parent)),
    };
  });
  const sums = new Map<number, number>();
  for (const r of rows) {
    if (!Number.isNaN(r.correlationWithIndex)) sums.set(r.level, (sums.get(r.level) ?? 0) + r.correlationWithIndex);
  }
  return rows.map((r) => ({ ...r, share: r.correlationWithIndex / (sums.get(r.level) ?? Number.NaN) }));
}
