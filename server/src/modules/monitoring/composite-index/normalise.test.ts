import { describe, expect, it } from 'vitest';
import { type NormaliseParams, normalise, normaliseColumn } from './normalise.ts';
import { type Direction, type Framework, dataSetFromRows } from './types.ts';

const NA = Number.NaN;

describe('normaliseColumn', () => {
  it.each<{ name: string; x: number[]; d: Direction; p: NormaliseParams; want: number[]; extra?: object }>([
    { name: 'min-max [0,100]', x: [0, 5, 10], d: 1, p: { method: 'minMax' }, want: [0, 50, 100] },
    { name: 'min-max, negative direction', x: [0, 5, 10], d: -1, p: { method: 'minMax' }, want: [100, 50, 0] },
    { name: 'min-max to [1,7]', x: [2, 4, 6], d: 1, p: { method: 'minMax', range: [1, 7] }, want: [1, 4, 7] },
    { name: 'min-max keeps NaN', x: [2, NA, 6], d: -1, p: { method: 'minMax', range: [0, 1] }, want: [1, NA, 0] },
    { name: 'z-score', x: [1, 2, 3], d: 1, p: { method: 'zScore' }, want: [-1, 0, 1] },
    {
      name: 'z-score scaled, negative',
      x: [1, 2, 3],
      d: -1,
      p: { method: 'zScore', scale: 10, centre: 100 },
      want: [110, 100, 90],
    },
    {
      name: 'goalposts with clipping (HDI life expectancy 20-85)',
      x: [20, 52.5, 85, 90, 10],
      d: 1,
      p: { method: 'goalposts' },
      extra: { goalposts: [20, 85] },
      want: [0, 0.5, 1, 1, 0],
    },
    {
      name: 'goalposts, negative, no clip, [0,100]',
      x: [0, 25, 150],
      d: -1,
      p: { method: 'goalposts', range: [0, 100], clip: false },
      extra: { goalposts: [0, 100] },
      want: [100, 75, -50],
    },
    {
      name: 'distance to target capped at 100 (CASTED)',
      x: [0.75, 1.5, 3],
      d: 1,
      p: { method: 'target', targets: {} },
      extra: { target: 1.5 },
      want: [50, 100, 100],
    },
    {
      name: 'distance to target, negative indicator',
      x: [3, 1.5, 1],
      d: -1,
      p: { method: 'target', targets: {} },
      extra: { target: 1.5 },
      want: [50, 100, 100],
    },
  ])('$name', ({ x, d, p, want, extra }) => {
    const got = Array.from(normaliseColumn(Float64Array.from(x), d, p, extra));
    got.forEach((v, i) => (Number.isNaN(want[i]) ? expect(v).toBeNaN() : expect(v).toBeCloseTo(want[i]!, 12)));
  });

  it('goalposts and target methods require their parameters', () => {
    expect(() => normaliseColumn(Float64Array.from([1]), 1, { method: 'goalposts' })).toThrow(/goalposts/);
    expect(() => normaliseColumn(Float64Array.from([1]), 1, { method: 'target', targets: {} })).toThrow(/target/);
  });
});

describe('normalise (data set)', () => {
  const fw: Framework = {
    indicators: [
      { code: 'a', direction: 1, weight: 1, parent: 'I' },
      { code: 'b', direction: -1, weight: 1, parent: 'I', goalposts: [0, 10] },
    ],
    aggregates: [{ code: 'I', weight: 1 }],
  };
  const ds = dataSetFromRows(
    ['x', 'y'],
    ['a', 'b'],
    [
      [1, 2],
      [3, 8],
    ],
  );

  it('uses the framework direction per indicator', () => {
    expect(normalise(ds, fw, { method: 'minMax' }).columns.map((c) => Array.from(c))).toEqual([
      [0, 100],
      [100, 0],
    ]);
  });

  it('uses targets per indicator code', () => {
    const out = normalise(ds, fw, { method: 'target', targets: { a: 2, b: 4 } });
    expect(out.columns.map((c) => Array.from(c))).toEqual([
      [50, 100],
      [100, 50],
    ]);
  });

  it('rejects an indicator missing from the framework', () => {
    const other = dataSetFromRows(['x'], ['zz'], [[1]]);
    expect(() => normalise(other, fw, { method: 'minMax' })).toThrow(/zz/);
  });
});
