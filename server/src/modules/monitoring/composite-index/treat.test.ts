import { describe, expect, it } from 'vitest';
import { treatColumn, treatOutliers } from './treat.ts';
import { type DataSet } from './types.ts';

const seq = (n: number, fn: (i: number) => number): number[] => Array.from({ length: n }, (_, i) => fn(i));

describe('treatColumn (COINr winsorisation counting)', () => {
  it.each([
    {
      name: 'two tied maxima are replaced in one pass, counted once',
      x: [...seq(17, (i) => i + 1), 100, 100],
      low: 0,
      high: 1,
      cells: 2,
      tail: [17, 17, 17],
    },
    {
      name: 'negative skew winsorises the minimum',
      x: [...seq(17, (i) => -(i + 1)), -100, -100],
      low: 1,
      high: 0,
      cells: 2,
      tail: [-17, -17, -17],
    },
    {
      name: 'passes continue while the rule fails (50 -> 3 -> 2)',
      x: [...seq(17, () => 1), 2, 3, 50],
      low: 0,
      high: 2,
      cells: 2,
      tail: [2, 2, 2],
    },
    {
      name: 'a tie created by an earlier pass is replaced together (3000,3000 -> 2000 -> 1000 -> 1)',
      x: [...seq(20, () => 0), ...seq(29, () => 1), 1000, 2000, 3000, 3000],
      low: 0,
      high: 3,
      cells: 4,
      tail: [1, 1, 1, 1],
    },
    { name: 'a symmetric column is untouched', x: seq(20, (i) => i), low: 0, high: 0, cells: 0, tail: [17, 18, 19] },
  ])('$name', ({ x, low, high, cells, tail }) => {
    const t = treatColumn('x', Float64Array.from(x));
    expect(t.summary).toMatchObject({ winsorisedLow: low, winsorisedHigh: high, cellsChanged: cells });
    expect(t.summary.logTransformed).toBe(false);
    expect(Array.from(t.values.slice(-tail.length))).toEqual(tail);
    expect(t.flags.reduce((a, b) => a + b, 0)).toBe(cells);
  });

  it('default winmax = ceil(0.1 N): N = 30 allows 3 passes, an explicit winmax 2 does not', () => {
    // three distinct outliers (60, 80, 100) need three passes
    const x = Float64Array.from([...seq(27, (i) => i % 3), 60, 80, 100]);
    expect(treatColumn('x', x).summary).toMatchObject({ winsorisedHigh: 3, logTransformed: false });
    expect(treatColumn('x', x, { winmax: 2 }).summary).toMatchObject({ winsorisedHigh: 0, logTransformed: true });
    expect(treatColumn('x', x, { winmaxShare: 0.05 }).summary.logTransformed).toBe(true); // ceil(1.5) = 2
  });

  it('falls back to ln(x - min + 0.01 (max - min)) on the ORIGINAL column when winsorisation fails', () => {
    const x = Float64Array.from([...seq(28, (i) => i % 3), 50, 100]);
    const t = treatColumn('x', x, { winmax: 1 });
    expect(t.summary).toMatchObject({ logTransformed: true, winsorisedHigh: 0, cellsChanged: 0 });
    // min 0, max 100: ln(x + 1)
    expect(Array.from(t.values.slice(-4))).toEqual([Math.log(3), Math.log(1), Math.log(51), Math.log(101)]);
  });

  it("fallback 'none' keeps the winsorised column", () => {
    const x = Float64Array.from([...seq(28, (i) => i % 3), 50, 100]);
    const t = treatColumn('x', x, { winmax: 1, fallback: 'none' });
    expect(t.summary).toMatchObject({ logTransformed: false, winsorisedHigh: 1 });
    expect(t.values[29]).toBe(50);
  });

  it('thresholds are configurable (GII: skew 2.25)', () => {
    const x = Float64Array.from([...seq(17, (i) => i + 1), 100, 100]); // skew 2.657
    expect(treatColumn('x', x, { skewThreshold: 3 }).summary.winsorisedHigh).toBe(0);
    expect(treatColumn('x', x, { skewThreshold: 2.25 }).summary.winsorisedHigh).toBe(1);
  });

  it('treatOutliers leaves excluded indicators and the input untouched', () => {
    const a = Float64Array.from([...seq(17, (i) => i + 1), 100, 100]);
    const data: DataSet = { units: seq(19, (i) => i).map((u) => `u${u}`), indicators: ['a', 'b'], columns: [a, a] };
    const r = treatOutliers(data, { exclude: ['b'] });
    expect(r.data.columns[0]![18]).toBe(17);
    expect(r.data.columns[1]![18]).toBe(100);
    expect(a[18]).toBe(100);
    expect(r.summary.map((s) => s.indicator)).toEqual(['a']);
  });
});
