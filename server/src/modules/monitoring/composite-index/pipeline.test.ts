import { describe, expect, it } from 'vitest';
import { denominate } from './denominate.ts';
import { imputeByGroup, imputeLatestYear } from './impute.ts';
import { parseMethod } from './method.ts';
import { runPipeline } from './pipeline.ts';
import { type Framework, dataSetFromRows, dataSetToRows, getValue } from './types.ts';

const framework: Framework = {
  indicators: [
    { code: 'rd', direction: 1, weight: 1, parent: 'Input', denominator: 'gdp' },
    { code: 'pat', direction: 1, weight: 1, parent: 'Output', denominator: 'pop' },
    { code: 'neet', direction: -1, weight: 1, parent: 'Output' },
  ],
  aggregates: [
    { code: 'Index', weight: 1 },
    { code: 'Input', weight: 1, parent: 'Index' },
    { code: 'Output', weight: 1, parent: 'Index' },
  ],
};
const units = ['A', 'B', 'C', 'D'];
const raw = dataSetFromRows(
  units,
  ['rd', 'pat', 'neet'],
  [
    [10, 40, 5],
    [20, null, 10],
    [30, 10, null],
    [5, 20, 20],
  ],
);
const dens = dataSetFromRows(
  units,
  ['gdp', 'pop'],
  [
    [100, 2],
    [100, 4],
    [0, 5],
    [50, 10],
  ],
);

describe('denominate', () => {
  it('divides by the framework denominator, scales, and gives NaN for a zero denominator', () => {
    const r = denominate(raw, dens, framework, { scale: 100 });
    expect(dataSetToRows(r.data)).toEqual([
      [10, 2000, 5],
      [20, null, 10],
      [null, 200, null],
      [10, 200, 20],
    ]);
    expect(r.report).toEqual({ denominated: { rd: 'gdp', pat: 'pop' }, scale: 100 });
  });

  it('rejects denominators with other units', () => {
    const other = dataSetFromRows(['A'], ['gdp'], [[1]]);
    expect(() => denominate(raw, other, framework)).toThrow(/same units/);
  });
});

describe('impute', () => {
  const ds = dataSetFromRows(units, ['x'], [[1], [null], [3], [null]]);
  it.each([
    ['mean, one group', 'mean' as const, undefined, [1, 2, 3, 2]],
    ['group mean', 'mean' as const, ['g', 'g', 'h', 'h'], [1, 1, 3, 3]],
    ['group median', 'median' as const, ['g', 'g', 'g', 'h'], [1, 2, 3, null]], // group h has no data
  ])('%s', (_n, stat, groups, want) => {
    const r = imputeByGroup(ds, stat, groups);
    expect(dataSetToRows(r.data).map((row) => row[0])).toEqual(want);
    expect(Array.from(r.flags[0]!)).toEqual(want.map((v, i) => (v !== null && i % 2 === 1 ? 1 : 0)));
  });

  it('latest year carries the most recent earlier value forward', () => {
    const y1 = dataSetFromRows(units, ['x'], [[9], [7], [9], [null]]);
    const y2 = dataSetFromRows(units, ['x'], [[9], [8], [9], [null]]);
    const r = imputeLatestYear(ds, [y1, y2]);
    expect(dataSetToRows(r.data).map((row) => row[0])).toEqual([1, 8, 3, null]);
    expect(r.imputed).toEqual({ x: 1 });
    expect(r.stillMissing).toEqual({ x: 1 });
  });
});

describe('parseMethod', () => {
  it('accepts a full method and rejects unknown ops and keys', () => {
    expect(parseMethod({ stages: [{ op: 'rank', decimals: 2 }] }).stages).toHaveLength(1);
    expect(() => parseMethod({ stages: [{ op: 'shuffle' }] })).toThrow();
    expect(() => parseMethod({ stages: [{ op: 'rank', decimal: 2 }] })).toThrow();
    expect(() => parseMethod({ stages: [] })).toThrow();
  });
});

describe('runPipeline', () => {
  const method = parseMethod({
    stages: [
      { op: 'denominate' },
      { op: 'impute', method: 'groupMean', groupBy: 'league' },
      { op: 'treat' },
      { op: 'normalise', method: 'minMax', range: [0, 100] },
      { op: 'aggregate', method: 'arithmetic' },
      { op: 'rank' },
    ],
  });
  const input = { framework, raw, denominators: dens, groups: { league: ['L1', 'L1', 'L2', 'L2'] } };

  it('names every data set, keeps flags and logs each stage', () => {
    const r = runPipeline(method, input);
    expect(Object.keys(r.datasets)).toEqual([
      'Raw',
      'Denominated',
      'Imputed',
      'Treated',
      'Normalised',
      'Aggregated',
      'Ranks',
    ]);
    // B.pat imputed from A (group L1); C.rd (zero GDP) and C.neet imputed from D (group L2)
    expect(getValue(r.datasets.Imputed!, 'B', 'pat')).toBe(20);
    expect(getValue(r.datasets.Imputed!, 'C', 'rd')).toBe(0.1);
    expect(Array.from(r.flags.Imputed![2]!)).toEqual([0, 0, 1, 0]);
    expect(r.log.map((l) => l.report.op)).toEqual(['denominate', 'impute', 'treat', 'normalise', 'aggregate', 'rank']);
    expect(r.datasets.Ranks!.indicators).toEqual(['Index', 'Input', 'Output']);
    expect(raw.columns[1]![1]).toBeNaN(); // input untouched
  });

  it('is reproducible: the same method and input give the same numbers', () => {
    const a = runPipeline(method, input);
    const b = runPipeline(method, input);
    expect(dataSetToRows(a.datasets.Aggregated!)).toEqual(dataSetToRows(b.datasets.Aggregated!));
  });

  it('stages can read any earlier data set by name', () => {
    const m = parseMethod({
      stages: [
        { op: 'normalise', method: 'minMax', name: 'MinMax' },
        { op: 'normalise', method: 'zScore', name: 'Z', input: 'Raw' },
      ],
    });
    const r = runPipeline(m, { framework, raw });
    expect(r.log.map((l) => `${l.input}->${l.name}`)).toEqual(['Raw->MinMax', 'Raw->Z']);
  });

  it.each([
    [{ stages: [{ op: 'denominate' }] }, /denominator data set/],
    [{ stages: [{ op: 'impute', method: 'groupMean' }] }, /groupBy/],
    [{ stages: [{ op: 'impute', method: 'groupMean', groupBy: 'nope' }] }, /nope/],
    [{ stages: [{ op: 'rank', input: 'Missing' }] }, /Missing/],
  ])('fails clearly: %j', (m, msg) => {
    expect(() => runPipeline(parseMethod(m), { framework, raw })).toThrow(msg);
  });
});
