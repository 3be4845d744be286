import { type ShrinkageGroup, empiricalBayesRates } from './small-numbers.ts';
import { type DataSet, type Framework, getColumn, indicatorMetaByCode } from './types.ts';

/** Parameters of the denominate stage. */
export interface DenominateParams {
  /** Multiplies every ratio, e.g. 10000 for "per 10k people". Default 1. */
  readonly scale?: number;
  /** Per-indicator denominator overriding the framework (`null` = do not divide). */
  readonly denominators?: Readonly<Record<string, string | null>>;
  /**
   * Empirical-Bayes shrinkage of the rates (see {@link empiricalBayesRates}) before scaling, towards the mean rate of
   * all units or of each group; `indicators` limits it to some denominated indicators (default: all).
   */
  readonly shrink?: { readonly groups?: readonly string[]; readonly indicators?: readonly string[] };
}

/** What the stage did, for the parameter log. */
export interface DenominateReport {
  /** indicator -> denominator code for every indicator that was divided. */
  readonly denominated: Record<string, string>;
  readonly scale: number;
  /** indicator -> mean rate and between-unit variance per group, for the shrunk indicators. */
  readonly shrinkage?: Record<string, readonly ShrinkageGroup[]>;
}

/**
 * Divides each indicator that has a denominator by that denominator column (x / d * scale).
 * Missing or zero denominators give a missing value. Units of `denominators` must be in the same order as `data`.
 */
export function denominate(
  data: DataSet,
  denominators: DataSet,
  framework: Framework,
  params: DenominateParams = {},
): { data: DataSet; report: DenominateReport } {
  if (denominators.units.length !== data.units.length || denominators.units.some((u, i) => u !== data.units[i])) {
    throw new Error('denominate: the denominator data set must have the same units in the same order');
  }
  const scale = params.scale ?? 1;
  const meta = indicatorMetaByCode(framework);
  const denominated: Record<string, string> = {};
  const shrinkage: Record<string, readonly ShrinkageGroup[]> = {};
  const shrinkOnly = params.shrink?.indicators && new Set(params.shrink.indicators);
  const columns = data.indicators.map((code, j) => {
    const src = data.columns[j] as Float64Array;
    const override = params.denominators?.[code];
    const den = override === undefined ? meta.get(code)?.denominator : (override ?? undefined);
    if (den === undefined || den === '') return src;
    denominated[code] = den;
    const d = getColumn(denominators, den);
    if (params.shrink && (!shrinkOnly || shrinkOnly.has(code))) {
      const r = empiricalBayesRates(src, d, { groups: params.shrink.groups });
      shrinkage[code] = r.groups;
      return r.rates.map((v) => v * scale);
    }
    const out = new Float64Array(src.length);
    for (let i = 0; i < src.length; i++) {
      const di = d[i] as number;
      out[i] = di === 0 ? Number.NaN : ((src[i] as number) / di) * scale;
    }
    return out;
  });
  const report = params.shrink ? { denominated, scale, shrinkage } : { denominated, scale };
  return { data: { units: data.units, indicators: data.indicators, columns }, report };
}
