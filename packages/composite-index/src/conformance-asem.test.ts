import { describe, expect, it } from 'vitest';
import { ASEM_METHOD, type AsemSuite, loadAsem, readExpected } from './asem.test-helper.ts';
import { type CsvTable, hasConformance } from './csv.test-helper.ts';
import { parseMethod } from './method.ts';
import { worstError } from './conformance.ts';
import { type PipelineResult, runPipeline } from './pipeline.ts';
import { roundTo } from './stats.ts';
import { type DataSet, getColumn } from './types.ts';

const TOL = 1e-9;

describe.skipIf(!hasConformance)('ASEM conformance (needs ../shared/conformance)', () => {
  const suite: AsemSuite | undefined = hasConformance ? loadAsem() : undefined;
  const run = (): { s: AsemSuite; r: PipelineResult } => {
    const s = suite!;
    return { s, r: runPipeline(parseMethod(ASEM_METHOD), { ...s }) };
  };

  it.each([
    ['Denominated', 'expected_denominated.csv'],
    ['Imputed', 'expected_imputed.csv'],
    ['Treated', 'expected_treated.csv'],
    ['Normalised', 'expected_normalised.csv'],
  ])('%s matches %s to 1e-9', (name, file) => {
    const { s, r } = run();
    expect(worstError(r.datasets[name]!, readExpected(file), s.indicators)).toBeLessThanOrEqual(TOL);
  });

  it('Aggregated matches expected_aggregated.csv to 1e-9 (indicators and every aggregate)', () => {
    const { s, r } = run();
    const columns = [...s.indicators, ...s.framework.aggregates.map((a) => a.code)];
    expect(worstError(r.datasets.Aggregated!, readExpected('expected_aggregated.csv'), columns)).toBeLessThanOrEqual(
      TOL,
    );
  });

  it('scores rounded to 2 dp match expected_results_scores.csv', () => {
    const { s, r } = run();
    const agg = r.datasets.Aggregated!;
    const codes = s.framework.aggregates.map((a) => a.code);
    const rounded: DataSet = {
      units: agg.units,
      indicators: codes,
      columns: codes.map((c) => getColumn(agg, c).map((v) => roundTo(v, 2))),
    };
    expect(worstError(rounded, readExpected('expected_results_scores.csv'), codes)).toBeLessThanOrEqual(TOL);
  });

  it('ranks (2 dp, ties = min) match expected_results_ranks.csv and the Rank column exactly', () => {
    const { s, r } = run();
    const ranks = r.datasets.Ranks!;
    const codes = s.framework.aggregates.map((a) => a.code);
    expect(worstError(ranks, readExpected('expected_results_ranks.csv'), codes)).toBe(0);
    const scores = readExpected('expected_results_scores.csv');
    const renamed: CsvTable = {
      header: scores.header,
      records: scores.records.map((rec) => ({ ...rec, Index: rec.Rank ?? '' })),
    };
    expect(worstError(ranks, renamed, ['Index'])).toBe(0);
  });

  it('treatment summary: winsorised points low/high and no log transform', () => {
    const { r } = run();
    const entry = r.log.find((l) => l.report.op === 'treat');
    const summary = entry?.report.op === 'treat' ? entry.report.summary : [];
    const got = summary.map((t) => ({
      IndCode: t.indicator,
      Low: t.winsorisedLow,
      High: t.winsorisedHigh,
      Treatment: t.logTransformed
        ? 'Log'
        : t.winsorisedLow + t.winsorisedHigh > 0
          ? `Winsorised ${t.winsorisedLow + t.winsorisedHigh} points`
          : 'None',
    }));
    const want = readExpected('expected_treatment_summary.csv').records.map((rec) => ({
      IndCode: rec.IndCode,
      Low: Number(rec.Low),
      High: Number(rec.High),
      Treatment: rec.Treatment,
    }));
    expect(got).toEqual(want);
  });

  it('logs every stage with its input and parameters', () => {
    const { r } = run();
    expect(r.log.map((l) => `${l.input}->${l.name}`)).toEqual([
      'Raw->Denominated',
      'Denominated->Imputed',
      'Imputed->Treated',
      'Treated->Normalised',
      'Normalised->Aggregated',
      'Aggregated->Ranks',
    ]);
  });
});
