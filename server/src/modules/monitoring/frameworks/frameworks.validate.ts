/**
 * Pure checks of a framework's tree and settings (指标体系校验), shared by saving a draft, activating it and importing a
 * workbook. Every issue names the node (by position and code) and the field, in Chinese and English.
 */
import type { FrameworkNode, FrameworkSettings } from '../../../../../contracts/monitoring.ts';

export interface FrameworkIssue {
  /** Position of the node in the input, or null for a settings issue. */
  node: number | null;
  /** Position of the rule in settings.rules, for rule issues. */
  rule?: number;
  /** The field the issue is about: code, parentCode, kind, weight, spec, spec.min, left, right … */
  field: string;
  message: string;
  messageEn: string;
}

const KIND_ZH = { index: '指数', dimension: '维度', subdimension: '子维度', indicator: '指标' } as const;

/** Allowed parent kinds per kind. */
const PARENT_KINDS: Record<FrameworkNode['kind'], readonly FrameworkNode['kind'][]> = {
  index: [],
  dimension: ['index'],
  subdimension: ['dimension', 'subdimension'],
  indicator: ['index', 'dimension', 'subdimension'],
};

export interface ValidateOptions {
  /** Whether a metrics fact of this name exists (platform/metrics registry). */
  factExists: (name: string) => boolean;
}

/**
 * Validates the tree: one root (the index), parents exist, no cycles, unique codes, kinds in order, indicators are
 * leaves with a definition, aggregates have children, weights >= 0 with a positive sum in every group, text
 * indicators unweighted, ranges ordered, facts known; rules compare two numeric indicators of the framework.
 */
export function validateFramework(
  nodes: readonly FrameworkNode[],
  settings: FrameworkSettings,
  opts: ValidateOptions,
): FrameworkIssue[] {
  const issues: FrameworkIssue[] = [];
  const at = (node: number, field: string, zh: string, en: string) =>
    issues.push({ node, field, message: zh, messageEn: en });
  const label = (n: FrameworkNode) => `${KIND_ZH[n.kind]} ${n.code}`;

  const byCode = new Map<string, number>();
  nodes.forEach((n, i) => {
    const first = byCode.get(n.code);
    if (first !== undefined)
      at(i, 'code', `编码 ${n.code} 重复（与第 ${first + 1} 个节点相同）`, `Code ${n.code} repeats node ${first + 1}`);
    else byCode.set(n.code, i);
  });

  const roots = nodes.map((n, i) => ({ n, i })).filter(({ n }) => n.parentCode === null);
  if (roots.length === 0)
    issues.push({
      node: null,
      field: 'nodes',
      message: '缺少根节点（上级编码为空的指数节点）',
      messageEn: 'No root: one node (the index) must have no parent',
    });
  for (const { n, i } of roots.slice(1))
    at(
      i,
      'parentCode',
      `${label(n)}：只能有一个根节点，请填写上级编码`,
      `${n.code}: only one root allowed; set a parent`,
    );
  for (const { n, i } of roots.slice(0, 1))
    if (n.kind !== 'index')
      at(i, 'kind', `${label(n)}：根节点的层级应为“指数”`, `${n.code}: the root must be of kind index`);

  const children = new Map<string, number[]>();
  nodes.forEach((n, i) => {
    if (n.parentCode === null) return;
    if (n.kind === 'index')
      at(i, 'kind', `${label(n)}：只有根节点可以是“指数”`, `${n.code}: only the root is an index`);
    if (n.parentCode === n.code) {
      at(i, 'parentCode', `${label(n)}：上级编码不能是自身`, `${n.code}: a node cannot be its own parent`);
      return;
    }
    const p = byCode.get(n.parentCode);
    if (p === undefined) {
      at(
        i,
        'parentCode',
        `${label(n)}：上级编码 ${n.parentCode} 不存在`,
        `${n.code}: parent ${n.parentCode} not found`,
      );
      return;
    }
    const parent = nodes[p]!;
    if (!PARENT_KINDS[n.kind].includes(parent.kind) && parent.kind !== 'indicator')
      at(
        i,
        'kind',
        `${label(n)}：不能挂在${KIND_ZH[parent.kind]} ${parent.code} 之下`,
        `${n.code}: a ${n.kind} cannot sit under the ${parent.kind} ${parent.code}`,
      );
    const list = children.get(n.parentCode) ?? [];
    list.push(i);
    children.set(n.parentCode, list);
  });

  // Cycles: with parents resolved, a node that never reaches the root by its parent links is on (or under) a cycle.
  nodes.forEach((n, i) => {
    const seen = new Set<string>();
    let cur: FrameworkNode | undefined = n;
    while (cur && cur.parentCode !== null) {
      if (seen.has(cur.code)) {
        at(i, 'parentCode', `${label(n)}：上级关系形成循环`, `${n.code}: the parent links form a cycle`);
        return;
      }
      seen.add(cur.code);
      const p = byCode.get(cur.parentCode);
      cur = p === undefined ? undefined : nodes[p];
    }
  });

  nodes.forEach((n, i) => {
    const kids = children.get(n.code) ?? [];
    if (n.kind === 'indicator') {
      if (kids.length > 0)
        at(i, 'kind', `${label(n)}：指标必须是末级节点，不能有下级`, `${n.code}: an indicator cannot have children`);
      if (!n.spec) at(i, 'spec', `${label(n)}：缺少指标定义`, `${n.code}: the indicator has no definition`);
      else checkSpec(n, i, at, opts);
      return;
    }
    if (kids.length === 0) {
      at(i, 'kind', `${label(n)}：没有下级节点`, `${n.code}: a ${n.kind} needs at least one child`);
      return;
    }
    const sum = kids.reduce((s, k) => s + (nodes[k]?.weight ?? 0), 0);
    if (!(sum > 0))
      at(
        i,
        'weight',
        `${label(n)}：下级节点的权重之和必须大于 0`,
        `${n.code}: the weights of its children must sum to more than 0`,
      );
  });

  const numeric = (code: string) => {
    const k = byCode.get(code);
    const n = k === undefined ? undefined : nodes[k];
    return n?.kind === 'indicator' && n.spec?.valueType !== 'text';
  };
  const ruleCodes = new Set<string>();
  settings.rules.forEach((r, j) => {
    const issue = (field: string, zh: string, en: string) =>
      issues.push({
        node: null,
        rule: j,
        field,
        message: `校验规则 ${r.code}：${zh}`,
        messageEn: `Rule ${r.code}: ${en}`,
      });
    if (ruleCodes.has(r.code)) issue('code', '规则编码重复', 'the code repeats');
    ruleCodes.add(r.code);
    for (const side of ['left', 'right'] as const)
      if (!numeric(r[side]))
        issue(side, `${r[side]} 不是本体系中的数值型指标`, `${r[side]} is not a numeric indicator of this framework`);
    if (r.left === r.right) issue('right', '左右两侧不能是同一指标', 'both sides name the same indicator');
    if (!r.messageZh.trim()) issue('messageZh', '请填写中文提示', 'the Chinese message is empty');
  });

  if (settings.tiers.kind === 'thresholds') {
    const t = settings.tiers.thresholds;
    if (t.some((v, k) => k > 0 && v >= (t[k - 1] ?? Infinity)))
      issues.push({
        node: null,
        field: 'tiers',
        message: '分类阈值应从高到低排列（如 80;60）',
        messageEn: 'Tier thresholds must descend (e.g. 80;60)',
      });
  }
  return issues;
}

function checkSpec(
  n: FrameworkNode,
  i: number,
  at: (node: number, field: string, zh: string, en: string) => void,
  opts: ValidateOptions,
): void {
  const s = n.spec!;
  const name = `指标 ${n.code}`;
  if (s.valueType === 'text' && n.weight !== 0)
    at(
      i,
      'weight',
      `${name}：文本指标不参与计分，权重应为 0`,
      `${n.code}: a text indicator is not scored; weight must be 0`,
    );
  if (s.min !== null && s.max !== null && s.min > s.max)
    at(i, 'spec.min', `${name}：最小值大于最大值`, `${n.code}: min is greater than max`);
  if (s.goalposts && s.goalposts[0] >= s.goalposts[1])
    at(i, 'spec.goalposts', `${name}：下限目标应小于上限目标`, `${n.code}: the lower goalpost must be below the upper`);
  if (s.fact && !opts.factExists(s.fact.fact))
    at(
      i,
      'spec.fact',
      `${name}：绑定的指标事实 ${s.fact.fact} 不存在`,
      `${n.code}: no platform fact named ${s.fact.fact}`,
    );
  if (s.fact && s.valueType === 'text')
    at(i, 'spec.fact', `${name}：文本指标不能绑定指标事实`, `${n.code}: a text indicator cannot bind a fact`);
}

/**
 * The nodes in depth-first order (root, first child and its subtree, …), siblings in their given order. Assumes a
 * valid tree; nodes unreachable from the root are appended in input order.
 */
export function depthFirst(nodes: readonly FrameworkNode[]): FrameworkNode[] {
  const kids = new Map<string | null, FrameworkNode[]>();
  for (const n of nodes) {
    const list = kids.get(n.parentCode) ?? [];
    list.push(n);
    kids.set(n.parentCode, list);
  }
  const out: FrameworkNode[] = [];
  const seen = new Set<string>();
  const visit = (n: FrameworkNode) => {
    if (seen.has(n.code)) return;
    seen.add(n.code);
    out.push(n);
    for (const c of kids.get(n.code) ?? []) visit(c);
  };
  for (const r of kids.get(null) ?? []) visit(r);
  for (const n of nodes) if (!seen.has(n.code)) out.push(n);
  return out;
}
