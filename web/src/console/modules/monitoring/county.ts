/** Pure helpers of the county profile: peer means for the radar, the indicator table rows, target progress. */
import type { CountyDiagnosis, CountyResult, Framework } from '../../../../../contracts/monitoring.ts';
import { dimensionMeans, dimensionOf, dimensionsOf, indicatorsOf } from './results.ts';

type T = (zh: string, en: string) => string;

/** Mean dimension scores of the peer group (the peers listed by the diagnosis, the county itself left out). */
export function peerMeans(
  diagnosis: Pick<CountyDiagnosis, 'peers' | 'county'>,
  counties: readonly CountyResult[],
  framework: Pick<Framework, 'nodes'>,
): Record<string, number | null> | null {
  const codes = new Set(diagnosis.peers.map((p) => p.code).filter((c) => c !== diagnosis.county.code));
  const group = counties.filter((c) => codes.has(c.code));
  if (group.length === 0) return null;
  return dimensionMeans(
    group,
    dimensionsOf(framework).map((d) => d.code),
  );
}

export interface IndicatorRow {
  code: string;
  name: string;
  dimension: string;
  unit: string;
  raw: number | null;
  score: number | null;
  /** Imputed or provisional value (the run's flag). */
  imputed: boolean;
  direction: 1 | -1;
}

/** 指标明细: every numeric indicator in framework order with raw value, normalised score and marker. */
export function indicatorRows(county: CountyResult, framework: Pick<Framework, 'nodes'>, t: T): IndicatorRow[] {
  const imputed = new Set(county.imputed);
  return indicatorsOf(framework).map((n) => {
    const dim = dimensionOf(framework, n.code);
    return {
      code: n.code,
      name: t(n.nameZh, n.nameEn || n.nameZh),
      dimension: dim ? t(dim.nameZh, dim.nameEn || dim.nameZh) : '',
      unit: n.spec?.unit ?? '',
      raw: county.raw[n.code] ?? null,
      score: county.indicators[n.code] ?? null,
      imputed: imputed.has(n.code),
      direction: n.spec?.direction ?? 1,
    };
  });
}

/** Progress bar percent of a target (0-100, capped) and its status. */
export function targetProgress(target: CountyDiagnosis['targets'][number]): {
  percent: number;
  status: 'success' | 'normal' | 'exception';
} {
  if (target.reached === null) return { percent: 0, status: 'exception' };
  const percent = Math.max(0, Math.min(100, Math.round(target.reached * 100)));
  return { percent, status: target.reached >= 1 ? 'success' : 'normal' };
}

const MAX_YEARS = 30;

/** 'x 年' to the target: reached, n years at the current trend, or not at the current trend. */
export function yearsToTargetText(target: CountyDiagnosis['targets'][number], t: T): string {
  if (target.reached !== null && target.reached >= 1) return t('已达到', 'Reached');
  if (target.yearsToTarget === null)
    return target.current === null ? t('无数据', 'No data') : t('按当前趋势无法达到', 'Not at the current trend');
  if (target.yearsToTarget <= 0) return t('已达到', 'Reached');
  // Beyond a few decades the linear trend says only "not in any planning horizon".
  if (target.yearsToTarget > MAX_YEARS) return t(`${MAX_YEARS} 年以上`, `more than ${MAX_YEARS} years`);
  const y = Math.ceil(target.yearsToTarget * 10) / 10;
  return t(`约 ${y} 年`, `about ${y} years`);
}
