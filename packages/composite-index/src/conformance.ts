/**
 * Loaders and runners for the published conformance suites (COINr ASEM, COINr v1 paper example, UNDP HDI) in a
 * composite-index conformance folder (`../shared/conformance/composite-index`). Used by `qixian index conformance`
 * and the conformance tests.
 */
import path from 'node:path';
import { type CsvTable, parseNumber, readCsvFile, tableToDataSet } from './csv.ts';
import { computeHdi, hdiTier, rankHdi } from './hdi.ts';
import { parseMethod } from './method.ts';
import { runPipeline } from './pipeline.ts';
import { roundTo } from './stats.ts';
import { type AggregateNode, type DataSet, type Framework, type IndicatorMeta, getColumn } from './types.ts';

/** The ASEM inputs, ready for runPipeline. */
export interface AsemSuite {
  readonly framework: Framework;
  readonly indicators: readonly string[];
  readonly raw: DataSet;
  readonly denominators: DataSet;
  readonly groups: Record<string, readonly string[]>;
  readonly unitOrder: readonly string[];
}

/** The worst error of one stage of one suite. */
export interface ConformanceResult {
  readonly suite: string;
  readonly stage: string;
  /** Largest absolute error (NaN when a missing value is misplaced or a unit is absent). */
  readonly worstError: number;
  readonly tolerance: number;
  readonly ok: boolean;
  /** For rank stages: whether every rank (and tier) is exactly as published. */
  readonly ranksExact?: boolean;
}

/** Loads `asem/input_*.csv` from `dir`; the tree comes from Agg1..Agg3 of the indicator metadata. */
export function loadAsem(dir: string): AsemSuite {
  const read = (f: string): CsvTable => readCsvFile(path.join(dir, 'asem', f));
  const meta = read('input_indicator_meta.csv');
  const aggMeta = read('input_aggregate_meta.csv');
  const indicators: IndicatorMeta[] = meta.records.map((r) => ({
    code: r.IndCode ?? '',
    direction: Number(r.Direction) === -1 ? -1 : 1,
    weight: Number(r.IndWeight),
    parent: r.Agg1 ?? '',
    denominator: r.Denominator === '' ? undefined : r.Denominator,
  }));
  const parentOf = new Map<string, string>();
  for (const r of meta.records) {
    parentOf.set(r.Agg1 ?? '', r.Agg2 ?? '');
    parentOf.set(r.Agg2 ?? '', r.Agg3 ?? '');
  }
  const aggregates: AggregateNode[] = aggMeta.records.map((r) => ({
    code: r.Code ?? '',
    weight: Number(r.Weight),
    parent: parentOf.get(r.Code ?? ''),
  }));
  const codes = indicators.map((m) => m.code);
  const rawTable = read('input_raw.csv');
  const denTable = read('input_denominators.csv');
  const denCodes = denTable.header.filter((h) => h.startsWith('Den_'));
  return {
    framework: { indicators, aggregates },
    indicators: codes,
    raw: tableToDataSet(rawTable, 'UnitCode', codes),
    denominators: tableToDataSet(denTable, 'UnitCode', denCodes),
    groups: { Group_EurAsia: rawTable.records.map((r) => r.Group_EurAsia ?? '') },
    unitOrder: rawTable.records.map((r) => r.UnitCode ?? ''),
  };
}

/** The ASEM method as a method file (COINr6 build_ASEM defaults). */
export const ASEM_METHOD = {
  name: 'ASEM (COINr6 build_ASEM defaults)',
  stages: [
    { op: 'denominate' },
    { op: 'impute', method: 'groupMean', groupBy: 'Group_EurAsia' },
    { op: 'treat', winmaxShare: 0.1, skewThreshold: 2, kurtThreshold: 3.5, fallback: 'logCT' },
    { op: 'normalise', method: 'minMax', range: [0, 100] },
    { op: 'aggregate', method: 'arithmetic' },
    { op: 'rank', decimals: 2 },
  ],
};

/**
 * Largest absolute difference between a data set and an expected table over `columns`, matching rows by
 * `unitColumn`; NaN when a unit is absent or a missing value is misplaced.
 */
export function worstError(
  actual: DataSet,
  expected: CsvTable,
  columns: readonly string[],
  unitColumn = 'UnitCode',
): number {
  let worst = 0;
  const row = new Map(actual.units.map((u, i) => [u, i]));
  for (const rec of expected.records) {
    const i = row.get(rec[unitColumn] ?? '');
    if (i === undefined) return Number.NaN;
    for (const c of columns) {
      const want = parseNumber(rec[c]);
      const got = getColumn(actual, c)[i] as number;
      if (want === null || Number.isNaN(got)) {
        if (!(want === null && Number.isNaN(got))) return Number.NaN;
        continue;
      }
      worst = Math.max(worst, Math.abs(got - want));
    }
  }
  return worst;
}

function result(suite: string, stage: string, worst: number, tolerance: number, ranks?: boolean): ConformanceResult {
  const ok = worst <= tolerance && ranks !== false; // NaN fails
  return { suite, stage, worstError: worst, tolerance, ok, ...(ranks === undefined ? {} : { ranksExact: ranks }) };
}

/** Runs the ASEM suite: every stage to 1e-9, 2-dp scores, exact ranks and the exact treatment summary. */
export function runAsemConformance(dir: string): ConformanceResult[] {
  const s = loadAsem(dir);
  const r = runPipeline(parseMethod(ASEM_METHOD), { ...s });
  const exp = (f: string): CsvTable => readCsvFile(path.join(dir, 'asem', f));
  const codes = s.framework.aggregates.map((a) => a.code);
  const out: ConformanceResult[] = [];
  const stages: [string, string, readonly string[]][] = [
    ['Denominated', 'expected_denominated.csv', s.indicators],
    ['Imputed', 'expected_imputed.csv', s.indicators],
    ['Treated', 'expected_treated.csv', s.indicators],
    ['Normalised', 'expected_normalised.csv', s.indicators],
    ['Aggregated', 'expected_aggregated.csv', [...s.indicators, ...codes]],
  ];
  for (const [name, file, columns] of stages) {
    const ds = r.datasets[name];
    out.push(result('asem', name, ds ? worstError(ds, exp(file), columns) : Number.NaN, 1e-9));
  }
  const agg = r.datasets.Aggregated as DataSet;
  const rounded: DataSet = {
    units: agg.units,
    indicators: codes,
    columns: codes.map((c) => getColumn(agg, c).map((v) => roundTo(v, 2))),
  };
  const scores = exp('expected_results_scores.csv');
  out.push(result('asem', 'Scores (2 dp)', worstError(rounded, scores, codes), 1e-9));
  const ranks = r.datasets.Ranks as DataSet;
  const rankErr = Math.max(
    worstError(ranks, exp('expected_results_ranks.csv'), codes),
    worstError(ranks, { header: scores.header, records: scores.records.map((x) => ({ ...x, Index: x.Rank ?? '' })) }, [
      'Index',
    ]),
  );
  out.push(result('asem', 'Ranks', rankErr, 0, rankErr === 0));
  const entry = r.log.find((l) => l.report.op === 'treat');
  const summary = entry?.report.op === 'treat' ? entry.report.summary : [];
  const want = exp('expected_treatment_summary.csv').records;
  let mismatches = Math.abs(want.length - summary.length);
  summary.forEach((t, k) => {
    const w = want[k];
    const n = t.winsorisedLow + t.winsorisedHigh;
    const label = t.logTransformed ? 'Log' : n > 0 ? `Winsorised ${n} points` : 'None';
    const same =
      w !== undefined &&
      w.IndCode === t.indicator &&
      Number(w.Low) === t.winsorisedLow &&
      Number(w.High) === t.winsorisedHigh &&
      w.Treatment === label;
    if (!same) mismatches++;
  });
  out.push(result('asem', 'Treatment summary (rows differing)', mismatches, 0));
  return out;
}

/** Runs the COINr v1 paper example: min-max, arithmetic aggregation, the published top 6 to 0.005, ranks exact. */
export function runAsemV1Conformance(dir: string): ConformanceResult[] {
  const read = (f: string): CsvTable => readCsvFile(path.join(dir, 'asem_v1', f));
  const meta = read('ASEM_iMeta.csv').records;
  const framework: Framework = {
    indicators: meta
      .filter((r) => r.Type === 'Indicator')
      .map((r) => ({
        code: r.iCode ?? '',
        direction: Number(r.Direction) === -1 ? -1 : 1,
        weight: Number(r.Weight),
        parent: r.Parent ?? '',
      })),
    aggregates: meta
      .filter((r) => r.Type === 'Aggregate')
      .map((r) => ({ code: r.iCode ?? '', weight: Number(r.Weight), parent: r.Parent === '' ? undefined : r.Parent })),
  };
  const raw = tableToDataSet(
    read('ASEM_iData.csv'),
    'uCode',
    framework.indicators.map((m) => m.code),
  );
  const method = parseMethod({
    stages: [
      { op: 'normalise', method: 'minMax', range: [0, 100] },
      { op: 'aggregate', method: 'arithmetic' },
      { op: 'rank', columns: ['Index'] },
    ],
  });
  const r = runPipeline(method, { framework, raw });
  const expected = read('expected_paper_top6.csv');
  const index = worstError(r.datasets.Aggregated as DataSet, expected, ['Index'], 'uCode');
  const rankErr = worstError(r.datasets.Ranks as DataSet, expected, ['Index'], 'uCode');
  const rankWant: CsvTable = {
    header: expected.header,
    records: expected.records.map((x) => ({ ...x, Index: x.Rank ?? '' })),
  };
  const rankErrExact = worstError(r.datasets.Ranks as DataSet, rankWant, ['Index'], 'uCode');
  return [
    result('asem_v1', 'Index (top 6)', index, 0.005),
    result('asem_v1', 'Ranks (top 6)', Number.isNaN(rankErr) ? rankErr : rankErrExact, 0, rankErrExact === 0),
  ];
}

/** Runs the UNDP HDI suite: every country-year at 3 dp; 2021 ranks and tiers exact. */
export function runHdiConformance(dir: string): ConformanceResult[] {
  const read = (f: string): CsvTable => readCsvFile(path.join(dir, 'hdi', f));
  const components = read('input_hdi_components.csv').records;
  const hdiOf = (r: Record<string, string>): number | null =>
    computeHdi({
      le: parseNumber(r.le),
      eys: parseNumber(r.eys),
      mys: parseNumber(r.mys),
      gnipc: parseNumber(r.gnipc),
    });
  const expected = new Map(read('expected_hdi.csv').records.map((r) => [`${r.iso3}/${r.year}`, parseNumber(r.hdi)]));
  let worst = components.length === expected.size ? 0 : Number.NaN;
  for (const r of components) {
    const got = hdiOf(r);
    const want = expected.get(`${r.iso3}/${r.year}`);
    if (want === undefined || (got === null) !== (want === null)) worst = Number.NaN;
    else if (got !== null && want !== null) worst = Math.max(worst, Math.abs(roundTo(got, 3) - want));
  }
  const rows2021 = components.filter((r) => r.year === '2021');
  const values = rows2021.map(hdiOf);
  const ranks = rankHdi(values);
  const byIso = new Map(rows2021.map((r, k) => [r.iso3 ?? '', { rank: ranks[k] ?? null, hdi: values[k] ?? null }]));
  let rankWorst = 0;
  let exact = true;
  for (const e of read('expected_hdi_2021_rank_tier.csv').records) {
    const got = byIso.get(e.iso3 ?? '');
    const wantRank = parseNumber(e.hdi_rank_2021);
    if (wantRank === null) {
      if ((got?.hdi ?? null) !== null) exact = false;
      continue;
    }
    if (!got || got.rank === null || got.hdi === null) {
      exact = false;
      rankWorst = Number.NaN;
      continue;
    }
    rankWorst = Math.max(rankWorst, Math.abs(got.rank - wantRank));
    if (got.rank !== wantRank || hdiTier(got.hdi) !== e.hdicode) exact = false;
  }
  return [result('hdi', 'HDI (3 dp)', worst, 0), result('hdi', 'Ranks and tiers 2021', rankWorst, 0, exact)];
}

/** Runs all three suites found in `dir` (the composite-index conformance folder). */
export function runConformance(dir: string): ConformanceResult[] {
  return [...runAsemConformance(dir), ...runAsemV1Conformance(dir), ...runHdiConformance(dir)];
}
