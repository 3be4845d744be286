/**
 * The normalise stage of a method: checks which keys apply to the method, finds the base year of a growth index and
 * the history of a window, and reports them for the log.
 */
import { type StageWarning, listNames } from './aggregate-checks.ts';
import { type NormaliseStageSpec } from './method.ts';
import { type NormaliseParams, normalise } from './normalise.ts';
import type { PipelineInput } from './pipeline.ts';
import { type DataSet } from './types.ts';
import { yearCoordinates } from './years.ts';

/** What a normalise stage adds to the log. */
export interface NormaliseStageReport {
  /** Years pooled by a min-max or distance-to-best window. */
  readonly window?: number;
  /** Base of a growth index: a data set name, or the label of the history year. */
  readonly base?: string | number;
}

/** Keys of the normalise stage that only some methods read: a key given to another method is an error. */
const NORMALISE_KEYS_FOR: Readonly<Record<string, readonly NormaliseStageSpec['method'][]>> = {
  window: ['minMax', 'distanceToBest'],
  references: ['distanceToBest'],
  ties: ['rank', 'percentile'],
  base: ['growth'],
  baseYear: ['growth'],
  baseIndex: ['growth'],
};

function toNormaliseParams(s: NormaliseStageSpec): NormaliseParams {
  for (const [key, methods] of Object.entries(NORMALISE_KEYS_FOR)) {
    if (key in s && s[key as keyof NormaliseStageSpec] !== undefined && !methods.includes(s.method))
      throw new Error(`normalise ${s.method} does not take ${key} (only ${methods.join(', ')})`);
  }
  switch (s.method) {
    case 'minMax':
      return { method: 'minMax', range: s.range, window: s.window };
    case 'zScore':
      return { method: 'zScore', centre: s.centre, scale: s.scale };
    case 'goalposts':
      return { method: 'goalposts', range: s.range, clip: s.clip };
    case 'target':
      return { method: 'target', targets: s.targets ?? {}, scale: s.scale };
    case 'distanceToBest':
      return { method: 'distanceToBest', scale: s.scale, references: s.references, window: s.window };
    case 'rank':
    case 'percentile':
      return { method: s.method, ties: s.ties };
    case 'growth':
      return { method: 'growth', scale: s.scale };
    default: {
      const never: never = s.method;
      throw new Error(`unknown normalisation ${String(never)}`);
    }
  }
}

/** The base year of a growth normalisation: a data set of the run by name, a history year by label or by index. */
function growthBase(
  s: NormaliseStageSpec,
  input: PipelineInput,
  datasets: Readonly<Record<string, DataSet>>,
): { data: DataSet; label: string | number } {
  const given = [s.base, s.baseYear, s.baseIndex].filter((v) => v !== undefined).length;
  if (given > 1) throw new Error('normalise growth: give one of base, baseYear, baseIndex');
  if (s.base !== undefined) {
    const ds = datasets[s.base];
    if (!ds) throw new Error(`normalise growth: no data set named ${s.base}`);
    return { data: ds, label: s.base };
  }
  const history = input.history ?? [];
  const labels = yearCoordinates(input).history;
  let k: number;
  if (s.baseYear !== undefined) {
    k = labels.indexOf(s.baseYear);
    if (k < 0) throw new Error(`normalise growth: no history year ${s.baseYear}`);
  } else {
    const at = s.baseIndex ?? 0;
    k = at < 0 ? history.length + at : at;
  }
  const ds = history[k];
  if (!ds) throw new Error(`normalise growth: no history year at index ${s.baseIndex ?? 0} (${history.length} years)`);
  return { data: ds, label: labels[k] as number };
}

/** Runs a normalise stage on `data` with the other years of `input` and the data sets of the run so far. */
export function runNormaliseStage(
  s: NormaliseStageSpec,
  data: DataSet,
  input: PipelineInput,
  datasets: Readonly<Record<string, DataSet>>,
): { data: DataSet; report: NormaliseStageReport } {
  const params = toNormaliseParams(s);
  const base = s.method === 'growth' ? growthBase(s, input, datasets) : undefined;
  const out = normalise(data, input.framework, params, { history: input.history, base: base?.data });
  const report = {
    ...(s.window === undefined ? {} : { window: s.window }),
    ...(base ? { base: base.label } : {}),
  };
  return { data: out, report };
}

/** True when the present values of a column are all equal (or fewer than two are present). */
function isConstant(col: Float64Array): boolean {
  let first = Number.NaN;
  for (const v of col) {
    if (Number.isNaN(v)) continue;
    if (Number.isNaN(first)) first = v;
    else if (v !== first) return false;
  }
  return true;
}

/**
 * Warnings for cells present before a normalisation and missing after it. An indicator whose values are all equal
 * (zero variance: min-max and z-score divide by 0, as in COINr) is missing for every unit and so left out of every
 * aggregate above it, for all units alike; other losses (a growth base <= 0, a zero best) name the units.
 */
export function lostCellWarnings(s: NormaliseStageSpec, before: DataSet, after: DataSet): StageWarning[] {
  const warnings: StageWarning[] = [];
  after.indicators.forEach((code, j) => {
    const src = before.columns[before.indicators.indexOf(code)];
    const out = after.columns[j] as Float64Array;
    if (!src) return;
    const lost: string[] = [];
    let present = 0;
    for (let i = 0; i < src.length; i++) {
      if (Number.isNaN(src[i])) continue;
      present++;
      if (Number.isNaN(out[i])) lost.push(before.units[i] ?? '');
    }
    if (lost.length === 0) return;
    if (lost.length === present && isConstant(src)) {
      warnings.push({
        code: 'constantIndicator',
        zh: `指标 ${code} 所有单元取值相同（方差为 0），${s.method} 无法归一化：该指标对所有单元缺失，不参与上级聚合`,
        en: `indicator ${code} has the same value for every unit (zero variance) and cannot be normalised by ${s.method}: it is missing for all units and left out of every aggregate above it`,
      });
      return;
    }
    warnings.push({
      code: 'normalisedMissing',
      zh: `指标 ${code}：${lost.length} 个单元的数值在 ${s.method} 归一化后缺失：${listNames(lost)}`,
      en: `indicator ${code}: ${lost.length} units lose their value in the ${s.method} normalisation: ${listNames(lost)}`,
    });
  });
  return warnings;
}
