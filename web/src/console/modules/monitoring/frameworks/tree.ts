/**
 * Pure helpers of the framework pages (指标体系): the node list as a tree for antd's Table, weight shares, the draft
 * editor's operations (add, update, remove a subtree), and the server's errors mapped back to nodes and rows.
 */
import type { FrameworkNode, FrameworkSummary, IndicatorSpec } from '../../../../../../contracts/monitoring.ts';

export interface TreeRow {
  key: string;
  node: FrameworkNode;
  /** Share of the node's weight among its siblings (0-1), null for the root. */
  share: number | null;
  /** Share of the whole index: product of the shares up the tree. */
  overall: number;
  children?: TreeRow[];
}

/** The nodes as nested rows (children in their given order); leaves carry no `children` (no expand icon). */
export function buildTree(nodes: readonly FrameworkNode[]): TreeRow[] {
  const kids = new Map<string | null, FrameworkNode[]>();
  for (const n of nodes) {
    const list = kids.get(n.parentCode) ?? [];
    list.push(n);
    kids.set(n.parentCode, list);
  }
  const seen = new Set<string>();
  const make = (n: FrameworkNode, share: number | null, parentOverall: number): TreeRow => {
    seen.add(n.code);
    const overall = parentOverall * (share ?? 1);
    const children = (kids.get(n.code) ?? []).filter((c) => !seen.has(c.code));
    const sum = children.reduce((s, c) => s + c.weight, 0);
    const row: TreeRow = { key: n.code, node: n, share, overall };
    if (children.length > 0) row.children = children.map((c) => make(c, sum > 0 ? c.weight / sum : 0, overall));
    return row;
  };
  return (kids.get(null) ?? []).map((r) => make(r, null, 1));
}

/** Codes of every aggregate node (to expand the whole tree). */
export function aggregateCodes(nodes: readonly FrameworkNode[]): string[] {
  return nodes.filter((n) => n.kind !== 'indicator').map((n) => n.code);
}

export type StatusTag = { key: string; zh: string; en: string; color: string };

/** Tags of a version: 默认 (the shipped default) and its status. */
export function statusTags(f: Pick<FrameworkSummary, 'isDefault' | 'status'>): StatusTag[] {
  const tags: StatusTag[] = [];
  if (f.isDefault) tags.push({ key: 'default', zh: '默认', en: 'Default', color: 'gold' });
  if (f.status === 'draft') tags.push({ key: 'draft', zh: '草稿', en: 'Draft', color: 'blue' });
  else if (f.status === 'active') tags.push({ key: 'active', zh: '启用', en: 'Active', color: 'green' });
  else tags.push({ key: 'retired', zh: '停用', en: 'Retired', color: 'default' });
  return tags;
}

/** The next free child code under `parent`: D1 -> D1.7, CII -> D6 (dimension codes D1…), else parent.n. */
export function nextCode(nodes: readonly FrameworkNode[], parent: FrameworkNode): string {
  const used = new Set(nodes.map((n) => n.code));
  const prefix = parent.kind === 'index' ? 'D' : `${parent.code}.`;
  for (let i = 1; ; i++) if (!used.has(`${prefix}${i}`)) return `${prefix}${i}`;
}

/** A blank indicator definition (the server's defaults). */
export function blankSpec(): IndicatorSpec {
  return {
    unit: '',
    direction: 1,
    points: null,
    denominator: '',
    density: 'none',
    log: false,
    source: '',
    periodType: 'year',
    lagMonths: 6,
    targets: {},
    targetNote: '',
    standardValue: null,
    goalposts: null,
    fact: null,
    min: null,
    max: null,
    maxYoyChange: null,
    qualitative: false,
    valueType: 'number',
    optional: false,
    evidence: '',
  };
}

/** Adds a child after the parent's last descendant; dimensions under the index, indicators elsewhere by default. */
export function addChild(
  nodes: readonly FrameworkNode[],
  parentCode: string,
  kind: FrameworkNode['kind'],
): { nodes: FrameworkNode[]; code: string } {
  const parent = nodes.find((n) => n.code === parentCode);
  if (!parent) return { nodes: [...nodes], code: '' };
  const code = nextCode(nodes, parent);
  const child: FrameworkNode = {
    code,
    parentCode,
    kind,
    nameZh: kind === 'indicator' ? '新指标' : '新维度',
    nameEn: '',
    weight: 1,
    spec: kind === 'indicator' ? blankSpec() : null,
  };
  const inside = descendants(nodes, parentCode);
  let at = nodes.findIndex((n) => n.code === parentCode);
  nodes.forEach((n, i) => {
    if (inside.has(n.code)) at = Math.max(at, i);
  });
  return { nodes: [...nodes.slice(0, at + 1), child, ...nodes.slice(at + 1)], code };
}

/** Codes below `code` (not itself). */
export function descendants(nodes: readonly FrameworkNode[], code: string): Set<string> {
  const out = new Set<string>();
  let frontier = [code];
  while (frontier.length > 0) {
    const next = nodes.filter((n) => n.parentCode !== null && frontier.includes(n.parentCode) && !out.has(n.code));
    next.forEach((n) => out.add(n.code));
    frontier = next.map((n) => n.code);
  }
  return out;
}

/** Removes a node and its subtree. */
export function removeNode(nodes: readonly FrameworkNode[], code: string): FrameworkNode[] {
  const gone = descendants(nodes, code);
  gone.add(code);
  return nodes.filter((n) => !gone.has(n.code));
}

/** Replaces a node; a changed code is carried to its children's parentCode. */
export function updateNode(nodes: readonly FrameworkNode[], code: string, next: FrameworkNode): FrameworkNode[] {
  return nodes.map((n) => {
    if (n.code === code) return next;
    if (n.parentCode === code && next.code !== code) return { ...n, parentCode: next.code };
    return n;
  });
}

export interface NodeError {
  field: string;
  message: string;
}

export interface MappedErrors {
  /** Node code -> its errors (from `body.nodes.<i>.<field>`). */
  byNode: Map<string, NodeError[]>;
  /** Errors not about one node (settings, rules, names). */
  general: string[];
}

/** Server details of a refused save mapped onto the nodes that were sent (by position). */
export function mapSaveErrors(
  details: readonly { path: string; message: string }[],
  sent: readonly FrameworkNode[],
): MappedErrors {
  const byNode = new Map<string, NodeError[]>();
  const general: string[] = [];
  for (const d of details) {
    const m = /^body\.nodes\.(\d+)(?:\.(.+))?$/.exec(d.path);
    const node = m ? sent[Number(m[1])] : undefined;
    if (!node) {
      general.push(d.message);
      continue;
    }
    const list = byNode.get(node.code) ?? [];
    list.push({ field: m?.[2] ?? '', message: d.message });
    byNode.set(node.code, list);
  }
  return { byNode, general };
}

export interface ReportRow {
  key: number;
  row: number | null;
  column: string;
  message: string;
  messageEn: string;
}

/** An import refusal's details (`row 12: 方向`) as report rows. */
export function importReport(details: readonly { path: string; message: string; messageEn?: string }[]): ReportRow[] {
  return details.map((d, key) => {
    const m = /^row (\d+)(?::\s*(.*))?$/.exec(d.path);
    const texts = { message: d.message, messageEn: d.messageEn ?? d.message };
    return m ? { key, row: Number(m[1]), column: m[2] ?? '', ...texts } : { key, row: null, column: d.path, ...texts };
  });
}
