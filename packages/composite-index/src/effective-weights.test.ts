import { describe, expect, it } from 'vitest';
import { aggregate } from './aggregate.ts';
import { effectiveImportance, nominalEffectiveWeights, unitEffectiveWeights } from './effective-weights.ts';
import { createRng } from './prng.ts';
import { type Framework, dataSetFromRows, getColumn } from './types.ts';

// Index <- d (1), S (2); S <- P1 (1), P2 (1); P1 <- a (1), b (3); P2 <- c (1)
const fw: Framework = {
  indicators: [
    { code: 'a', direction: 1, weight: 1, parent: 'P1' },
    { code: 'b', direction: 1, weight: 3, parent: 'P1' },
    { code: 'c', direction: 1, weight: 1, parent: 'P2' },
    { code: 'd', direction: 1, weight: 1, parent: 'Index' },
  ],
  aggregates: [
    { code: 'Index', weight: 1 },
    { code: 'S', weight: 2, parent: 'Index' },
    { code: 'P1', weight: 1, parent: 'S' },
    { code: 'P2', weight: 1, parent: 'S' },
  ],
};

describe('nominalEffectiveWeights (COINr get_eff_wts)', () => {
  it('multiplies normalised weights down the tree: S = 2/3, P1 = 1/3, a = 1/12, b = 3/12, c = 1/3, d = 1/3', () => {
    const w = nominalEffectiveWeights(fw);
    const want = { Index: 1, S: 2 / 3, d: 1 / 3, P1: 1 / 3, P2: 1 / 3, a: 1 / 12, b: 3 / 12, c: 1 / 3 };
    for (const [k, v] of Object.entries(want)) expect(w[k]).toBeCloseTo(v, 14);
  });
});

describe('unitEffectiveWeights', () => {
  const ds = dataSetFromRows(
    ['u1', 'u2', 'u3'],
    ['a', 'b', 'c', 'd'],
    [
      [0, 100, 50, 10],
      [40, null, null, 70], // b and c missing: P2 missing, S = P1 = a
      [null, null, null, null],
    ],
  );
  const eff = unitEffectiveWeights(ds, fw);

  it('complete unit: the nominal weights; gaps: renormalised over what the unit has', () => {
    expect(eff.indicators).toEqual(['a', 'b', 'c', 'd']);
    const row = (i: number): number[] => eff.columns.map((c) => c[i]!);
    [1 / 12, 3 / 12, 1 / 3, 1 / 3].forEach((v, j) => expect(row(0)[j]).toBeCloseTo(v, 14));
    [2 / 3, 0, 0, 1 / 3].forEach((v, j) => expect(row(1)[j]).toBeCloseTo(v, 14));
    row(2).forEach((v) => expect(v).toBeNaN());
  });

  it('the index is the effective-weighted sum of the indicators (arithmetic), random data with gaps', () => {
    const rng = createRng(5);
    const rows = Array.from({ length: 50 }, () => [0, 1, 2, 3].map(() => (rng() < 0.2 ? null : rng() * 100)));
    const data = dataSetFromRows(
      rows.map((_, i) => `u${i}`),
      ['a', 'b', 'c', 'd'],
      rows,
    );
    const index = getColumn(aggregate(data, fw), 'Index');
    const w = unitEffectiveWeights(data, fw);
    rows.forEach((r, i) => {
      if (Number.isNaN(index[i])) return;
      const sum = r.reduce<number>((s, v, j) => s + (v === null ? 0 : v * w.columns[j]![i]!), 0);
      expect(sum).toBeCloseTo(index[i]!, 10);
    });
  });

  it('a data threshold makes a thin aggregate count as missing, as aggregate does', () => {
    const w = unitEffectiveWeights(ds, fw, { dataThreshold: 0.6 });
    // u2: P1 has 1 of 2 children (< 0.6) -> missing, so S and then the index (1 of 2) are missing
    w.columns.forEach((c) => expect(c[1]).toBeNaN());
    expect(getColumn(aggregate(ds, fw, { dataThreshold: 0.6 }), 'Index')[1]).toBeNaN();
    const w5 = unitEffectiveWeights(ds, fw, { dataThreshold: 0.5 });
    expect(w5.columns.map((c) => c[1])).toEqual(eff.columns.map((c) => c[1]));
  });
});

describe('effectiveImportance', () => {
  it('perfectly correlated indicators share the importance equally; correlations with parent and index', () => {
    const flat: Framework = {
      indicators: [
        { code: 'x', direction: 1, weight: 1, parent: 'P' },
        { code: 'y', direction: 1, weight: 3, parent: 'P' },
      ],
      aggregates: [{ code: 'P', weight: 1 }],
    };
    const data = dataSetFromRows(
      ['a', 'b', 'c'],
      ['x', 'y'],
      [
        [1, 2],
        [2, 4],
        [4, 8],
      ],
    );
    const imp = effectiveImportance(aggregate(data, flat), flat);
    expect(imp.map((r) => r.code)).toEqual(['x', 'y']);
    expect(imp[0]!.effectiveWeight).toBe(0.25);
    imp.forEach((r) => {
      expect(r.correlationWithIndex).toBeCloseTo(1, 14);
      expect(r.correlationWithParent).toBeCloseTo(1, 14);
      expect(r.share).toBeCloseTo(0.5, 14);
    });
  });

  it('covers aggregates below the root and normalises shares within each level', () => {
    const rng = createRng(9);
    const rows = Array.from({ length: 30 }, () => [rng(), rng(), rng(), rng()]);
    const data = dataSetFromRows(
      rows.map((_, i) => `u${i}`),
      ['a', 'b', 'c', 'd'],
      rows,
    );
    const imp = effectiveImportance(aggregate(data, fw), fw);
    expect(imp.map((r) => `${r.code}@${r.level}`)).toEqual(['a@0', 'b@0', 'c@0', 'd@0', 'S@2', 'P1@1', 'P2@1']);
    const level0 = imp.filter((r) => r.level === 0).reduce((s, r) => s + r.share, 0);
    expect(level0).toBeCloseTo(1, 14);
    expect(imp.find((r) => r.code === 'S')!.share).toBeCloseTo(1, 14);
  });
});
