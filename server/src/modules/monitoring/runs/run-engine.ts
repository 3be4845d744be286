/**
 * The two scoring modes of an index run as engine methods (pure: no I/O). A framework version, the values of the
 * period and earlier years and the county attributes become a pipeline input and a method file; `computeRun` runs the
 * method, the statistics and the Monte Carlo analysis and returns the per-county results of the run.
 *
 * - monitoring (CASTED standard-value index, 监测模式): score_i = min(x / S, 1) x 100 (min(S / x, 1) for a negative
 *   indicator) with S = the indicator's `standardValue`, or when it has none the fixed base-year P90 (P10 for a
 *   negative indicator) of the indicator over the counties, base year = the earliest year with data; weighted
 *   arithmetic mean up the tree, missing values skipped and the weights of those present renormalised. No
 *   imputation: a county is scored on what it reported.
 * - ranking (排名模式, cross-section of the 103 banners): latest earlier year carried forward for a missing value,
 *   density per 10k residents (2020 census) for `density: population`, ln(1 + x) for `log` indicators, COINr outlier
 *   treatment (winsorisation, log_CT fallback), min-max to [0, 100] ([1, 100] with geometric aggregation, which needs
 *   positive values), weights from the framework / equal / entropy (熵权法, one global computation), arithmetic or
 *   geometric aggregation.
 * Both rank with ties at the lowest rank after rounding to 2 decimals.
 */
import type { Framework, FrameworkNode, IndicatorSpec } from '../../../../../contracts/monitoring.ts';
import {
  type DataSet,
  type Framework as EngineFramework,
  type MethodSpec,
  type PipelineInput,
  type StageSpec,
  type UncertaintySpec,
  dataSetFromRows,
  quantile,
  resolveTree,
} from '@qixian/composite-index';

export type RunMode = 'monitoring' | 'ranking';

/** A county as the run sees it. */
export interface CountyInfo {
  readonly code: string;
  readonly name: string;
  readonly leagueCode: string;
  readonly leagueName: string;
  /** Administrative type (旗, 县, 市辖区 …) from county_attribute admin_type. */
  readonly countyType: string | null;
  /** 2020 census resident population (people). */
  readonly population: number | null;
}

/** county code -> indicator code -> value. */
export type YearValues = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** Everything a run reads (stored with the run, so the run can be reproduced and diagnosed later). */
export interface RunData {
  readonly period: number;
  readonly counties: readonly CountyInfo[];
  /** Year -> values, for the run period and earlier years. */
  readonly values: Readonly<Record<string, YearValues>>;
  /** County code -> indicator codes whose value in the run period is not approved or provisional (live). */
  readonly provisional: Readonly<Record<string, readonly string[]>>;
}

export interface RunOptions {
  readonly mode: RunMode;
  readonly weights: 'framework' | 'equal' | 'entropy';
  readonly aggregation: 'arithmetic' | 'geometric';
  /** Monte Carlo replications (0 = no rank intervals). */
  readonly replications: number;
  readonly seed?: number;
}

/** A standard value of the monitoring mode and where it came from. */
export interface StandardValue {
  readonly value: number;
  /** spec: the framework's standardValue; p90 / p10: base-year percentile; max: base-year maximum (P90 was 0). */
  readonly source: 'spec' | 'p90' | 'p10' | 'max' | 'none';
  readonly baseYear: number | null;
}

/** The method of a run: what `computeRun` executes, stored as mon_run.method with the data. */
export interface PreparedRun {
  readonly mode: RunMode;
  readonly options: RunOptions;
  /** Numeric indicators scored (text indicators are left out; qualitative scores are values). */
  readonly indicators: readonly string[];
  readonly framework: EngineFramework;
  readonly root: string;
  readonly method: MethodSpec;
  readonly uncertainty: UncertaintySpec | null;
  readonly standardValues: Readonly<Record<string, StandardValue>>;
  readonly notes: readonly string[];
}

/** Noise on every weight (indicators and aggregates) in the Monte Carlo analysis: ±25 %. */
export const WEIGHT_NOISE = 0.25;
/** Decimals the scores are rounded to before ranking (and in the results). */
export const RANK_DECIMALS = 2;
const DEFAULT_SEED = 20_260_101;

/** Whether an indicator enters the score: numeric (text indicators such as 特色指标 are not scored). */
export function isScored(node: FrameworkNode): boolean {
  return node.kind === 'indicator' && node.spec !== null && node.spec.valueType === 'number';
}

/** The engine's framework for the scored indicators; aggregates left without a scored descendant are dropped. */
export function engineFramework(nodes: readonly FrameworkNode[], opts: { density: boolean }): EngineFramework {
  const scored = nodes.filter(isScored);
  const indicators = scored.map((n) => {
    const spec = n.spec as IndicatorSpec;
    return {
      code: n.code,
      direction: spec.direction,
      weight: n.weight,
      parent: n.parentCode ?? '',
      ...(opts.density && spec.density === 'population' ? { denominator: 'population' } : {}),
    };
  });
  let aggregates = nodes
    .filter((n) => n.kind !== 'indicator')
    .map((n) =>
      n.parentCode === null
        ? { code: n.code, weight: n.weight }
        : { code: n.code, weight: n.weight, parent: n.parentCode },
    );
  for (;;) {
    const parents = new Set([...indicators.map((m) => m.parent), ...aggregates.map((a) => a.parent ?? '')]);
    const kept = aggregates.filter((a) => parents.has(a.code));
    if (kept.length === aggregates.length) break;
    aggregates = kept;
  }
  return { indicators, aggregates };
}

function rootOf(fw: EngineFramework): string {
  const roots = fw.aggregates.filter((a) => a.parent === undefined);
  if (roots.length !== 1)
    throw new Error(`指标体系应有且只有一个根节点 / the framework needs exactly one root (found ${roots.length})`);
  return (roots[0] as { code: string }).code;
}

/** Years of the data up to the run period, oldest first. */
export function yearsOf(data: RunData): number[] {
  return Object.keys(data.values)
    .map(Number)
    .filter((y) => y <= data.period)
    .sort((a, b) => a - b);
}

/** The data set of one year (counties x indicators, NaN = missing). */
export function yearDataSet(data: RunData, year: number, indicators: readonly string[]): DataSet {
  const values = data.values[String(year)] ?? {};
  return dataSetFromRows(
    data.counties.map((c) => c.code),
    indicators,
    data.counties.map((c) => indicators.map((code) => values[c.code]?.[code] ?? null)),
  );
}

/**
 * Standard values S of the monitoring mode: the framework's, else the base-year P90 over the counties (P10 for a
 * lower-is-better indicator), else the base-year maximum; an indicator without any positive base-year value gets
 * S = 1 (noted), so that its scores stay defined.
 */
export function standardValues(
  framework: Framework,
  data: RunData,
  indicators: readonly string[],
): Record<string, StandardValue> {
  const years = yearsOf(data);
  const byCode = new Map(framework.nodes.map((n) => [n.code, n]));
  const out: Record<string, StandardValue> = {};
  for (const code of indicators) {
    const spec = byCode.get(code)?.spec;
    if (spec?.standardValue) {
      out[code] = { value: spec.standardValue, source: 'spec', baseYear: null };
      continue;
    }
    const base = years.find((y) => data.counties.some((c) => data.values[String(y)]?.[c.code]?.[code] !== undefined));
    if (base === undefined) {
      out[code] = { value: 1, source: 'none', baseYear: null };
      continue;
    }
    const col = Float64Array.from(data.counties, (c) => data.values[String(base)]?.[c.code]?.[code] ?? Number.NaN);
    const negative = spec?.direction === -1;
    const p = quantile(col, negative ? 0.1 : 0.9);
    if (p > 0) {
      out[code] = { value: p, source: negative ? 'p10' : 'p90', baseYear: base };
      continue;
    }
    const max = quantile(col, 1);
    out[code] = max > 0 ? { value: max, source: 'max', baseYear: base } : { value: 1, source: 'none', baseYear: base };
  }
  return out;
}

function weightStage(opts: RunOptions): StageSpec[] {
  switch (opts.weights) {
    case 'framework':
      return [];
    case 'equal':
      return [{ op: 'weight', name: 'Weights', method: 'equal' }];
    case 'entropy':
      return [{ op: 'weight', name: 'Weights', method: 'entropy', scope: 'global' }];
    default: {
      const never: never = opts.weights;
      throw new Error(`unknown weights ${String(never)}`);
    }
  }
}

/** Builds the method of a run (stages, uncertainty) from the framework, the data and the options. */
export function prepareRun(framework: Framework, data: RunData, options: RunOptions): PreparedRun {
  const mode = options.mode;
  const fw = engineFramework(framework.nodes, { density: mode === 'ranking' });
  if (fw.indicators.length === 0)
    throw new Error('指标体系没有可计分的数值指标 / the framework has no numeric indicator');
  const root = rootOf(fw);
  const indicators = fw.indicators.map((m) => m.code);
  const byCode = new Map(framework.nodes.map((n) => [n.code, n]));
  const weights = weightStage(options);
  const weightSet = weights.length > 0 ? { weights: 'Weights' } : {};
  const notes: string[] = [];
  let stages: StageSpec[];
  let sv: Record<string, StandardValue> = {};
  let normaliseAlt: StageSpec;
  // Monitoring mode is the CASTED weighted sum by definition; the aggregation option applies to ranking mode.
  const aggregation = mode === 'monitoring' ? 'arithmetic' : options.aggregation;
  if (mode === 'monitoring') {
    if (options.aggregation !== 'arithmetic')
      notes.push('监测模式按定义采用加权算术平均 / monitoring mode is a weighted arithmetic mean');
    sv = standardValues(framework, data, indicators);
    const targets = Object.fromEntries(Object.entries(sv).map(([c, s]) => [c, s.value]));
    stages = [{ op: 'normalise', method: 'target', targets, scale: 100 }];
    normaliseAlt = { op: 'normalise', method: 'minMax', range: [0, 100] };
  } else {
    stages = [];
    if (yearsOf(data).some((y) => y < data.period)) stages.push({ op: 'impute', method: 'latestYear' });
    if (fw.indicators.some((m) => m.denominator !== undefined)) stages.push({ op: 'denominate', scale: 10_000 });
    const logged = indicators.filter((c) => byCode.get(c)?.spec?.log === true);
    stages.push({
      op: 'treat',
      winmaxShare: 0.1,
      skewThreshold: 2,
      kurtThreshold: 3.5,
      fallback: 'logCT',
      ...(logged.length > 0 ? { transform: [{ method: 'boxcox', lambda: 0, shift: 1, indicators: logged }] } : {}),
    });
    const range: [number, number] = aggregation === 'geometric' ? [1, 100] : [0, 100];
    stages.push({ op: 'normalise', method: 'minMax', range });
    normaliseAlt = { op: 'normalise', method: 'zScore', centre: 50, scale: 10 };
  }
  stages.push(...weights, { op: 'aggregate', method: aggregation, ...weightSet });
  const aggregateAlt: StageSpec =
    aggregation === 'arithmetic'
      ? { op: 'aggregate', method: 'generalised', p: 0.5, ...weightSet }
      : { op: 'aggregate', method: 'arithmetic', ...weightSet };
  stages.push({ op: 'rank', decimals: RANK_DECIMALS });
  const nominalNormalise = stages.find((s) => s.op === 'normalise') as StageSpec;
  const nominalAggregate = stages.find((s) => s.op === 'aggregate') as StageSpec;
  // noise on the weights of every level below the root (0 = indicators, 1 = dimensions …)
  const rootLevel = Math.max(...resolveTree(fw).map((n) => n.level));
  const levels = Array.from({ length: rootLevel }, (_, l) => String(l));
  const uncertainty: UncertaintySpec | null =
    options.replications >= 2
      ? {
          design: 'uncertainty',
          runs: options.replications,
          seed: options.seed ?? DEFAULT_SEED,
          target: root,
          rank: { decimals: RANK_DECIMALS },
          factors: [
            {
              kind: 'weights',
              name: 'weights',
              noise: Object.fromEntries(levels.map((l) => [l, WEIGHT_NOISE])),
              replicates: 100,
            },
            {
              kind: 'stage',
              name: 'normalisation',
              stage: 'Normalised',
              alternatives: [nominalNormalise, normaliseAlt],
            },
            { kind: 'stage', name: 'aggregation', stage: 'Aggregated', alternatives: [nominalAggregate, aggregateAlt] },
          ],
        }
      : null;
  const method: MethodSpec = {
    name: mode === 'monitoring' ? '监测模式（标准值法）/ monitoring (CASTED standard values)' : '排名模式 / ranking',
    version: '1',
    stages,
  };
  return { mode, options, indicators, framework: fw, root, method, uncertainty, standardValues: sv, notes };
}

/** The engine input of a prepared run: the run year as Raw, earlier years as history, population as denominator. */
export function pipelineInput(prepared: PreparedRun, data: RunData): PipelineInput {
  const years = yearsOf(data).filter((y) => y < data.period);
  const units = data.counties.map((c) => c.code);
  return {
    framework: prepared.framework,
    raw: yearDataSet(data, data.period, prepared.indicators),
    history: years.map((y) => yearDataSet(data, y, prepared.indicators)),
    historyYears: years,
    year: data.period,
    denominators: dataSetFromRows(
      units,
      ['population'],
      data.counties.map((c) => [c.population]),
    ),
    groups: {
      league: data.counties.map((c) => c.leagueCode),
      countyType: data.counties.map((c) => c.countyType ?? ''),
    },
  };
}
