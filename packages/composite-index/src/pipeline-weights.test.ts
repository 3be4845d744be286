import { describe, expect, it } from 'vitest';
import { parseMethod } from './method.ts';
import { runPipeline } from './pipeline.ts';
import { type Framework, dataSetFromRows, getValue } from './types.ts';

describe('weight stages and weighted aggregation', () => {
  const fw2: Framework = {
    indicators: [
      { code: 'rd', direction: 1, weight: 1, parent: 'Input' },
      { code: 'fin', direction: 1, weight: 1, parent: 'Input' },
      { code: 'pat', direction: 1, weight: 1, parent: 'Output' },
      { code: 'neet', direction: -1, weight: 1, parent: 'Output' },
    ],
    aggregates: [
      { code: 'Index', weight: 1 },
      { code: 'Input', weight: 1, parent: 'Index' },
      { code: 'Output', weight: 1, parent: 'Index' },
    ],
  };
  const raw2 = dataSetFromRows(
    ['A', 'B', 'C', 'D', 'E', 'F'],
    ['rd', 'fin', 'pat', 'neet'],
    [
      [1.2, 3, 10, 5],
      [0.4, 2, 2, 9],
      [2.5, 5, 30, 4],
      [0.9, 1, 8, 7],
      [1.8, 4, 12, 6],
      [0.2, 2.5, 1, 12],
    ],
  );
  const run = (stages: unknown[]) => runPipeline(parseMethod({ stages }), { framework: fw2, raw: raw2 });
  const norm = { op: 'normalise', method: 'minMax', range: [0, 100] };

  it('entropy over all indicators (scope global): the index is the flat entropy-weighted mean', () => {
    const r = run([
      norm,
      { op: 'weight', method: 'entropy', scope: 'global' },
      { op: 'aggregate', weights: 'Weights' },
    ]);
    const w = r.weights.Weights!;
    expect(w.rd! + w.fin! + w.pat! + w.neet!).toBeCloseTo(1, 14);
    expect(w.Input).toBeCloseTo(w.rd! + w.fin!, 14);
    const n = r.datasets.Normalised!;
    const agg = r.datasets.Aggregated!;
    n.units.forEach((u) => {
      const flat = ['rd', 'fin', 'pat', 'neet'].reduce((s, c) => s + w[c]! * getValue(n, u, c)!, 0);
      expect(getValue(agg, u, 'Index')).toBeCloseTo(flat, 10);
    });
    // the weight stage reads Normalised and leaves it as the default input of the aggregate stage
    expect(r.log.map((l) => `${l.input}->${l.name}`)).toEqual([
      'Raw->Normalised',
      'Normalised->Weights',
      'Normalised->Aggregated',
    ]);
    const entry = r.log[1]!.report;
    expect(entry.op === 'weight' && entry.details.method === 'entropy' && entry.details.groups[0]!.node).toBe(
      '(global)',
    );
    expect(Object.keys(r.datasets)).not.toContain('Weights');
  });

  it('AHP at the index level (Input 3 x as important as Output) and fixed weights within Input', () => {
    const r = run([
      norm,
      { op: 'weight', method: 'fixed', name: 'Expert', weights: { rd: 2, fin: 1 } },
      {
        op: 'weight',
        method: 'ahp',
        base: 'Expert',
        matrices: {
          Index: {
            items: ['Output', 'Input'],
            matrix: [
              [1, '1/3'],
              [3, 1],
            ],
          },
        },
      },
      { op: 'aggregate', weights: 'Weights' },
    ]);
    const w = r.weights.Weights!;
    expect(w.Input).toBeCloseTo(0.75, 14);
    expect(w.Output).toBeCloseTo(0.25, 14);
    expect(w.rd).toBe(2); // from the base set
    const agg = r.datasets.Aggregated!;
    const input = (2 * getValue(agg, 'A', 'rd')! + getValue(agg, 'A', 'fin')!) / 3;
    expect(getValue(agg, 'A', 'Input')).toBeCloseTo(input, 12);
    expect(getValue(agg, 'A', 'Index')).toBeCloseTo(0.75 * input + 0.25 * getValue(agg, 'A', 'Output')!, 12);
    expect(r.log[3]!.report).toMatchObject({ op: 'aggregate', weights: 'Weights' });
  });

  it('an inconsistent AHP matrix stops the run with the bilingual message', () => {
    expect(() =>
      run([
        norm,
        {
          op: 'weight',
          method: 'ahp',
          matrices: {
            Index: {
              items: ['Input', 'Output'],
              matrix: [
                [1, 2],
                [2, 1],
              ],
            },
          },
        },
      ]),
    ).toThrow(/reciprocal/);
    const tree: Framework = {
      indicators: ['a', 'b', 'c'].map((code) => ({ code, direction: 1 as const, weight: 1, parent: 'I' })),
      aggregates: [{ code: 'I', weight: 1 }],
    };
    const data = dataSetFromRows(['u'], ['a', 'b', 'c'], [[1, 2, 3]]);
    const m = {
      op: 'weight',
      method: 'ahp',
      matrices: {
        I: {
          items: ['a', 'b', 'c'],
          matrix: [
            [1, 9, '1/9'],
            ['1/9', 1, 9],
            [9, '1/9', 1],
          ],
        },
      },
    };
    expect(() => runPipeline(parseMethod({ stages: [m] }), { framework: tree, raw: data })).toThrow(
      /判断矩阵 \(I\)一致性检验未通过.*CR = 6\.1303 > 0\.1/,
    );
  });

  it('equal, PCA (by group from an aggregated data set, and global) and optimised weights log their diagnostics', () => {
    const r = run([
      norm,
      { op: 'weight', method: 'equal', name: 'Equal' },
      { op: 'aggregate', name: 'Pillars', weights: 'Equal' },
      { op: 'weight', method: 'pca', name: 'PCA2', level: 2 },
      { op: 'weight', method: 'pca', name: 'PCA', scope: 'global', input: 'Normalised', rotation: 'none' },
      { op: 'weight', method: 'optimise', name: 'Opt', input: 'Normalised', level: 2 },
      { op: 'aggregate', input: 'Normalised', weights: 'Opt' },
    ]);
    expect(Object.keys(r.weights)).toEqual(['Original', 'Equal', 'PCA2', 'PCA', 'Opt']);
    const detail = (name: string) => {
      const rep = r.log.find((l) => l.name === name)!.report;
      if (rep.op !== 'weight') throw new Error('not a weight stage');
      return rep.details;
    };
    const pca2 = detail('PCA2');
    expect(pca2.method === 'pca' && pca2.groups.map((g) => [g.node, g.eigenvalues.length])).toEqual([['Index', 2]]);
    const pca = detail('PCA');
    expect(pca.method === 'pca' && pca.groups[0]!.eigenvalues).toHaveLength(4);
    const opt = detail('Opt');
    expect(opt.method === 'optimise' && opt.converged).toBe(true);
    expect(opt.method === 'optimise' && opt.achieved.Input).toBeCloseTo(0.5, 3);
  });

  it('generalised and Copeland aggregation from the method file', () => {
    const r = run([
      norm,
      { op: 'aggregate', methodByLevel: { '1': { method: 'generalised', p: 2 }, '2': 'copeland' } },
    ]);
    const agg = r.datasets.Aggregated!;
    const a = getValue(agg, 'A', 'rd')!;
    const b = getValue(agg, 'A', 'fin')!;
    expect(getValue(agg, 'A', 'Input')).toBeCloseTo(Math.sqrt((a * a + b * b) / 2), 12);
    const index = agg.units.map((u) => getValue(agg, u, 'Index')!);
    expect(index.reduce((s, v) => s + v, 0)).toBe(0); // Copeland scores sum to 0
    const g = run([norm, { op: 'aggregate', method: 'generalised', p: 0.5 }]).datasets.Aggregated!;
    expect(getValue(g, 'A', 'Input')).toBeCloseTo(((Math.sqrt(a) + Math.sqrt(b)) / 2) ** 2, 12);
  });

  it.each([
    [{ op: 'weight', method: 'magic' }, /method/],
    [{ op: 'weight', method: 'equal', shift: 1 }, /shift/],
    [{ op: 'weight', method: 'fixed' }, /weights/],
    [{ op: 'aggregate', method: 'median' }, /method/],
    [{ op: 'aggregate', methodByLevel: { '1': { method: 'generalised', q: 2 } } }, /methodByLevel/],
  ])('rejects %j', (stage, msg) => {
    expect(() => parseMethod({ stages: [stage] })).toThrow(msg);
  });

  it.each([
    [[{ op: 'aggregate', weights: 'Nope' }], /no weight set named Nope/],
    [[{ op: 'weight', method: 'fixed', weights: { zz: 1 } }], /zz is not in the framework/],
    [[{ op: 'aggregate', method: 'generalised' }], /finite p/],
    [[{ op: 'weight', method: 'entropy', level: 2 }], /no column Input/],
    [[{ op: 'weight', method: 'ahp', matrices: { Input: { items: ['rd'], matrix: [[1]] } } }], /exactly the children/],
  ])('fails clearly: %j', (stages, msg) => {
    expect(() => run(stages)).toThrow(msg);
  });
});
