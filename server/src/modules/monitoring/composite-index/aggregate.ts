import { type DataSet, type Framework, getColumn } from './types.ts';

/** Mean used to combine the children of a node. Geometric and harmonic need positive values (else NaN). */
export type AggregationMethod = 'arithmetic' | 'geometric' | 'harmonic';

/** Parameters of the aggregate stage. */
export interface AggregateParams {
  /** Default method for every level. Default 'arithmetic'. */
  readonly method?: AggregationMethod;
  /** Method per level (1 = nodes directly above indicators, 2 = the level above …), overriding `method`. */
  readonly methodByLevel?: Readonly<Record<number, AggregationMethod>>;
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

/**
 * Combines child columns into one column with a weighted mean per unit, skipping missing children and
 * renormalising the weights of those present; a unit with fewer than `threshold` (share) children present, or
 * none, is missing.
 */
export function aggregateColumns(
  cols: readonly Float64Array[],
  weights: Float64Array,
  method: AggregationMethod,
  threshold = 0,
): Float64Array {
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
      if (method === 'arithmetic') s += w * v;
      else if (method === 'geometric') s += v > 0 ? w * Math.log(v) : Number.NaN;
      else s += v > 0 ? w / v : Number.NaN;
    }
    if (present === 0 || present < threshold * k || wSum === 0) {
      out[i] = Number.NaN;
      continue;
    }
    if (method === 'arithmetic') out[i] = s / wSum;
    else if (method === 'geometric') out[i] = Math.exp(s / wSum);
    else out[i] = wSum / s;
  }
  return out;
}

/**
 * Aggregates level by level up the tree. Returns the input columns followed by one column per aggregate node
 * (bottom-up order).
 */
export function aggregate(data: DataSet, framework: Framework, params: AggregateParams = {}): DataSet {
  const nodes = resolveTree(framework);
  const indicators = [...data.indicators];
  const columns = [...data.columns];
  const current: DataSet = { units: data.units, indicators, columns };
  for (const node of nodes) {
    const method = params.methodByLevel?.[node.level] ?? params.method ?? 'arithmetic';
    const cols = node.children.map((c) => getColumn(current, c));
    columns.push(aggregateColumns(cols, node.weights, method, params.dataThreshold ?? 0));
    indicators.push(node.code);
  }
  return current;
}
