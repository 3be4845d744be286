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

  it('shrinks the rates by empirical Bayes when asked, per group, and logs the mean rate and variance', () => {
    const m = parseMethod({
      stages: [{ op: 'denominate', scale: 100, shrink: { method: 'empiricalBayes', indicators: ['pat'] } }],
    });
    const r = runPipeline(m, { framework, raw, denominators: dens });
    // pat / pop: 40/2, 10/5, 20/10 (B missing): m = 70 / 17, A > 0, each rate pulled towards m
    const rep = r.log[0]!.report;
    expect(rep.op === 'denominate' && rep.shrinkage!.pat![0]!.mean).toBeCloseTo(70 / 17, 12);
    expect(rep.op === 'denominate' && Object.keys(rep.shrinkage!)).toEqual(['pat']);
    const a = getValue(r.datasets.Denominated!, 'A', 'pat')!;
    expect(a).toBeLessThan(2000);
    expect(a).toBeGreaterThan((70 / 17) * 100);
    expect(getValue(r.datasets.Denominated!, 'A', 'rd')).toBe(10); // not shrunk: 10 / 100 x 100
    const grouped = parseMethod({ stages: [{ op: 'denominate', shrink: { method: 'empiricalBayes', groupBy: 'g' } }] });
    const rg = runPipeline(grouped, { framework, raw, denominators: dens, groups: { g: ['x', 'x', 'y', 'y'] } });
    const gr = rg.log[0]!.report;
    expect(gr.op === 'denominate' && gr.shrinkage!.rd!.map((g) => g.group)).toEqual(['x', 'y']);
    expect(() => runPipeline(grouped, { framework, raw, denominators: dens })).toThrow(/unknown grouping variable g/);
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

  it('reads the treatment fallbacks and forced transforms', () => {
    const m = parseMethod({
      stages: [
        {
          op: 'treat',
          fallback: 'boxcox',
          lambda: 0.5,
          transform: [{ method: 'gii-log', indicators: ['pat'] }],
        },
      ],
    });
    const r = runPipeline(m, { framework, raw });
    const rep = r.log[0]!.report;
    expect(rep.op === 'treat' && rep.summary.find((t) => t.indicator === 'pat')).toMatchObject({
      transform: 'gii-log',
      forced: true,
    });
    // pat = 40, NA, 10, 20: ln(39 (x - 10) / 30 + 1)
    expect(getValue(r.datasets.Treated!, 'A', 'pat')).toBeCloseTo(Math.log(40), 12);
    expect(Array.from(r.flags.Treated![1]!)).toEqual([1, 0, 1, 1]);
    expect(() => parseMethod({ stages: [{ op: 'treat', fallback: 'sqrt' }] })).toThrow(/fallback/);
    expect(() => parseMethod({ stages: [{ op: 'treat', transform: [{ method: 'logCT' }] }] })).toThrow(/indicators/);
  });
});

describe('runPipeline', () => {
  const method = parseMethod({
    stages: [
      { op: 'denominate' },
      { op: 'impute', method: 'groupMean', groupBy: 'league' },
      // rd (0.1, 0.2, 0.1, 0.1) winsorised is constant: Input would be missing for every unit, which stops the run
      { op: 'treat', exclude: ['rd'] },
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

  it('imputes linearly in time from the history years (flagged, logged)', () => {
    const y = (rd: number | null) =>
      dataSetFromRows(
        units,
        ['rd', 'pat', 'neet'],
        [
          [rd, 1, 1],
          [1, 1, 1],
          [1, 1, 1],
          [1, 1, 1],
        ],
      );
    const m = parseMethod({ stages: [{ op: 'impute', method: 'linearTime', fit: 'ols' }] });
    const gap = dataSetFromRows(
      units,
      ['rd', 'pat', 'neet'],
      [
        [null, 1, 1],
        [1, 1, 1],
        [1, 1, 1],
        [1, 1, 1],
      ],
    );
    const r = runPipeline(m, {
      framework,
      raw: gap,
      history: [y(10), y(null), y(16)],
      historyYears: [2018, 2019, 2021],
    });
    // A.rd: (2018, 10) and (2021, 16): 2 per year -> 18 in 2022
    expect(getValue(r.datasets.Imputed!, 'A', 'rd')).toBeCloseTo(18, 12);
    expect(r.flags.Imputed![0]![0]).toBe(1);
    expect(r.log[0]!.report).toEqual({
      op: 'impute',
      imputed: { rd: 1, pat: 0, neet: 0 },
      stillMissing: { rd: 0, pat: 0, neet: 0 },
    });
  });

  it('smooth: the multi-year mean over the current and the latest history years', () => {
    const y = (v: number | null) =>
      dataSetFromRows(
        units,
        ['rd', 'pat', 'neet'],
        units.map(() => [v, 1, 1]),
      );
    const m = parseMethod({ stages: [{ op: 'smooth', method: 'multiYearMean', years: 3 }] });
    const r = runPipeline(m, { framework, raw: y(null), history: [y(100), y(2), y(4)] });
    expect(getValue(r.datasets.Smoothed!, 'C', 'rd')).toBe(3); // (2 + 4) / 2, current missing: filled, flagged
    expect(r.flags.Smoothed![0]![2]).toBe(1);
    expect(r.log[0]!.report).toEqual({
      op: 'smooth',
      years: 3,
      filled: { rd: 4, pat: 0, neet: 0 },
      partial: { rd: 4, pat: 0, neet: 0 },
    });
    expect(() => parseMethod({ stages: [{ op: 'smooth', method: 'multiYearMean' }] })).toThrow(/years/);
  });

  it('growth normalisation against a base year by label, index or data set name; window from the history', () => {
    const rows = (k: number) => units.map((_, i) => [k * (i + 1), k * (i + 1), k * (i + 1)]);
    const h2019 = dataSetFromRows(units, ['rd', 'pat', 'neet'], rows(1));
    const h2020 = dataSetFromRows(units, ['rd', 'pat', 'neet'], rows(2));
    const cur = dataSetFromRows(units, ['rd', 'pat', 'neet'], rows(4));
    const hist = { framework, raw: cur, history: [h2019, h2020], historyYears: [2019, 2020] };
    const growth = (stage: object) => {
      const r = runPipeline(parseMethod({ stages: [{ op: 'normalise', method: 'growth', ...stage }] }), hist);
      return { rd: getValue(r.datasets.Normalised!, 'B', 'rd'), log: r.log[0]!.report };
    };
    expect(growth({})).toEqual({ rd: 400, log: { op: 'normalise', base: 2019 } }); // oldest by default: 8 / 2
    expect(growth({ baseYear: 2020 })).toEqual({ rd: 200, log: { op: 'normalise', base: 2020 } });
    expect(growth({ baseIndex: -1 }).rd).toBe(200);
    expect(growth({ base: 'Raw' }).rd).toBe(100);
    expect(
      getValue(
        runPipeline(parseMethod({ stages: [{ op: 'normalise', method: 'growth', scale: 1 }] }), hist).datasets
          .Normalised!,
        'A',
        'neet',
      ),
    ).toBe(0.25); // negative: 1 / 4
    expect(() => growth({ baseYear: 2018 })).toThrow(/no history year 2018/);
    expect(() => growth({ baseYear: 2019, baseIndex: 0 })).toThrow(/one of/);
    const win = runPipeline(parseMethod({ stages: [{ op: 'normalise', method: 'minMax', window: 3 }] }), hist);
    // rd pooled over 1..4, 2..8, 4..16: min 1, max 16; B = 8 -> 7 / 15
    expect(getValue(win.datasets.Normalised!, 'B', 'rd')).toBeCloseTo((7 / 15) * 100, 12);
    expect(win.log[0]!.report).toEqual({ op: 'normalise', window: 3 });
    expect(() =>
      runPipeline(parseMethod({ stages: [{ op: 'normalise', method: 'zScore', window: 2 }] }), hist),
    ).toThrow(/zScore does not take window/);
    const pct = runPipeline(
      parseMethod({ stages: [{ op: 'normalise', method: 'percentile', ties: 'average' }] }),
      hist,
    );
    expect(Array.from(pct.datasets.Normalised!.columns[2]!)).toEqual([100, (2 / 3) * 100, (1 / 3) * 100, 0]); // neet negative
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

describe('rank within peer groups and classify stages', () => {
  const fw1: Framework = {
    indicators: [{ code: 'x', direction: 1, weight: 1, parent: 'Index' }],
    aggregates: [{ code: 'Index', weight: 1 }],
  };
  const names = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6'];
  const scores = dataSetFromRows(names, ['x'], [[90], [80], [80], [70], [40], [20]]);
  const input = { framework: fw1, raw: scores, groups: { type: ['a', 'b', 'a', 'b', 'a', 'b'] } };
  const run = (stages: unknown[]) => runPipeline(parseMethod({ stages }), input);

  it('ranks within each peer group and logs the grouping variable', () => {
    const r = run([{ op: 'aggregate' }, { op: 'rank', groupBy: 'type', name: 'PeerRanks' }]);
    // a: 90, 80, 40 -> 1, 2, 3; b: 80, 70, 20 -> 1, 2, 3
    expect(Array.from(r.datasets.PeerRanks!.columns[0]!)).toEqual([1, 1, 2, 2, 3, 3]);
    expect(r.log[1]!.report).toEqual({ op: 'rank', columns: ['Index'], groupBy: 'type' });
    expect(() => run([{ op: 'aggregate' }, { op: 'rank', groupBy: 'league' }])).toThrow(/league/);
  });

  it('classify reads the scores even after a rank stage and leaves the default input alone', () => {
    const r = run([
      { op: 'aggregate' },
      { op: 'rank' },
      { op: 'classify', method: 'thresholds', name: 'Tiers' },
      { op: 'classify', method: 'distribution', counts: [1, 2, 3], name: 'Matched' },
      { op: 'classify', method: 'performanceGroups', name: 'EIS' },
      { op: 'rank', name: 'Again' },
    ]);
    expect(r.log.map((l) => `${l.input}->${l.name}`)).toEqual([
      'Raw->Aggregated',
      'Aggregated->Ranks',
      'Aggregated->Tiers',
      'Aggregated->Matched',
      'Aggregated->EIS',
      'Ranks->Again',
    ]);
    expect(Array.from(r.datasets.Tiers!.columns[0]!)).toEqual([1, 1, 1, 2, 3, 3]);
    // ranks 1, 2, 2, 4, 5, 6; cumulative 1, 3: the tie at 2 fits tier 2
    expect(Array.from(r.datasets.Matched!.columns[0]!)).toEqual([1, 2, 2, 3, 3, 3]);
    // mean 63.33: 90 -> 142 %, 80 -> 126 %, 70 -> 110.5 %, 40 -> 63 %, 20 -> 31.6 %
    expect(Array.from(r.datasets.EIS!.columns[0]!)).toEqual([1, 1, 1, 2, 4, 4]);
    expect(r.log[2]!.report).toEqual({
      op: 'classify',
      method: 'thresholds',
      columns: ['Index'],
      labels: ['一类', '二类', '三类'],
      counts: { Index: [3, 1, 2] },
    });
    const eis = r.log[4]!.report;
    expect(eis.op === 'classify' && eis.reference!.Index).toBeCloseTo(380 / 6, 12);
  });

  it('custom thresholds and labels; mismatched labels and foreign keys are errors', () => {
    const r = run([
      { op: 'aggregate' },
      { op: 'classify', method: 'thresholds', thresholds: [85], labels: ['A', 'B'] },
    ]);
    expect(Array.from(r.datasets.Classes!.columns[0]!)).toEqual([1, 2, 2, 2, 2, 2]);
    expect(() => run([{ op: 'aggregate' }, { op: 'classify', method: 'thresholds', labels: ['A'] }])).toThrow(
      /3 classes but 1 labels/,
    );
    expect(() => run([{ op: 'aggregate' }, { op: 'classify', method: 'thresholds', counts: [1] }])).toThrow(
      /does not take counts/,
    );
    expect(() => run([{ op: 'aggregate' }, { op: 'classify', method: 'distribution' }])).toThrow(/needs counts/);
    expect(() => parseMethod({ stages: [{ op: 'classify', method: 'quantiles' }] })).toThrow(/method/);
  });
});
