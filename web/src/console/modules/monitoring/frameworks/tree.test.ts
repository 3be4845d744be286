import { describe, expect, it } from 'vitest';
import type { FrameworkNode } from '../../../../../../contracts/monitoring.ts';
import {
  addChild,
  blankSpec,
  buildTree,
  descendants,
  importReport,
  mapSaveErrors,
  nextCode,
  removeNode,
  statusTags,
  updateNode,
} from './tree.ts';
import {
  formatFact,
  formatTierValues,
  formToNode,
  nodeToForm,
  parseFact,
  parseTargets,
  parseTiers,
} from './spec-form.ts';

function node(code: string, parentCode: string | null, kind: FrameworkNode['kind'], weight = 1): FrameworkNode {
  return { code, parentCode, kind, nameZh: code, nameEn: '', weight, spec: kind === 'indicator' ? blankSpec() : null };
}

const sample = (): FrameworkNode[] => [
  node('CII', null, 'index'),
  node('D1', 'CII', 'dimension', 30),
  node('D1.1', 'D1', 'indicator', 6),
  node('D1.2', 'D1', 'indicator', 4),
  node('D2', 'CII', 'dimension', 70),
  node('D2.1', 'D2', 'indicator', 5),
];

describe('buildTree', () => {
  it('nests rows with sibling shares and shares of the whole index; leaves have no children', () => {
    const [root] = buildTree(sample());
    expect(root?.key).toBe('CII');
    expect(root?.share).toBeNull();
    expect(root?.children?.map((c) => [c.key, c.share])).toEqual([
      ['D1', 0.3],
      ['D2', 0.7],
    ]);
    const d11 = root?.children?.[0]?.children?.[0];
    expect(d11).toMatchObject({ key: 'D1.1', share: 0.6 });
    expect(d11?.overall).toBeCloseTo(0.18, 10);
    expect(d11?.children).toBeUndefined();
  });

  it('survives a cycle in an unsaved draft', () => {
    const nodes = [...sample(), node('X', 'Y', 'subdimension'), node('Y', 'X', 'subdimension')];
    expect(buildTree(nodes)).toHaveLength(1);
  });
});

describe('draft editing', () => {
  it('suggests the next free code: dimensions D<n> under the index, <parent>.<n> elsewhere', () => {
    const nodes = sample();
    expect(nextCode(nodes, nodes[0]!)).toBe('D3');
    expect(nextCode(nodes, nodes[1]!)).toBe('D1.3');
  });

  it('adds a child after the last descendant of its parent', () => {
    const { nodes, code } = addChild(sample(), 'D1', 'indicator');
    expect(code).toBe('D1.3');
    expect(nodes.map((n) => n.code)).toEqual(['CII', 'D1', 'D1.1', 'D1.2', 'D1.3', 'D2', 'D2.1']);
    expect(nodes[4]).toMatchObject({ parentCode: 'D1', kind: 'indicator', spec: blankSpec() });
    const dim = addChild(sample(), 'CII', 'dimension');
    expect(dim.nodes.at(-1)).toMatchObject({ code: 'D3', kind: 'dimension', spec: null });
  });

  it('removes a subtree and renames a node with its children following', () => {
    expect(descendants(sample(), 'D1')).toEqual(new Set(['D1.1', 'D1.2']));
    expect(removeNode(sample(), 'D1').map((n) => n.code)).toEqual(['CII', 'D2', 'D2.1']);
    const renamed = updateNode(sample(), 'D2', { ...sample()[4]!, code: 'D9' });
    expect(renamed.find((n) => n.code === 'D2.1')?.parentCode).toBe('D9');
  });

  it('tags versions: default, draft, active, retired', () => {
    expect(statusTags({ isDefault: true, status: 'active' }).map((s) => s.zh)).toEqual(['默认', '启用']);
    expect(statusTags({ isDefault: false, status: 'draft' }).map((s) => s.zh)).toEqual(['草稿']);
    expect(statusTags({ isDefault: false, status: 'retired' }).map((s) => s.zh)).toEqual(['停用']);
  });
});

describe('server errors', () => {
  it('maps node paths to the codes that were sent and keeps the rest general', () => {
    const sent = sample();
    const mapped = mapSaveErrors(
      [
        { path: 'body.nodes.2.parentCode', message: '指标 D1.1：上级编码 D9 不存在' },
        { path: 'body.nodes.5.weight', message: 'w' },
        { path: 'body.settings.rules.0.right', message: '校验规则 R1：…' },
      ],
      sent,
    );
    expect(mapped.byNode.get('D1.1')).toEqual([{ field: 'parentCode', message: '指标 D1.1：上级编码 D9 不存在' }]);
    expect(mapped.byNode.get('D2.1')?.[0]?.field).toBe('weight');
    expect(mapped.general).toEqual(['校验规则 R1：…']);
  });

  it('reads the import report rows', () => {
    expect(
      importReport([
        { path: 'row 12: 方向', message: '方向应为“正向”或“逆向”', messageEn: 'direction' },
        { path: 'row 2', message: '文件中没有数据行' },
        { path: 'querystring.nameZh', message: '请填写体系名称' },
      ]),
    ).toEqual([
      { key: 0, row: 12, column: '方向', message: '方向应为“正向”或“逆向”', messageEn: 'direction' },
      { key: 1, row: 2, column: '', message: '文件中没有数据行', messageEn: '文件中没有数据行' },
      { key: 2, row: null, column: 'querystring.nameZh', message: '请填写体系名称', messageEn: '请填写体系名称' },
    ]);
  });
});

describe('node form conversion', () => {
  const indicator: FrameworkNode = {
    ...node('D1.1', 'D1', 'indicator', 6),
    spec: {
      ...blankSpec(),
      unit: '%',
      targets: { '2027': 2, '2025': 1.5 },
      goalposts: [0, 3],
      fact: { fact: 'organisations.count', filter: { type: 'enterprise' } },
      min: 0,
      max: 100,
    },
  };

  it('round-trips a node through the form', () => {
    const form = nodeToForm(indicator);
    expect(form).toMatchObject({
      targets: '2025:1.5;2027:2',
      goalLow: 0,
      goalHigh: 3,
      fact: 'organisations.count?type=enterprise',
      text: false,
    });
    expect(formToNode(indicator, form)).toEqual(indicator);
  });

  it('applies edits, drops goalposts given by half, and refuses malformed targets', () => {
    const next = formToNode(indicator, {
      ...nodeToForm(indicator),
      weight: 3,
      direction: -1,
      targets: '2030：4',
      goalHigh: null,
      text: true,
      fact: '',
    });
    expect(next.weight).toBe(3);
    expect(next.spec).toMatchObject({
      direction: -1,
      targets: { '2030': 4 },
      goalposts: null,
      valueType: 'text',
      fact: null,
    });
    expect(() => formToNode(indicator, { ...nodeToForm(indicator), targets: '2025=1' })).toThrow('目标值格式');
    const dim = node('D1', 'CII', 'dimension');
    expect(formToNode(dim, { ...nodeToForm(dim), nameZh: ' 投入 ' })).toEqual({ ...dim, nameZh: '投入' });
  });

  it('parses targets and facts', () => {
    expect(parseTargets('')).toEqual({});
    expect(parseTargets('2025:1.5；2026: -2')).toEqual({ '2025': 1.5, '2026': -2 });
    expect(parseTargets('abc')).toBeNull();
    expect(parseFact('experts.count')).toEqual({ fact: 'experts.count' });
    expect(formatFact(parseFact('a.b?x=1&y=2'))).toBe('a.b?x=1&y=2');
    expect(parseFact('  ')).toBeNull();
  });
});

describe('tier settings', () => {
  it('edits thresholds and counts as text', () => {
    expect(formatTierValues({ kind: 'thresholds', thresholds: [80, 60] })).toBe('80;60');
    expect(parseTiers('thresholds', '85；65')).toEqual({ kind: 'thresholds', thresholds: [85, 65] });
    expect(parseTiers('counts', '10;15;78')).toEqual({ kind: 'counts', counts: [10, 15, 78] });
    expect(parseTiers('counts', '10')).toBeNull();
    expect(parseTiers('counts', '10;1.5')).toBeNull();
    expect(parseTiers('thresholds', 'abc')).toBeNull();
    expect(parseTiers('thresholds', '')).toBeNull();
  });
});
