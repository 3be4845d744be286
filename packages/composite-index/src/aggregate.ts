import { checkNodeWeights, checkPositive } from './aggregate-checks.ts';
import { type DataSet, type Framework } from './types.ts';

/**
 * How the children of a node are combined. `arithmetic`, `geometric` and `harmonic` are weighted means (geometric and
 * harmonic need positive values, else NaN); `generalised` is the weighted power mean with parameter p (COINr
 * `a_genmean`); `copeland` is the non-compensatory pairwise outranking score (COINr `a_copeland`).
 */
export type AggregationMethod = 'arithmetic' | 'geometric' | 'harmonic' | 'generalised' | 'copeland';

/** A method name, or a method with its parameter (`p` of the generalised mean). */
export type AggregationSpec = AggregationMethod | { readonly method: AggregationMethod; readonly p?: number };

/** Parameters of the aggregate stage. */
export interface AggregateParams {
  /** Default method for every level. Default 'arithmetic'. */
  readonly method?: AggregationSpec;
  /** Method per level (1 = nodes directly above indicators, 2 = the level above …), overriding `method`. */
  readonly methodByLevel?: Readonly<Record<number, AggregationSpec>>;
  /**
   * Minimum share (0-1) of a node's children that must be present; below it the node is missing.
   * Default 0: any available child is enough (missing children are skipped and the weights renormalised).
   */
  readonly dataThreshold?: number;
}

/** One aggregate node resolved against the tree. */
export interface ResolvedNode {
  readonly code: string;
  /** Height above the indicators: 1 for pillars, 2 for the level above … */
  readonly level: number;
  readonly children: readonly string[];
  readonly weights: Float64Array;
}

/**
 * Resolves the aggregation tree: children and weights of every aggregate node, ordered bottom-up by level
 * (a node's level is one more than its highest child). Throws on unknown parents, childless nodes and cycles.
 */
export function resolveTree(framework: Framework): ResolvedNode[] {
  const weightOf = new Map<string, number>();
  const children = new Map<string, string[]>();
  for (const a of framework.aggregates) children.set(a.code, []);
  const link = (code: string, parent: string | undefined, weight: number): void => {
    weightOf.set(code, weight);
    if (parent === undefined || parent === '') return;
    const list = children.get(parent);
    if (!list) throw new Error(`aggregation tree: parent ${parent} of ${code} is not an aggregate`);
    list.push(code);
  };
  for (const m of framework.indicators) link(m.code, m.parent, m.weight);
  for (const a of framework.aggregates) link(a.code, a.parent, a.weight);

  const level = new Map<string, number>(framework.indicators.map((m) => [m.code, 0]));
  const visiting = new Set<string>();
  const levelOf = (code: string): number => {
    const known = level.get(code);
    if (known !== undefined) return known;
    if (visiting.has(code)) throw new Error(`aggregation tree: cycle at ${code}`);
    visiting.add(code);
    const kids = children.get(code) ?? [];
    if (kids.length === 0) throw new Error(`aggregation tree: aggregate ${code} has no children`);
    const l = 1 + Math.max(...kids.map(levelOf));
    visiting.delete(code);
    level.set(code, l);
    return l;
  };
  const nodes = framework.aggregates.map((a) => {
    const kids = children.get(a.code) ?? [];
    return {
      code: a.code,
      level: levelOf(a.code),
      children: kids,
      weights: Float64Array.from(kids, (k) => weightOf.get(k) ?? 1),
    };
  });
  // stable sort keeps the framework order within a level
  return nodes.sort((p, q) => p.level - q.level);
}

/** Resolves a spec to a method and power: `generalised` with p = 1, 0, -1 is the arithmetic, geometric, harmonic mean. */
function resolveSpec(spec: AggregationSpec): { method: AggregationMethod; p: number } {
  const method = typeof spec === 'string' ? spec : spec.method;
  const p = typeof spec === 'string' ? undefined : spec.p;
  if (method !== 'generalised') return { method, p: Number.NaN };
  if (p === undefined || !Number.isFinite(p)) throw new Error('aggregate: the generalised mean needs a finite p');
  return { method, p };
}

/**
 * Combines child columns into one column with a weighted mean per unit, skipping missing children and
 * renormalising the weights of those present; a unit with fewer than `threshold` (share) children present, or
 * none, is missing.
 *
 * Generalised (power) mean, COINr `a_genmean`: y = (sum w x^p / sum w)^(1/p); p = 1 arithmetic, p = -1 harmonic,
 * p = 0 the geometric mean (its limit; COINr stops with an error at p = 0). For p <= 0 every present value must be
 * positive, else the unit is missing. `copeland` delegates to {@link copelandColumns}.
 */
export function aggregateColumns(
  cols: readonly Float64Array[],
  weights: Float64Array,
  spec: AggregationSpec,
  threshold = 0,
): Float64Array {
  const { method, p } = resolveSpec(spec);
  if (method === 'copeland') return copelandColumns(cols, weights, threshold);
  const kind = method === 'generalised' ? (p === 0 ? 'geometric' : 'power') : method;
  const n = cols[0]?.length ?? 0;
  const k = cols.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    let wSum = 0;
    let present = 0;
    for (let c = 0; c < k; c++) {
      const v = (cols[c] as Float64Array)[i] as number;
      if (Number.isNaN(v)) continue;
      const w = weights[c] as number;
      present++;
      wSum += w;
      if (kind === 'arithmetic') s += w * v;
      else if (kind === 'geometric') s += v > 0 ? w * Math.log(v) : Number.NaN;
      else if (kind === 'harmonic') s += v > 0 ? w / v : Number.NaN;
      else s += p < 0 && !(v > 0) ? Number.NaN : w * v ** p;
    }
    if (present === 0 || present < threshold * k || wSum === 0) {
      out[i] = Number.NaN;
      continue;
    }
    if (kind === 'arithmetic') out[i] = s / wSum;
    else if (kind === 'geometric') out[i] = Math.exp(s / wSum);
    else if (kind === 'harmonic') out[i] = wSum / s;
    else out[i] = (s / wSum) ** (1 / p);
  }
  return out;
}

/**
 * Copeland scores (COINr `a_copeland` over `outrankMatrix`): for every pair of units (i, j), the outranking value
 * o_ij = (sum of weights of the indicators where i beats j + half the weights of ties) / (sum of the weights
 * compared); i wins the pair when o_ij > 0.5, loses when < 0.5, and draws at 0.5. Score = wins - losses, so it
 * lies in [-(n-1), n-1] and no indicator can compensate for another (non-compensatory aggregation, OECD/JRC
 * Handbook 2008, section 6.2).
 *
 * Missing values: a pair is compared on the indicators both units have, with the weights renormalised over them
 * (a pair with no indicator in common is a draw). COINr normalises the weights over all indicators and sets
 * o_ji = 1 - o_ij, which favours the second unit of the pair when data are missing; with complete data both
 * agree. Units with no data, or fewer than `threshold` (share) of the indicators, are missing and take no part.
 * Sums are compared as 2 x wins + ties against the total with a 1e-12 relative tolerance so that ties of equal
 * weights are exact.
 */
export function copelandColumns(cols: readonly Float64Array[], weights: Float64Array, threshold = 0): Float64Array {
  const n = cols[0]?.length ?? 0;
  const k = cols.length;
  const score = new Float64Array(n);
  const eligible = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let present = 0;
    for (let c = 0; c < k; c++) if (!Number.isNaN((cols[c] as Float64Array)[i])) present++;
    if (present > 0 && present >= threshold * k) eligible[i] = 1;
    else score[i] = Number.NaN;
  }
  for (let i = 0; i < n; i++) {
    if (eligible[i] === 0) continue;
    for (let j = i + 1; j < n; j++) {
      if (eligible[j] === 0) continue;
      let beats = 0;
      let total = 0;
      for (let c = 0; c < k; c++) {
        const col = cols[c] as Float64Array;
        const a = col[i] as number;
        const b = col[j] as number;
        if (Number.isNaN(a) || Number.isNaN(b)) continue;
        const w = weights[c] as number;
        total += w;
        if (a > b) beats += 2 * w;
        else if (a === b) beats += w;
      }
      const margin = beats - total; // 2 x (o_ij - 0.5) x total
      if (Math.abs(margin) <= 1e-12 * total) continue;
      const sign = margin > 0 ? 1 : -1;
      score[i] = (score[i] as number) + sign;
      score[j] = (score[j] as number) - sign;
    }
  }
  return score;
}

/**
 * Aggregates level by level up the tree. Returns the input columns followed by one column per aggregate node
 * (bottom-up order). Throws on a negative weight, on siblings whose weights sum to 0 and on a value <= 0 under a
 * geometric, harmonic or generalised (p <= 0) mean (aggregate-checks.ts).
 */
export function aggregate(data: DataSet, framework: Framework, params: AggregateParams = {}): DataSet {
  return aggregateTree(data, resolveTree(framework), params);
}

/**
 * {@link aggregate} over an already resolved tree (bottom-up nodes with their weights), for callers that aggregate
 * many times with the same structure and only the weights changing (the uncertainty analysis).
 */
export function aggregateTree(data: DataSet, nodes: readonly ResolvedNode[], params: AggregateParams = {}): DataSet {
  const indicators = [...data.indicators];
  const columns = [...data.columns];
  const at = new Map<string, number>();
  indicators.forEach((c, j) => at.set(c, j));
  const column = (c: string): Float64Array => {
    const j = at.get(c);
    if (j === undefined) throw new Error(`indicator ${c} is not in the data set`);
    return columns[j] as Float64Array;
  };
  for (const node of nodes) {
    const method = params.methodByLevel?.[node.level] ?? params.method ?? 'arithmetic';
    const cols = node.children.map(column);
    checkNodeWeights(node);
    checkPositive(node, cols, data.units, method);
    at.set(node.code, columns.length);
    columns.push(aggregateColumns(cols, node.weights, method, params.dataThreshold ?? 0));
    indicators.push(node.code);
  }
  return { units: data.units, indicators, columns };
}

/** Code of the single aggregate without a parent (the index); throws when there is none or more than one. */
export function rootCode(framework: Framework): string {
  const roots = framework.aggregates.filter((a) => a.parent === undefined || a.parent === '');
  if (roots.length !== 1) throw new Error(`aggregation tree: expected one root aggregate, found ${roots.length}`);
  return (roots[0] as { code: string }).code;
}
