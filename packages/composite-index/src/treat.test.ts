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

  it.each([
    ['gii-log', {}, (v: number) => Math.log(0.99 * v + 1)], // min 0, max 100
    ['boxcox', { lambda: 0.5 }, (v: number) => (Math.sqrt(v + 1) - 1) / 0.5], // zero present: shift 1
    ['boxcox', { lambda: 0, shift: 0.5 }, (v: number) => Math.log(v + 0.5)],
  ] as const)('fallback %s %j replaces the original column and flags every cell', (fallback, extra, fn) => {
    const x = Float64Array.from([...seq(28, (i) => i % 3), 50, 100]);
    const t = treatColumn('x', x, { winmax: 1, fallback, ...extra });
    expect(t.summary).toMatchObject({ logTransformed: true, transform: fallback, winsorisedHigh: 0, cellsChanged: 0 });
    [0, 1, 2, 50, 100].forEach((v, k) => expect(t.values[[0, 1, 2, 28, 29][k]!]).toBeCloseTo(fn(v), 12));
    expect(t.flags.reduce((a, b) => a + b, 0)).toBe(30);
    if (fallback === 'boxcox') expect(t.summary.lambda).toBe(extra.lambda);
  });

  it('a forced transform skips the rule on the listed indicators only, and bad lists are rejected', () => {
    const sym = Float64Array.from([1, 2, 3, 4, NaN]);
    const data: DataSet = { units: ['a', 'b', 'c', 'd', 'e'], indicators: ['p', 'q', 'r'], columns: [sym, sym, sym] };
    const r = treatOutliers(data, {
      transform: [
        { method: 'boxcox', lambda: 0.5, indicators: ['p'] },
        { method: 'logCT', indicators: ['q'] },
      ],
    });
    expect(Array.from(r.data.columns[0]!.slice(0, 4)).map((v) => v.toFixed(12))).toEqual(
      [1, 2, 3, 4].map((v) => (2 * (Math.sqrt(v) - 1)).toFixed(12)),
    );
    expect(r.data.columns[1]![0]).toBeCloseTo(Math.log(0.03), 12); // ln(1 - 1 + 0.01 x 3)
    expect(Array.from(r.data.columns[2]!)).toEqual(Array.from(sym)); // symmetric: untouched
    expect(Array.from(r.flags[0]!)).toEqual([1, 1, 1, 1, 0]);
    expect(r.summary.map((s) => [s.indicator, s.transform, s.forced, s.shift])).toEqual([
      ['p', 'boxcox', true, 0],
      ['q', 'logCT', true, undefined],
      ['r', undefined, undefined, undefined],
    ]);
    expect(() => treatOutliers(data, { transform: [{ method: 'logCT', indicators: ['zz'] }] })).toThrow(/zz/);
    expect(() => treatOutliers(data, { exclude: ['p'], transform: [{ method: 'logCT', indicators: ['p'] }] })).toThrow(
      /twice/,
    );
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
