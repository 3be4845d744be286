/**
 * What the aggregate stage refuses and what it reports, so that no unit is dropped or scored on fewer children
 * without a word: weights that cannot form a weighted mean (negative, or all zero among siblings) and values a
 * geometric, harmonic or generalised mean with p <= 0 cannot take (x <= 0; COINr's `a_gmean` and `a_hmean` stop with
 * an error too) stop the run; units missing an aggregate, or scored on fewer children than it has, are counted and
 * named in warnings. See docs/INDEX-METHOD.md, "Bad input".
 */
import type { AggregationSpec, ResolvedNode } from './aggregate.ts';
import { type DataSet } from './types.ts';

/** A warning of a stage: a code and the same message in Chinese and English. */
export interface StageWarning {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
}

/** Units listed by name in a warning before "…". */
const NAMED = 5;

/** The first few names of a list, then the count of the rest. */
export function listNames(names: readonly string[]): string {
  const head = names.slice(0, NAMED).join(', ');
  return names.length > NAMED ? `${head} … (+${names.length - NAMED})` : head;
}

/** Refuses negative, non-finite or all-zero sibling weights of a node (a weighted mean needs weights >= 0, sum > 0). */
export function checkNodeWeights(node: ResolvedNode): void {
  let sum = 0;
  node.children.forEach((c, k) => {
    const w = node.weights[k] as number;
    if (!Number.isFinite(w) || w < 0)
      throw new Error(
        `aggregate ${node.code}: the weight of ${c} is ${w}; weights must be finite and >= 0 ` +
          '(a negative weight can push scores outside the normalised range) / ' +
          `聚合 ${node.code}：${c} 的权重为 ${w}，权重必须为非负有限数`,
      );
    sum += w;
  });
  if (sum === 0)
    throw new Error(
      `aggregate ${node.code}: the weights of its children (${node.children.join(', ')}) sum to 0 / ` +
        `聚合 ${node.code}：下级权重之和为 0`,
    );
}

/** True when the mean of `spec` needs every value to be positive (geometric, harmonic, generalised with p <= 0). */
export function needsPositive(spec: AggregationSpec): boolean {
  const method = typeof spec === 'string' ? spec : spec.method;
  if (method === 'geometric' || method === 'harmonic') return true;
  if (method !== 'generalised' || typeof spec === 'string') return false;
  return spec.p !== undefined && spec.p <= 0;
}

/**
 * Refuses a value <= 0 under a mean that needs positive values, naming the node, child, unit and value and the usual
 * cause: min-max to [0, 100] puts 0 at every indicator's minimum, so normalise to [1, 100] for these means.
 */
export function checkPositive(
  node: ResolvedNode,
  cols: readonly Float64Array[],
  units: readonly string[],
  spec: AggregationSpec,
): void {
  if (!needsPositive(spec)) return;
  const method = typeof spec === 'string' ? spec : `${spec.method} (p = ${String(spec.p)})`;
  cols.forEach((col, c) => {
    for (let i = 0; i < col.length; i++) {
      const v = col[i] as number;
      if (!(v <= 0)) continue;
      throw new Error(
        `aggregate ${node.code} (${method}): ${node.children[c] ?? ''} of ${units[i] ?? ''} is ${v}; this mean needs ` +
          'values > 0 (min-max to [0, 100] puts 0 at each minimum: normalise to [1, 100]) / ' +
          `聚合 ${node.code}（${method}）：${units[i] ?? ''} 的 ${node.children[c] ?? ''} 为 ${v}，该均值要求数值 > 0` +
          '（min-max 归一化到 [0, 100] 时最小值为 0，请改用 [1, 100]）',
      );
    }
  });
}

/** Units missing a node and units scored on fewer children than the node has (some children missing). */
export interface NodeCoverage {
  readonly missing: readonly string[];
  readonly partial: readonly string[];
}

/**
 * Coverage of one node: which units are missing its value and which have it from only some of its children. A child
 * missing for every unit (a constant indicator, already reported by the normalise stage) leaves all units alike and
 * does not make them partial.
 */
export function nodeCoverage(cols: readonly Float64Array[], out: Float64Array, units: readonly string[]): NodeCoverage {
  const missing: string[] = [];
  const partial: string[] = [];
  const live = cols.filter((col) => col.some((v) => !Number.isNaN(v)));
  for (let i = 0; i < out.length; i++) {
    if (Number.isNaN(out[i])) {
      missing.push(units[i] ?? '');
      continue;
    }
    if (live.some((col) => Number.isNaN(col[i]))) partial.push(units[i] ?? '');
  }
  return { missing, partial };
}

/** Warnings for the coverage of every node of an aggregate stage (nothing when every unit has every child). */
export function coverageWarnings(data: DataSet, nodes: readonly ResolvedNode[], out: DataSet): StageWarning[] {
  const col = (code: string): Float64Array => out.columns[out.indicators.indexOf(code)] as Float64Array;
  const warnings: StageWarning[] = [];
  for (const node of nodes) {
    const { missing, partial } = nodeCoverage(node.children.map(col), col(node.code), data.units);
    const n = data.units.length;
    if (missing.length > 0)
      warnings.push({
        code: missing.length === n ? 'aggregateMissingForAll' : 'aggregateMissing',
        zh: `${node.code}：${missing.length}/${n} 个单元无得分（下级全部缺失或低于数据阈值）：${listNames(missing)}`,
        en: `${node.code}: ${missing.length} of ${n} units have no score (no child present, or below the data threshold): ${listNames(missing)}`,
      });
    if (partial.length > 0)
      warnings.push({
        code: 'aggregatePartial',
        zh: `${node.code}：${partial.length}/${n} 个单元只按部分下级计分（缺失的下级被跳过，权重重新归一）：${listNames(partial)}`,
        en: `${node.code}: ${partial.length} of ${n} units are scored on fewer children (missing children skipped, weights renormalised): ${listNames(partial)}`,
      });
  }
  return warnings;
}
