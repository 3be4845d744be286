/**
 * Runs a method (an ordered list of stages) over the raw data, keeping every intermediate data set by name and a
 * log of the parameters and outcome of each stage, so any run can be reproduced or re-run with other parameters.
 */
import { type ResolvedNode, aggregateTree, resolveTree } from './aggregate.ts';
import { type StageWarning, coverageWarnings } from './aggregate-checks.ts';
import { type DenominateReport, denominate } from './denominate.ts';
import { multiYearMean } from './small-numbers.ts';
import { type ImputeResult, imputeByGroup, imputeLatestYear, imputeLinearTime } from './impute.ts';
import { DEFAULT_STAGE_NAMES, type MethodSpec, type StageSpec, toAggregateParams } from './method.ts';
import { type NormaliseStageReport, lostCellWarnings, runNormaliseStage } from './normalise-stage.ts';
import { rankWithinGroups } from './classify.ts';
import { type ClassifyStageReport, runClassifyStage } from './classify-stage.ts';
import { rankColumn } from './rank.ts';
import { type TreatmentSummary, treatOutliers } from './treat.ts';
import { type DataSet, type Framework, getColumn } from './types.ts';
import { type WeightDetails, computeWeightStage } from './weight-stage.ts';
import { type WeightSet, frameworkWeights } from './weights.ts';

/** Everything a run reads. */
export interface PipelineInput {
  readonly framework: Framework;
  /** The raw data set, stored under the name 'Raw'. */
  readonly raw: DataSet;
  /** Denominator columns (same units, same order) for the denominate stage. */
  readonly denominators?: DataSet;
  /** Grouping variables: name -> one label per unit (e.g. Group_EurAsia, league, county type). */
  readonly groups?: Readonly<Record<string, readonly string[]>>;
  /** Earlier years of the stage input, oldest first, for `impute` with `latestYear` or `linearTime`. */
  readonly history?: readonly DataSet[];
  /** Year labels of `history` (same length), e.g. [2019, 2020, 2021]; default consecutive years. */
  readonly historyYears?: readonly number[];
  /** Year label of `raw`; default the last history label + 1. */
  readonly year?: number;
  /** Later years of the stage input, oldest first (back-casting an earlier year), for `linearTime`. */
  readonly later?: readonly DataSet[];
  /** Year labels of `later` (same length). */
  readonly laterYears?: readonly number[];
}

/** What a stage reports in the log, besides its parameters. */
export type StageReport =
  | ({ readonly op: 'denominate' } & DenominateReport)
  | {
      readonly op: 'smooth';
      /** Years averaged (capped by the history). */
      readonly years: number;
      readonly filled: Record<string, number>;
      readonly partial: Record<string, number>;
    }
  | { readonly op: 'impute'; readonly imputed: Record<string, number>; readonly stillMissing: Record<string, number> }
  | { readonly op: 'treat'; readonly summary: readonly TreatmentSummary[] }
  | ({ readonly op: 'normalise' } & NormaliseStageReport)
  | { readonly op: 'weight'; readonly weights: Record<string, number>; readonly details: WeightDetails }
  | { readonly op: 'aggregate'; readonly levels: Record<string, number>; readonly weights: string }
  | { readonly op: 'rank'; readonly columns: readonly string[]; readonly groupBy?: string }
  | ({ readonly op: 'classify' } & ClassifyStageReport);

/** One entry of the parameter log. */
export interface StageLogEntry {
  readonly name: string;
  readonly input: string;
  readonly spec: StageSpec;
  readonly report: StageReport;
  /**
   * What the stage decided about bad or thin input instead of stopping (an indicator that cannot be normalised, units
   * without a score or scored on fewer children, absolute PCA loadings); absent when there is nothing to say.
   */
  readonly warnings?: readonly StageWarning[];
}

/** The outcome of a run. */
export interface PipelineResult {
  /** Every data set by name: 'Raw' plus one per stage. */
  readonly datasets: Readonly<Record<string, DataSet>>;
  /** Per-cell flags (1 = imputed / treated) by data set name, for the stages that change cells. */
  readonly flags: Readonly<Record<string, readonly Uint8Array[]>>;
  /** Weight sets by name: 'Original' (the framework's) plus one per `weight` stage. */
  readonly weights: Readonly<Record<string, WeightSet>>;
  readonly log: readonly StageLogEntry[];
}

/** Options of a run that are not part of the method (used by the uncertainty analysis). */
export interface RunOptions {
  /**
   * Multiplies the weight of each listed code in every aggregate stage, after the stage's weight set is applied
   * (noise on weights: a factor 1 + u, u uniform in [-f, f]).
   */
  readonly weightFactors?: Readonly<Record<string, number>>;
}

/** The state of a run between stages: everything written so far and the data set the next stage reads by default. */
export interface PipelineState {
  readonly datasets: Readonly<Record<string, DataSet>>;
  readonly flags: Readonly<Record<string, readonly Uint8Array[]>>;
  readonly weights: Readonly<Record<string, WeightSet>>;
  readonly log: readonly StageLogEntry[];
  readonly previous: string;
}

/** Name of the framework's own weight set. */
export const ORIGINAL_WEIGHTS = 'Original';

/** The labels of a grouping variable (undefined when none is named). */
function groupLabels(input: PipelineInput, name: string | undefined, op: string): readonly string[] | undefined {
  if (name === undefined) return undefined;
  const labels = input.groups?.[name];
  if (!labels) throw new Error(`${op}: unknown grouping variable ${name}`);
  return labels;
}

function runImpute(s: Extract<StageSpec, { op: 'impute' }>, data: DataSet, input: PipelineInput): ImputeResult {
  if (s.method === 'latestYear') return imputeLatestYear(data, input.history ?? []);
  if (s.method === 'linearTime') return imputeLinearTime(data, input, { fit: s.fit });
  let groups: readonly string[] | undefined;
  if (s.method === 'groupMean' || s.method === 'groupMedian') {
    if (s.groupBy === undefined) throw new Error(`impute ${s.method} needs groupBy`);
    groups = input.groups?.[s.groupBy];
    if (!groups) throw new Error(`impute: unknown grouping variable ${s.groupBy}`);
  }
  const statistic = s.method === 'mean' || s.method === 'groupMean' ? 'mean' : 'median';
  return imputeByGroup(data, statistic, groups);
}

type StageOutput = {
  data: DataSet;
  report: StageReport;
  flags?: readonly Uint8Array[];
  warnings?: readonly StageWarning[];
};

const treeCache = new WeakMap<Framework, ResolvedNode[]>();

/** The framework's tree with the weights of `set` (framework weights for absent codes) times `factors`. */
function weightedTree(fw: Framework, set: WeightSet, factors?: Readonly<Record<string, number>>): ResolvedNode[] {
  let tree = treeCache.get(fw);
  if (!tree) {
    tree = resolveTree(fw);
    treeCache.set(fw, tree);
  }
  return tree.map((node) => ({
    ...node,
    weights: Float64Array.from(node.children, (c, k) => (set[c] ?? (node.weights[k] as number)) * (factors?.[c] ?? 1)),
  }));
}

function runStage(
  s: StageSpec,
  data: DataSet,
  input: PipelineInput,
  state: PipelineState,
  opts: RunOptions,
): StageOutput {
  const fw = input.framework;
  switch (s.op) {
    case 'denominate': {
      if (!input.denominators) throw new Error('denominate needs a denominator data set');
      const shrink = s.shrink && {
        groups: groupLabels(input, s.shrink.groupBy, 'denominate'),
        indicators: s.shrink.indicators,
      };
      const r = denominate(data, input.denominators, fw, { scale: s.scale, shrink });
      return { data: r.data, report: { op: 'denominate', ...r.report } };
    }
    case 'smooth': {
      const r = multiYearMean(data, input.history ?? [], s.years);
      const report = { op: 'smooth' as const, years: r.years, filled: r.filled, partial: r.partial };
      return { data: r.data, flags: r.flags, report };
    }
    case 'impute': {
      const r = runImpute(s, data, input);
      return {
        data: r.data,
        flags: r.flags,
        report: { op: 'impute', imputed: r.imputed, stillMissing: r.stillMissing },
      };
    }
    case 'treat': {
      const r = treatOutliers(data, s);
      return { data: r.data, flags: r.flags, report: { op: 'treat', summary: r.summary } };
    }
    case 'normalise': {
      const r = runNormaliseStage(s, data, input, state.datasets);
      return { data: r.data, report: { op: 'normalise', ...r.report }, warnings: lostCellWarnings(s, data, r.data) };
    }
    case 'weight': {
      const base = weightSetNamed(state, s.base);
      const r = computeWeightStage(s, data, fw, base);
      return { data, report: { op: 'weight', weights: r.weights, details: r.details }, warnings: r.warnings };
    }
    case 'aggregate': {
      const setName = s.weights ?? ORIGINAL_WEIGHTS;
      const tree = weightedTree(fw, weightSetNamed(state, setName), opts.weightFactors);
      const out = aggregateTree(data, tree, toAggregateParams(s));
      const levels: Record<string, number> = {};
      for (const n of tree) levels[n.code] = n.level;
      const warnings = coverageWarnings(data, tree, out);
      const none = warnings.find((w) => w.code === 'aggregateMissingForAll');
      if (none) throw new Error(`${none.en} / ${none.zh}`);
      return { data: out, report: { op: 'aggregate', levels, weights: setName }, warnings };
    }
    case 'rank': {
      const columns = s.columns ?? fw.aggregates.map((a) => a.code).filter((c) => data.indicators.includes(c));
      const params = { decimals: s.decimals, order: s.order };
      const groups = groupLabels(input, s.groupBy, 'rank');
      const ranks = columns.map((c) =>
        groups ? rankWithinGroups(getColumn(data, c), groups, params) : rankColumn(getColumn(data, c), params),
      );
      const report = { op: 'rank' as const, columns, ...(s.groupBy === undefined ? {} : { groupBy: s.groupBy }) };
      return { data: { units: data.units, indicators: columns, columns: ranks }, report };
    }
    case 'classify': {
      const r = runClassifyStage(s, data, fw);
      return { data: r.data, report: { op: 'classify', ...r.report } };
    }
    default: {
      const never: never = s;
      throw new Error(`unknown stage ${JSON.stringify(never)}`);
    }
  }
}

function weightSetNamed(state: PipelineState, name: string | undefined): WeightSet {
  if (name === undefined) return state.weights[ORIGINAL_WEIGHTS] ?? {};
  const set = state.weights[name];
  if (!set) throw new Error(`no weight set named ${name}`);
  return set;
}

/** The state before the first stage: 'Raw' and the framework's weights ('Original'). */
export function initialState(input: PipelineInput): PipelineState {
  return {
    datasets: { Raw: input.raw },
    flags: {},
    weights: { [ORIGINAL_WEIGHTS]: frameworkWeights(input.framework) },
    log: [],
    previous: 'Raw',
  };
}

/**
 * The data set a stage reads when it names none: the previous stage's output; for `classify`, scores rather than
 * ranks (the input of the rank stage when that wrote the previous output).
 */
function defaultInput(state: PipelineState, spec: StageSpec): string {
  if (spec.op !== 'classify') return state.previous;
  const writer = [...state.log].reverse().find((l) => l.name === state.previous);
  return writer?.spec.op === 'rank' ? writer.input : state.previous;
}

/**
 * Runs one stage on a state and returns the new state (the old one is not modified). A `weight` stage writes a
 * weight set under its name and a `classify` stage a data set of classes; both leave the default input of the next
 * stage unchanged.
 */
export function applyStage(
  state: PipelineState,
  spec: StageSpec,
  input: PipelineInput,
  opts: RunOptions = {},
): PipelineState {
  const inputName = spec.input ?? defaultInput(state, spec);
  const data = state.datasets[inputName];
  if (!data) throw new Error(`stage ${spec.op}: no data set named ${inputName}`);
  const name = spec.name ?? DEFAULT_STAGE_NAMES[spec.op];
  const out = runStage(spec, data, input, state, opts);
  const warnings = out.warnings && out.warnings.length > 0 ? { warnings: out.warnings } : {};
  const log = [...state.log, { name, input: inputName, spec, report: out.report, ...warnings }];
  if (out.report.op === 'weight') {
    return { ...state, weights: { ...state.weights, [name]: out.report.weights }, log, previous: inputName };
  }
  return {
    datasets: { ...state.datasets, [name]: out.data },
    flags: out.flags ? { ...state.flags, [name]: out.flags } : state.flags,
    weights: state.weights,
    log,
    previous: spec.op === 'classify' ? state.previous : name,
  };
}

/** Runs every stage of `method` in order; see {@link PipelineResult}. Pure: the inputs are never modified. */
export function runPipeline(method: MethodSpec, input: PipelineInput, opts: RunOptions = {}): PipelineResult {
  let state = initialState(input);
  for (const spec of method.stages) state = applyStage(state, spec, input, opts);
  const { datasets, flags, weights, log } = state;
  return { datasets, flags, weights, log };
}
