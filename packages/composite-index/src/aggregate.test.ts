import { describe, expect, it } from 'vitest';
import {
  type AggregationMethod,
  type AggregationSpec,
  aggregate,
  aggregateColumns,
  copelandColumns,
  resolveTree,
  rootCode,
} from './aggregate.ts';
import { type Framework, dataSetFromRows, getValue } from './types.ts';

const NA = Number.NaN;
const cols = (...xs: number[][]): Float64Array[] => xs.map((x) => Float64Array.from(x));

describe('aggregateColumns', () => {
  it.each<{ name: string; x: number[][]; w: number[]; m: AggregationMethod; t?: number; want: number[] }>([
    { name: 'arithmetic, equal weights', x: [[1], [2], [6]], w: [1, 1, 1], m: 'arithmetic', want: [3] },
    { name: 'arithmetic, weights 1:3', x: [[0], [100]], w: [1, 3], m: 'arithmetic', want: [75] },
    {
      name: 'missing child skipped, weights renormalised: (1*10 + 3*40) / (1 + 3)',
      x: [[10], [NA], [40]],
      w: [1, 2, 3],
      m: 'arithmetic',
      want: [32.5],
    },
    { name: 'all children missing', x: [[NA], [NA]], w: [1, 1], m: 'arithmetic', want: [NA] },
    {
      name: 'data threshold 0.7: 2 of 3 present is not enough',
      x: [[10], [NA], [40]],
      w: [1, 1, 1],
      m: 'arithmetic',
      t: 0.7,
      want: [NA],
    },
    {
      name: 'data threshold 0.6: 2 of 3 is enough',
      x: [[10], [NA], [40]],
      w: [1, 1, 1],
      m: 'arithmetic',
      t: 0.6,
      want: [25],
    },
    { name: 'geometric, equal weights', x: [[4], [16]], w: [1, 1], m: 'geometric', want: [8] },
    { name: 'geometric, weights 3:1 = 2^2.5', x: [[4], [16]], w: [3, 1], m: 'geometric', want: [2 ** 2.5] },
    { name: 'geometric of a zero is NaN', x: [[0], [16]], w: [1, 1], m: 'geometric', want: [NA] },
    { name: 'harmonic', x: [[1], [4]], w: [1, 1], m: 'harmonic', want: [1.6] },
    {
      name: 'several units',
      x: [
        [1, 2, NA],
        [3, NA, NA],
      ],
      w: [1, 1],
      m: 'arithmetic',
      want: [2, 2, NA],
    },
  ])('$name', ({ x, w, m, t, want }) => {
    const got = Array.from(aggregateColumns(cols(...x), Float64Array.from(w), m, t));
    got.forEach((v, i) => (Number.isNaN(want[i]) ? expect(v).toBeNaN() : expect(v).toBeCloseTo(want[i]!, 12)));
  });
});

const framework: Framework = {
  indicators: [
    { code: 'a', direction: 1, weight: 1, parent: 'P1' },
    { code: 'b', direction: 1, weight: 3, parent: 'P1' },
    { code: 'c', direction: 1, weight: 1, parent: 'P2' },
    { code: 'd', direction: 1, weight: 1, parent: 'Index' }, // an indicator directly under the root
  ],
  aggregates: [
    { code: 'Index', weight: 1 },
    { code: 'S', weight: 2, parent: 'Index' },
    { code: 'P1', weight: 1, parent: 'S' },
    { code: 'P2', weight: 1, parent: 'S' },
  ],
};

describe('resolveTree', () => {
  it('orders nodes bottom-up with levels from the height above the indicators', () => {
    const nodes = resolveTree(framework);
    expect(nodes.map((n) => [n.code, n.level, n.children])).toEqual([
      ['P1', 1, ['a', 'b']],
      ['P2', 1, ['c']],
      ['S', 2, ['P1', 'P2']],
      ['Index', 3, ['d', 'S']],
    ]);
    expect(Array.from(nodes[3]!.weights)).toEqual([1, 2]);
  });

  it.each([
    ['unknown parent', { ...framework, aggregates: [{ code: 'Index', weight: 1 }] }, /parent P1/],
    [
      'childless aggregate',
      { ...framework, aggregates: [...framework.aggregates, { code: 'E', weight: 1 }] },
      /E has no children/,
    ],
    [
      'cycle',
      {
        indicators: framework.indicators,
        aggregates: [{ code: 'Index', weight: 1, parent: 'S' }, ...framework.aggregates.slice(1)],
      },
      /cycle/,
    ],
  ])('rejects %s', (_name, fw, msg) => {
    expect(() => resolveTree(fw)).toThrow(msg);
  });
});

describe('aggregate (level by level)', () => {
  const ds = dataSetFromRows(
    ['u1', 'u2'],
    ['a', 'b', 'c', 'd'],
    [
      [0, 100, 50, 10],
      [40, null, null, 70],
    ],
  );

  it('arithmetic: P1 = (0 + 3*100)/4, S = mean(P1, P2), Index = (1*d + 2*S)/3', () => {
    const out = aggregate(ds, framework);
    expect(out.indicators).toEqual(['a', 'b', 'c', 'd', 'P1', 'P2', 'S', 'Index']);
    expect(getValue(out, 'u1', 'P1')).toBe(75);
    expect(getValue(out, 'u1', 'S')).toBe(62.5);
    expect(getValue(out, 'u1', 'Index')).toBeCloseTo((10 + 2 * 62.5) / 3, 12);
    // u2: b and c missing -> P1 = a, P2 missing, S = P1
    expect(getValue(out, 'u2', 'P1')).toBe(40);
    expect(getValue(out, 'u2', 'P2')).toBeNull();
    expect(getValue(out, 'u2', 'S')).toBe(40);
    expect(getValue(out, 'u2', 'Index')).toBe(50);
  });

  it('method per level: geometric at level 3 only', () => {
    const out = aggregate(ds, framework, { methodByLevel: { 3: 'geometric' } });
    expect(getValue(out, 'u1', 'S')).toBe(62.5);
    expect(getValue(out, 'u1', 'Index')).toBeCloseTo(Math.exp((Math.log(10) + 2 * Math.log(62.5)) / 3), 12);
  });

  it('does not modify its input', () => {
    aggregate(ds, framework);
    expect(ds.indicators).toEqual(['a', 'b', 'c', 'd']);
  });
});

// Generalised (power) mean, COINr a_genmean: y = (sum w x^p / sum w)^(1/p); p = 1, 0, -1 give the arithmetic,
// geometric and harmonic means. Worked by hand on x = (1, 4) and x = (4, 16).
describe('generalised mean', () => {
  it.each<{ name: string; x: number[][]; w: number[]; spec: AggregationSpec; want: number[] }>([
    {
      name: 'p = 2 (quadratic): sqrt((1 + 16) / 2)',
      x: [[1], [4]],
      w: [1, 1],
      spec: { method: 'generalised', p: 2 },
      want: [Math.sqrt(8.5)],
    },
    {
      name: 'p = 1 is the arithmetic mean',
      x: [[1], [4]],
      w: [1, 1],
      spec: { method: 'generalised', p: 1 },
      want: [2.5],
    },
    {
      name: 'p = 0.5: ((1 + 2) / 2)^2',
      x: [[1], [4]],
      w: [1, 1],
      spec: { method: 'generalised', p: 0.5 },
      want: [2.25],
    },
    { name: 'p = 0 is the geometric mean', x: [[1], [4]], w: [1, 1], spec: { method: 'generalised', p: 0 }, want: [2] },
    {
      name: 'p = -1 is the harmonic mean',
      x: [[1], [4]],
      w: [1, 1],
      spec: { method: 'generalised', p: -1 },
      want: [1.6],
    },
    {
      name: 'p = 0, weights 3:1: 2^2.5',
      x: [[4], [16]],
      w: [3, 1],
      spec: { method: 'generalised', p: 0 },
      want: [2 ** 2.5],
    },
    {
      name: 'p = 2, weights 3:1: sqrt((3*16 + 256) / 4)',
      x: [[4], [16]],
      w: [3, 1],
      spec: { method: 'generalised', p: 2 },
      want: [Math.sqrt(76)],
    },
    {
      name: 'missing child skipped',
      x: [[1], [NA], [4]],
      w: [1, 5, 1],
      spec: { method: 'generalised', p: 2 },
      want: [Math.sqrt(8.5)],
    },
    {
      name: 'p < 0 with a zero is missing',
      x: [[0], [4]],
      w: [1, 1],
      spec: { method: 'generalised', p: -2 },
      want: [NA],
    },
    {
      name: 'p > 0 accepts a zero',
      x: [[0], [4]],
      w: [1, 1],
      spec: { method: 'generalised', p: 2 },
      want: [Math.sqrt(8)],
    },
  ])('$name', ({ x, w, spec, want }) => {
    const got = Array.from(aggregateColumns(cols(...x), Float64Array.from(w), spec));
    got.forEach((v, i) => (Number.isNaN(want[i]) ? expect(v).toBeNaN() : expect(v).toBeCloseTo(want[i]!, 12)));
  });

  it('p = 1 equals the arithmetic mean exactly and the mean grows with p (power-mean inequality)', () => {
    const x = cols([3, 10, 0.5], [7, 2, 9], [1, 1, 4]);
    const w = Float64Array.of(1, 2, 3);
    expect(Array.from(aggregateColumns(x, w, { method: 'generalised', p: 1 }))).toEqual(
      Array.from(aggregateColumns(x, w, 'arithmetic')),
    );
    const ps = [-3, -1, -0.5, 0, 0.5, 1, 2, 5];
    const ys = ps.map((p) => aggregateColumns(x, w, { method: 'generalised', p }));
    for (let k = 1; k < ys.length; k++) for (let i = 0; i < 3; i++) expect(ys[k]![i]!).toBeGreaterThan(ys[k - 1]![i]!);
  });

  it('needs p', () => {
    expect(() => aggregateColumns(cols([1]), Float64Array.of(1), 'generalised')).toThrow(/finite p/);
  });
});

// Copeland (COINr a_copeland / outrankMatrix): o_ij = weights where i beats j + half the tied weights; a pair is won
// above 0.5, lost below, drawn at 0.5; score = wins - losses. Three units, three indicators, worked by hand:
// A = (3, 3, 1), B = (2, 2, 2), C = (1, 1, 3).
describe('Copeland', () => {
  const abc = cols([3, 2, 1], [3, 2, 1], [1, 2, 3]);
  it.each<{ name: string; x: Float64Array[]; w: number[]; t?: number; want: number[] }>([
    { name: 'equal weights: A beats B and C on 2 of 3, B beats C on 2 of 3', x: abc, w: [1, 1, 1], want: [2, 0, -2] },
    {
      name: 'weights 1:1:4 turn the order around (the third indicator decides)',
      x: abc,
      w: [1, 1, 4],
      want: [-2, 0, 2],
    },
    { name: 'weights 1:1:2: every pair is a draw (o = 0.5)', x: abc, w: [1, 1, 2], want: [0, 0, 0] },
    { name: 'a tie on an indicator counts half each way', x: cols([1, 1], [2, 1]), w: [1, 1], want: [1, -1] },
    {
      name: 'missing value: the pair is compared on the indicators both have',
      x: cols([1, 0], [NA, 5]),
      w: [1, 1],
      want: [1, -1],
    },
    {
      name: 'a unit with no data is missing and takes no part',
      x: cols([1, 0, NA], [2, 1, NA]),
      w: [1, 1],
      want: [1, -1, NA],
    },
    {
      name: 'data threshold 1: a unit with a gap is missing',
      x: cols([1, 0, 3], [2, NA, 1]),
      w: [1, 1],
      t: 1,
      want: [0, NA, 0],
    },
  ])('$name', ({ x, w, t, want }) => {
    const got = Array.from(copelandColumns(x, Float64Array.from(w), t));
    got.forEach((v, i) => (Number.isNaN(want[i]) ? expect(v).toBeNaN() : expect(v).toBe(want[i])));
    expect(Array.from(aggregateColumns(x, Float64Array.from(w), 'copeland', t))).toEqual(got);
  });

  it('weights that sum to 0.5 in floating point still draw (0.1 + 0.2 vs 0.3)', () => {
    const got = copelandColumns(cols([1, 0], [1, 0], [0, 1]), Float64Array.of(0.1, 0.2, 0.3));
    expect(Array.from(got)).toEqual([0, 0]);
  });
});

describe('rootCode', () => {
  it('finds the single root and rejects forests', () => {
    expect(rootCode(framework)).toBe('Index');
    expect(() => rootCode({ ...framework, aggregates: [...framework.aggregates, { code: 'X', weight: 1 }] })).toThrow(
      /one root/,
    );
  });
});

describe('aggregate with generalised and Copeland levels', () => {
  const ds = dataSetFromRows(
    ['u1', 'u2', 'u3'],
    ['a', 'b', 'c', 'd'],
    [
      [1, 4, 9, 1],
      [4, 1, 1, 2],
      [2, 2, 4, 3],
    ],
  );
  it('level 1 by the quadratic mean, level 3 by Copeland', () => {
    const out = aggregate(ds, framework, { methodByLevel: { 1: { method: 'generalised', p: 2 }, 3: 'copeland' } });
    expect(getValue(out, 'u1', 'P1')).toBeCloseTo(Math.sqrt((1 + 3 * 16) / 4), 12);
    // Index children: d (weight 1) and S (weight 2); S = mean(P1, P2)
    const s = ['u1', 'u2', 'u3'].map((u) => getValue(out, u, 'S')!);
    const d = [1, 2, 3];
    const wins = (i: number, j: number): number => {
      const o = ((d[i]! > d[j]! ? 1 : 0) + (s[i]! > s[j]! ? 2 : 0)) / 3;
      return o > 0.5 ? 1 : o < 0.5 ? -1 : 0;
    };
    const want = [0, 1, 2].map((i) => [0, 1, 2].filter((j) => j !== i).reduce((a, j) => a + wins(i, j), 0));
    expect(['u1', 'u2', 'u3'].map((u) => getValue(out, u, 'Index'))).toEqual(want);
  });
});
