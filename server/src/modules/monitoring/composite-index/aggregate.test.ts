import { describe, expect, it } from 'vitest';
import { type AggregationMethod, aggregate, aggregateColumns, resolveTree } from './aggregate.ts';
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
