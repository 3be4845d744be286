import { describe, expect, it } from 'vitest';
import { ZFrameworkSettings, ZIndicatorSpec, type FrameworkNode } from '../../../../../contracts/monitoring.ts';
import { buildDefaultFramework } from './default-framework.ts';
import { depthFirst, validateFramework } from './frameworks.validate.ts';

const opts = { factExists: (n: string) => n === 'experts.count' };
const settings = ZFrameworkSettings.parse({});
const spec = ZIndicatorSpec.parse({});

function node(code: string, parentCode: string | null, kind: FrameworkNode['kind'], weight = 1): FrameworkNode {
  return { code, parentCode, kind, nameZh: code, nameEn: '', weight, spec: kind === 'indicator' ? spec : null };
}

const small = (): FrameworkNode[] => [
  node('I', null, 'index'),
  node('D1', 'I', 'dimension'),
  node('A', 'D1', 'indicator'),
  node('B', 'D1', 'indicator'),
];

describe('validateFramework', () => {
  it('accepts the default framework and a small valid tree', () => {
    const d = buildDefaultFramework();
    expect(validateFramework(d.nodes, d.settings, opts)).toEqual([]);
    expect(validateFramework(small(), settings, opts)).toEqual([]);
  });

  it.each([
    ['two roots', (n: FrameworkNode[]) => n.push(node('J', null, 'index')), 4, 'parentCode', '只能有一个根节点'],
    ['unknown parent', (n: FrameworkNode[]) => (n[3]!.parentCode = 'DX'), 3, 'parentCode', '上级编码 DX 不存在'],
    ['duplicate code', (n: FrameworkNode[]) => (n[3]!.code = 'A'), 3, 'code', '编码 A 重复'],
    ['indicator with a child', (n: FrameworkNode[]) => (n[3]!.parentCode = 'A'), 2, 'kind', '指标必须是末级节点'],
    [
      'negative group sum',
      (n: FrameworkNode[]) => ((n[2]!.weight = 0), (n[3]!.weight = 0)),
      1,
      'weight',
      '权重之和必须大于 0',
    ],
    [
      'dimension without children',
      (n: FrameworkNode[]) => n.push(node('D2', 'I', 'dimension')),
      4,
      'kind',
      '没有下级节点',
    ],
    ['indicator without spec', (n: FrameworkNode[]) => (n[2]!.spec = null), 2, 'spec', '缺少指标定义'],
    ['root not an index', (n: FrameworkNode[]) => (n[0]!.kind = 'dimension'), 0, 'kind', '根节点的层级应为“指数”'],
    [
      'dimension under a dimension',
      (n: FrameworkNode[]) => n.push(node('D2', 'D1', 'dimension')),
      4,
      'kind',
      '不能挂在',
    ],
  ])('%s', (_name, mutate, at, field, message) => {
    const nodes = small();
    mutate(nodes);
    const issues = validateFramework(nodes, settings, opts);
    expect(issues).toContainEqual(
      expect.objectContaining({ node: at, field, message: expect.stringContaining(message) }),
    );
  });

  it('finds a cycle and names the node code', () => {
    const nodes = [
      ...small(),
      node('S1', 'S2', 'subdimension'),
      node('S2', 'S1', 'subdimension'),
      node('C', 'S1', 'indicator'),
    ];
    const issues = validateFramework(nodes, settings, opts);
    const cycle = issues.filter((i) => i.message.includes('循环'));
    expect(cycle.map((i) => i.node)).toEqual([4, 5, 6]);
    expect(cycle[0]!.message).toBe('子维度 S1：上级关系形成循环');
  });

  it('checks text indicators, ranges, goalposts and facts', () => {
    const nodes = small();
    nodes[2] = { ...nodes[2]!, weight: 2, spec: { ...spec, valueType: 'text', min: 5, max: 1 } };
    nodes[3] = { ...nodes[3]!, spec: { ...spec, goalposts: [3, 1], fact: { fact: 'nope.count' } } };
    const fields = validateFramework(nodes, settings, opts).map((i) => `${i.node}:${i.field}`);
    expect(fields).toEqual(['2:weight', '2:spec.min', '3:spec.goalposts', '3:spec.fact']);
  });

  it('requires rules to compare two numeric indicators of the framework', () => {
    const nodes = small();
    nodes[3] = { ...nodes[3]!, weight: 0, spec: { ...spec, valueType: 'text' } };
    const rules = ZFrameworkSettings.parse({
      rules: [
        { code: 'R1', kind: 'lte', left: 'A', right: 'B', messageZh: 'x' },
        { code: 'R2', kind: 'lte', left: 'A', right: 'ZZ', messageZh: 'x' },
        { code: 'R2', kind: 'lte', left: 'A', right: 'A', messageZh: 'x' },
      ],
    });
    const issues = validateFramework(nodes, rules, opts);
    expect(issues.map((i) => `${i.rule}:${i.field}`)).toEqual(['0:right', '1:right', '2:code', '2:right']);
    expect(issues[0]!.message).toBe('校验规则 R1：B 不是本体系中的数值型指标');
  });

  it('refuses ascending tier thresholds', () => {
    const s = ZFrameworkSettings.parse({ tiers: { kind: 'thresholds', thresholds: [60, 80] } });
    expect(validateFramework(small(), s, opts)).toEqual([expect.objectContaining({ field: 'tiers' })]);
  });
});

describe('depthFirst', () => {
  it('orders root, each dimension and its subtree, keeping sibling order', () => {
    const nodes = [
      node('A', 'D1', 'indicator'),
      node('C', 'D2', 'indicator'),
      node('I', null, 'index'),
      node('D2', 'I', 'dimension'),
      node('B', 'D1', 'indicator'),
      node('D1', 'I', 'dimension'),
    ];
    expect(depthFirst(nodes).map((n) => n.code)).toEqual(['I', 'D2', 'C', 'D1', 'A', 'B']);
  });
});
