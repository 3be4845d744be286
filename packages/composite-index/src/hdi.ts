/**
 * UNDP Human Development Index (HDR 2021/22 technical note 1): dimension indices with fixed goalposts and their
 * geometric mean; ranks and tiers on the HDI rounded to 3 decimals, as UNDP publishes them.
 */
import { roundTo } from './stats.ts';

/** The four HDI components of one country-year; null = not available. */
export interface HdiComponents {
  /** Life expectancy at birth, years. */
  readonly le: number | null;
  /** Expected years of schooling. */
  readonly eys: number | null;
  /** Mean years of schooling. */
  readonly mys: number | null;
  /** GNI per capita, 2017 PPP $. */
  readonly gnipc: number | null;
}

/** HDI tier (human development group). */
export type HdiTier = 'Very High' | 'High' | 'Medium' | 'Low';

/**
 * Life expectancy index: (le - 20) / 65 clipped to [0, 1]. The conformance README states the formula without the
 * clip, but UNDP caps life expectancy at the 85-year goalpost: Hong Kong 2018-2021 (le > 85) only matches the
 * published HDI with the cap.
 */
export function lifeExpectancyIndex(le: number): number {
  return Math.min(Math.max((le - 20) / 65, 0), 1);
}

/** Education index: mean of min(eys, 18) / 18 and min(mys, 15) / 15. */
export function educationIndex(eys: number, mys: number): number {
  return (Math.min(eys, 18) / 18 + Math.min(mys, 15) / 15) / 2;
}

/** Income index: (ln gnipc - ln 100) / (ln 75000 - ln 100), clipped to [0, 1]. */
export function incomeIndex(gnipc: number): number {
  const v = (Math.log(gnipc) - Math.log(100)) / (Math.log(75000) - Math.log(100));
  return Math.min(Math.max(v, 0), 1);
}

/** HDI = (LEI * EI * II)^(1/3); null when any component is missing. */
export function computeHdi(c: HdiComponents): number | null {
  if (c.le === null || c.eys === null || c.mys === null || c.gnipc === null) return null;
  return Math.cbrt(lifeExpectancyIndex(c.le) * educationIndex(c.eys, c.mys) * incomeIndex(c.gnipc));
}

/**
 * HDI ranks: 1 + the number of countries with a strictly higher HDI rounded to 3 decimals (null stays null).
 */
export function rankHdi(values: readonly (number | null)[]): (number | null)[] {
  const rounded = values.map((v) => (v === null ? null : roundTo(v, 3)));
  const sorted = Float64Array.from(rounded.filter((v): v is number => v !== null)).sort();
  return rounded.map((v) => {
    if (v === null) return null;
    // count of values strictly greater than v = length - (index of first value > v)
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((sorted[mid] as number) > v) hi = mid;
      else lo = mid + 1;
    }
    return 1 + sorted.length - lo;
  });
}

/** HDI tier of an HDI value rounded to 3 decimals: >= 0.800, >= 0.700, >= 0.550, else Low. */
export function hdiTier(hdi: number): HdiTier {
  const v = roundTo(hdi, 3);
  if (v >= 0.8) return 'Very High';
  if (v >= 0.7) return 'High';
  if (v >= 0.55) return 'Medium';
  return 'Low';
}
