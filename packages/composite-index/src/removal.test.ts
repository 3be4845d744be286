import { describe, expect, it } from 'vitest';
import { parseMethod } from './method.ts';
import { runPipeline } from './pipeline.ts';
import { rankColumn } from './rank.ts';
import { indicatorRemovalImpact, removeIndicator } from './removal.ts';
import { type Framework, dataSetFromRows, getColumn, selectIndicators } from './types.ts';

const fw: Framework = {
  indicators: [
    { code: 'a', direction: 1, weight: 1, parent: 'P1' },
    { code: 'b', direction: 1, weight: 1, parent: 'P1' },
    { code: 'c', direction: -1, weight: 1, parent: 'P2' },
  ],
  aggregates: [
    { code: 'Index', weight: 1 },
    { code: 'P1', weight: 1, parent: 'Index' },
    { code: 'P2', weight: 1, parent: 'Index' },
  ],
};
const raw = dataSetFromRows(
  ['u1', 'u2', 'u3', 'u4', 'u5'],
  ['a', 'b', 'c'],
  [
    [10, 1, 5],
    [20, 5, 1],
    [30, 2, 4],
    [40, 4, 2],
    [50, 3, 3],
  ],
);
const method = parseMethod({
  stages: [{ op: 'normalise', method: 'minMax', range: [0, 100] }, { op: 'aggregate' }, { op: 'rank' }],
});

describe('removeIndicator', () => {
  it('drops the indicator and any aggregate left without children', () => {
    const g = removeIndicator(fw, 'c');
    expect(g.indicators.map((m) => m.code)).toEqual(['a', 'b']);
    expect(g.aggregates.map((a) => a.code)).toEqual(['Index', 'P1']);
    expect(removeIndicator(fw, 'a').aggregates).toHaveLength(3);
  });
});

describe('indicatorRemovalImpact (COINr remove_elements)', () => {
  const r = indicatorRemovalImpact(method, { framework: fw, raw });

  it('nominal ranks and, per indicator, the ranks of a plain re-run without it', () => {
    const nominal = runPipeline(method, { framework: fw, raw }).datasets.Ranks!;
    expect(Array.from(r.nominalRanks)).toEqual(Array.from(getColumn(nominal, 'Index')));
    for (const impact of r.impacts) {
      const g = removeIndicator(fw, impact.indicator);
      const rerun = runPipeline(method, {
        framework: g,
        raw: selectIndicators(
          raw,
          g.indicators.map((m) => m.code),
        ),
      });
      const want = rankColumn(getColumn(rerun.datasets.Aggregated!, 'Index'));
      expect(Array.from(impact.ranks)).toEqual(Array.from(want));
      expect(Array.from(impact.shift)).toEqual(Array.from(want, (v, i) => v - r.nominalRanks[i]!));
      const abs = Array.from(impact.shift, Math.abs);
      expect(impact.meanAbsoluteShift).toBeCloseTo(abs.reduce((s, v) => s + v, 0) / abs.length, 14);
      expect(impact.maxAbsoluteShift).toBe(Math.max(...abs));
    }
    // sorted by mean absolute shift, largest first
    const m = r.impacts.map((x) => x.meanAbsoluteShift);
    expect([...m].sort((x, y) => y - x)).toEqual(m);
  });

  it('removes the indicator from fixed weights and AHP matrices too', () => {
    const weighted = parseMethod({
      stages: [
        { op: 'normalise', method: 'minMax', range: [0, 100] },
        { op: 'weight', method: 'fixed', name: 'F', weights: { a: 2, b: 1, c: 1 } },
        {
          op: 'weight',
          method: 'ahp',
          base: 'F',
          matrices: {
            P1: {
              items: ['a', 'b'],
              matrix: [
                [1, 3],
                ['1/3', 1],
              ],
            },
            Index: {
              items: ['P1', 'P2'],
              matrix: [
                [1, 2],
                [0.5, 1],
              ],
            },
          },
        },
        { op: 'aggregate', weights: 'Weights' },
      ],
    });
    const out = indicatorRemovalImpact(weighted, { framework: fw, raw }, { indicators: ['b', 'c'] });
    expect(out.impacts.every((x) => x.error === undefined)).toBe(true);
    expect(out.impacts.map((x) => x.indicator).sort()).toEqual(['b', 'c']);
  });

  it('reports a failed run instead of throwing', () => {
    const flat: Framework = {
      indicators: [{ code: 'a', direction: 1, weight: 1, parent: 'I' }],
      aggregates: [{ code: 'I', weight: 1 }],
    };
    const out = indicatorRemovalImpact(method, { framework: flat, raw: selectIndicators(raw, ['a']) });
    expect(out.impacts[0]!.error).toMatch(/no I in the output/);
    expect(out.impacts[0]!.meanAbsoluteShift).toBeNaN();
  });
});
