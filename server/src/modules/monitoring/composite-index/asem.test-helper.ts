/** Test helper: loads the COINr ASEM conformance suite into the engine's data model. */
import { type CsvTable, readTable, tableToDataSet } from './csv.test-helper.ts';
import { type AggregateNode, type DataSet, type Framework, type IndicatorMeta } from './types.ts';

/** The ASEM inputs, ready for runPipeline. */
export interface AsemSuite {
  readonly framework: Framework;
  readonly indicators: readonly string[];
  readonly raw: DataSet;
  readonly denominators: DataSet;
  readonly groups: Record<string, readonly string[]>;
  readonly unitOrder: readonly string[];
}

/** Loads asem/input_*.csv; the tree comes from Agg1..Agg3 of the indicator metadata. */
export function loadAsem(): AsemSuite {
  const meta = readTable('asem/input_indicator_meta.csv');
  const aggMeta = readTable('asem/input_aggregate_meta.csv');
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
  const rawTable = readTable('asem/input_raw.csv');
  const denTable = readTable('asem/input_denominators.csv');
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

/** Reads an expected table (by file name in asem/). */
export function readExpected(file: string): CsvTable {
  return readTable(`asem/${file}`);
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
