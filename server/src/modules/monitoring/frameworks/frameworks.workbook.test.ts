import { describe, expect, it } from 'vitest';
import type { ValidRow } from '../../../platform/spreadsheets/sheet.ts';
import { buildDefaultFramework } from './default-framework.ts';
import type { FrameworkSheetRow } from './frameworks.sheet.ts';
import { frameworkFromRows } from './frameworks.workbook.ts';

const opts = { factExists: () => true };
const rows = (list: FrameworkSheetRow[]): ValidRow<FrameworkSheetRow>[] =>
  list.map((value, i) => ({ row: i + 2, value }));

describe('frameworkFromRows', () => {
  it('takes the points as weight when the weight is blank, and the root row settings', () => {
    const f = frameworkFromRows(
      rows([
        {
          code: 'I',
          kind: 'index',
          nameZh: '指数',
          tiers: { kind: 'counts', counts: [10, 15, 78] },
          deadline: '05-31',
        },
        { code: 'D1', parentCode: 'I', kind: 'dimension', nameZh: '维度' },
        { code: 'A', parentCode: 'D1', kind: 'indicator', nameZh: '甲', points: 7 },
        { code: 'B', parentCode: 'D1', kind: 'indicator', nameZh: '乙' },
      ]),
      opts,
    );
    expect(f.errors).toEqual([]);
    expect(f.nodes.map((n) => [n.code, n.weight])).toEqual([
      ['I', 1],
      ['D1', 1],
      ['A', 7],
      ['B', 1],
    ]);
    expect(f.settings).toMatchObject({ tiers: { kind: 'counts', counts: [10, 15, 78] }, deadline: '05-31' });
  });

  it('needs both goalposts and a rule expression, and refuses more nodes than a draft holds', () => {
    const half = frameworkFromRows(
      rows([
        { code: 'I', kind: 'index', nameZh: '指数' },
        { code: 'A', parentCode: 'I', kind: 'indicator', nameZh: '甲', goalLow: 1 },
        { code: 'R1', kind: 'rule', nameZh: '规则' },
      ]),
      opts,
    );
    expect(half.errors.map((e) => `${e.row}:${e.column}`)).toEqual(['3:上限目标', '4:规则表达式']);

    const many: FrameworkSheetRow[] = [{ code: 'I', kind: 'index', nameZh: '指数' }];
    for (let i = 0; i < 500; i++) many.push({ code: `A${i}`, parentCode: 'I', kind: 'indicator', nameZh: `指标${i}` });
    const big = frameworkFromRows(rows(many), opts);
    expect(big.errors).toEqual([
      expect.objectContaining({ row: 502, message: expect.stringContaining('最多 500 个节点') }),
    ]);
  });

  it('builds the default framework tree from its rows without issues, in row order', () => {
    const { nodes, settings } = buildDefaultFramework();
    const asRows = nodes.map((n): FrameworkSheetRow => ({
      code: n.code,
      parentCode: n.parentCode ?? undefined,
      kind: n.kind,
      nameZh: n.nameZh,
      weight: n.weight,
    }));
    const f = frameworkFromRows(rows(asRows), opts);
    expect(f.errors).toEqual([]);
    expect(f.nodes.map((n) => n.code)).toEqual(nodes.map((n) => n.code));
    expect(settings.rules).toHaveLength(1);
  });
});
