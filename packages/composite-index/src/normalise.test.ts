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
    { name: 'distance to best', x: [2, 4, 8], d: 1, p: { method: 'distanceToBest' }, want: [25, 50, 100] },
    {
      name: 'distance to best, negative: best = min, best / x',
      x: [2, 4, 8, NA],
      d: -1,
      p: { method: 'distanceToBest', scale: 1 },
      want: [1, 0.5, 0.25, NA],
    },
    {
      name: 'distance to a reference value (not capped)',
      x: [2, 4, 32],
      d: 1,
      p: { method: 'distanceToBest' },
      extra: { reference: 16 },
      want: [12.5, 25, 200],
    },
    {
      name: 'distance to best, negative with a zero best: the zero scores the scale',
      x: [0, 2],
      d: -1,
      p: { method: 'distanceToBest' },
      want: [100, 0],
    },
    { name: 'distance to best, no positive value', x: [-1, 0], d: 1, p: { method: 'distanceToBest' }, want: [NA, NA] },
    { name: 'rank, ties min (COINr n_rank)', x: [5, 7, 7, 3, NA], d: 1, p: { method: 'rank' }, want: [2, 3, 3, 1, NA] },
    {
      name: 'rank, ties average',
      x: [5, 7, 7, 3],
      d: 1,
      p: { method: 'rank', ties: 'average' },
      want: [2, 3.5, 3.5, 1],
    },
    { name: 'rank, negative direction', x: [5, 7, 7, 3], d: -1, p: { method: 'rank' }, want: [3, 1, 1, 4] },
    {
      name: 'percentile, ties min: (r - 1) / (n - 1) x 100',
      x: [10, 20, 20, 30, 40, NA],
      d: 1,
      p: { method: 'percentile' },
      want: [0, 25, 25, 75, 100, NA],
    },
    {
      name: 'percentile, ties average',
      x: [10, 20, 20, 30, 40],
      d: 1,
      p: { method: 'percentile', ties: 'average' },
      want: [0, 37.5, 37.5, 75, 100],
    },
    { name: 'percentile of one value is missing', x: [3, NA], d: 1, p: { method: 'percentile' }, want: [NA, NA] },
    {
      name: 'growth index: x / base x 100; missing or zero base is missing',
      x: [110, 90, 50, 7],
      d: 1,
      p: { method: 'growth' },
      extra: { base: Float64Array.from([100, 100, 0, NA]) },
      want: [110, 90, NA, NA],
    },
    {
      name: 'growth index, negative: base / x x 100',
      x: [80, 125, 0],
      d: -1,
      p: { method: 'growth' },
      extra: { base: Float64Array.from([100, 100, 100]) },
      want: [125, 80, NA],
    },
  ])('$name', ({ x, d, p, want, extra }) => {
    const got = Array.from(normaliseColumn(Float64Array.from(x), d, p, extra));
    got.forEach((v, i) => (Number.isNaN(want[i]) ? expect(v).toBeNaN() : expect(v).toBeCloseTo(want[i]!, 12)));
  });

  it('goalposts, target and growth methods require their parameters', () => {
    expect(() => normaliseColumn(Float64Array.from([1]), 1, { method: 'growth' })).toThrow(/base year/);
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

  it('min-max over a window of years pools min and max with the latest history years', () => {
    const cur = dataSetFromRows(
      ['x', 'y', 'z'],
      ['a', 'b'],
      [
        [2, 2],
        [4, 4],
        [6, 6],
      ],
    );
    const older = dataSetFromRows(
      ['x', 'y', 'z'],
      ['a', 'b'],
      [
        [0, 0],
        [5, 5],
        [10, 10],
      ],
    );
    const latest = dataSetFromRows(
      ['x', 'y', 'q'],
      ['a', 'b'],
      [
        [1, 1],
        [3, 3],
        [12, 12],
      ],
    ); // units need not match
    const col = (out: ReturnType<typeof normalise>, j: number) => Array.from(out.columns[j]!);
    const two = normalise(cur, fw, { method: 'minMax', range: [0, 11], window: 2 }, { history: [older, latest] });
    expect(col(two, 0)).toEqual([1, 3, 5]); // a: pooled min 1, max 12 -> x - 1
    expect(col(two, 1)).toEqual([10, 8, 6]); // b (negative): pooled -x in [-12, -1] -> 12 - x
    const three = normalise(cur, fw, { method: 'minMax', range: [0, 12], window: 3 }, { history: [older, latest] });
    expect(col(three, 0)).toEqual([2, 4, 6]); // min 0, max 12
    const best = normalise(cur, fw, { method: 'distanceToBest', window: 3 }, { history: [older, latest] });
    expect(col(best, 0)).toEqual([(2 / 12) * 100, (4 / 12) * 100, 50]); // best 12
    expect(col(best, 1)).toEqual([0, 0, 0]); // best (min) 0: every positive value scores 0
    expect(() => normalise(cur, fw, { method: 'minMax', window: 3 }, { history: [older] })).toThrow(/2 history/);
  });

  it('growth index against a base year matched by unit code', () => {
    const base = dataSetFromRows(
      ['y', 'x'],
      ['a', 'b'],
      [
        [2, 16],
        [4, 1],
      ],
    );
    const out = normalise(ds, fw, { method: 'growth' }, { base });
    expect(out.columns.map((c) => Array.from(c))).toEqual([
      [25, 150], // a: 1 / 4, 3 / 2
      [50, 200], // b negative: base / x = 1 / 2, 16 / 8
    ]);
  });

  it('rejects an indicator missing from the framework', () => {
    const other = dataSetFromRows(['x'], ['zz'], [[1]]);
    expect(() => normalise(other, fw, { method: 'minMax' })).toThrow(/zz/);
  });
});
