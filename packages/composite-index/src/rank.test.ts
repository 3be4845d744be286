import { describe, expect, it } from 'vitest';
import { type RankParams, rankColumn } from './rank.ts';

const NA = Number.NaN;

describe('rankColumn', () => {
  it.each<{ name: string; x: number[]; p?: RankParams; want: number[] }>([
    { name: 'descending', x: [3, 1, 2], want: [1, 3, 2] },
    { name: 'ties take the minimum rank', x: [5, 7, 7, 3], want: [3, 1, 1, 4] },
    { name: 'three-way tie', x: [1, 1, 1, 0], want: [1, 1, 1, 4] },
    { name: 'missing score has a missing rank', x: [5, NA, 9], want: [2, NA, 1] },
    { name: 'unrounded: 1.004 > 1.001', x: [1.004, 1.001, 0.9], want: [1, 2, 3] },
    { name: 'rounded to 2 dp: 1.004 ties 1.001', x: [1.004, 1.001, 0.9], p: { decimals: 2 }, want: [1, 1, 3] },
    {
      name: 'rounded to 2 dp: 64.804 vs 64.796 tie at 64.80',
      x: [64.796, 64.804, 64.82],
      p: { decimals: 2 },
      want: [2, 2, 1],
    },
    { name: 'ascending', x: [3, 1, 2, 1], p: { order: 'ascending' }, want: [4, 1, 3, 1] },
  ])('$name', ({ x, p, want }) => {
    const got = Array.from(rankColumn(Float64Array.from(x), p));
    expect(got).toEqual(want);
  });
});

describe('rankColumn agrees with the definition on random columns with ties and gaps', () => {
  /** 1 + the number of scores strictly better, straight from the definition (O(n^2)). */
  const byDefinition = (x: number[], descending: boolean): number[] =>
    x.map((v) => (Number.isNaN(v) ? NA : 1 + x.filter((w) => !Number.isNaN(w) && (descending ? w > v : w < v)).length));
  it.each([1, 2, 3, 4, 5])('seed %d', (seed) => {
    let s = seed;
    const next = (): number => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return s / 4294967296;
    };
    const x = Array.from({ length: 300 }, () => (next() < 0.1 ? NA : Math.floor(next() * 40) / 4 - 5));
    x.push(0, -0);
    for (const order of ['descending', 'ascending'] as const) {
      expect(Array.from(rankColumn(Float64Array.from(x), { order }))).toEqual(byDefinition(x, order === 'descending'));
    }
  });
});
