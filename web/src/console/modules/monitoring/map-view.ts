/**
 * What the results map colours: the index score, one dimension, one indicator's normalised score, the rank change
 * against the previous period, or the tier — each as values by county code with its own legend, on the dashboard's
 * region map (the same registered polygons, option builder, tooltip and click-through).
 */
import {
  MISSING_REASON_NAMES,
  type CountyResult,
  type Framework,
  type MissingReason,
} from '../../../../../contracts/monitoring.ts';
import { COLOURS, highlightedCodes, type MapPiece, type MapScale } from '../dashboard/map-option.ts';
import { regionOf, type RegionGeo } from '../dashboard/geo.ts';
import type { MapView } from '../dashboard/view.ts';
import { tierHex, tierName } from './labels.ts';
import { dimensionsOf, formatScore, indicatorsOf, intervalText, rankChange } from './results.ts';
import { DEFAULT_REGION_CODE } from '../../../../../contracts/region.ts';

type T = (zh: string, en: string) => string;

export type ResultView =
  | { kind: 'score' }
  | { kind: 'dimension'; code: string }
  | { kind: 'indicator'; code: string }
  | { kind: 'change' }
  | { kind: 'tier' };

/** `?view=` in the URL: score | change | tier | dim:<code> | ind:<code>; anything else is the score. */
export function parseResultView(raw: string | null): ResultView {
  if (raw === 'change' || raw === 'tier') return { kind: raw };
  if (raw?.startsWith('dim:') && raw.length > 4) return { kind: 'dimension', code: raw.slice(4) };
  if (raw?.startsWith('ind:') && raw.length > 4) return { kind: 'indicator', code: raw.slice(4) };
  return { kind: 'score' };
}

export function formatResultView(v: ResultView): string {
  switch (v.kind) {
    case 'dimension':
      return `dim:${v.code}`;
    case 'indicator':
      return `ind:${v.code}`;
    case 'score':
    case 'change':
    case 'tier':
      return v.kind;
  }
}

/** A county's value in the view (null: not coloured). */
export function viewValue(c: CountyResult, v: ResultView): number | null {
  switch (v.kind) {
    case 'score':
      return c.score;
    case 'dimension':
      return c.dimensions[v.code] ?? null;
    case 'indicator':
      return c.indicators[v.code] ?? null;
    case 'change':
      return rankChange(c);
    case 'tier':
      return c.tier;
  }
}

/** Values by code of the counties that have one in the view. */
export function viewValues(counties: readonly CountyResult[], v: ResultView): Map<string, number> {
  const m = new Map<string, number>();
  for (const c of counties) {
    const x = viewValue(c, v);
    if (x !== null && Number.isFinite(x)) m.set(c.code, x);
  }
  return m;
}

/** The view's label (legend title, tooltip) from the framework's names. */
export function viewLabel(v: ResultView, framework: Pick<Framework, 'nodes'>, t: T): string {
  const node = (code: string) => framework.nodes.find((n) => n.code === code);
  switch (v.kind) {
    case 'score':
      return t('综合得分', 'Index score');
    case 'dimension':
    case 'indicator': {
      const n = node(v.code);
      const name = n ? t(n.nameZh, n.nameEn || n.nameZh) : v.code;
      return v.kind === 'indicator' ? t(`${name}（标准化得分）`, `${name} (normalised score)`) : name;
    }
    case 'change':
      return t('排名变化（位次）', 'Rank change (places)');
    case 'tier':
      return t('类别', 'Tier');
  }
}

/**
 * The legend of the view: scores on a blue scale over their range rounded out to tens (0-100 when they fit), the
 * rank change diverging and symmetric around 0, tiers as pieces in tier colours.
 */
export function viewLegend(
  v: ResultView,
  values: ReadonlyMap<string, number>,
  t: T,
): { scale?: MapScale; pieces?: MapPiece[]; ends: { high: string; low: string } } {
  const list = [...values.values()];
  if (v.kind === 'tier') {
    const tiers = [...new Set(list)].sort((a, b) => a - b);
    return {
      pieces: tiers.map((tier) => ({
        value: tier,
        label: t(tierName(tier).zh, tierName(tier).en),
        color: tierHex(tier),
      })),
      ends: { high: '', low: '' },
    };
  }
  if (v.kind === 'change') {
    const m = Math.max(1, ...list.map((x) => Math.abs(x)));
    return {
      scale: { min: -m, max: m, colours: COLOURS.diverging, precision: 0 },
      ends: { high: t('上升', 'Up'), low: t('下降', 'Down') },
    };
  }
  const lo = list.length ? Math.min(...list) : 0;
  const hi = list.length ? Math.max(...list) : 100;
  const min = lo >= 0 ? 0 : Math.floor(lo / 10) * 10;
  const max = hi <= 100 ? 100 : Math.ceil(hi / 10) * 10;
  return {
    scale: { min, max, colours: COLOURS.scale, precision: 0 },
    ends: { high: t('高', 'High'), low: t('低', 'Low') },
  };
}

/** Why a county has no score (the tooltip line): 未报送 / 审核中 / 退回 — not approved — or 无数据. */
export function noScoreText(reason: MissingReason | null | undefined, t: T): string {
  switch (reason) {
    case 'not_submitted':
      return t('无综合得分：本年度数据未报送', 'No score: not submitted this year');
    case 'in_review':
      return t('无综合得分：数据审核中（未审核）', 'No score: in review (not approved)');
    case 'returned':
      return t('无综合得分：数据已退回（未审核）', 'No score: returned (not approved)');
    case 'no_data':
    case null:
    case undefined:
      return t('无综合得分：无数据', 'No score: no data');
  }
}

/**
 * Tooltip lines of each county: rank with interval, score, tier, change among the counties scored in both periods;
 * the raw value of an indicator view; for a county without a score, why.
 */
export function countyDetails(
  counties: readonly CountyResult[],
  v: ResultView,
  framework: Pick<Framework, 'nodes'>,
  t: T,
): Map<string, string[]> {
  const unit = v.kind === 'indicator' ? (framework.nodes.find((n) => n.code === v.code)?.spec?.unit ?? '') : '';
  return new Map(
    counties.map((c) => {
      if (c.score === null) return [c.code, [noScoreText(c.missingReason, t)]];
      const lines = [
        t(`排名 ${intervalText(c)}`, `Rank ${intervalText(c)}`),
        t(`综合得分 ${formatScore(c.score)}`, `Index score ${formatScore(c.score)}`),
      ];
      if (c.tier !== null) lines.push(t(`类别 ${tierName(c.tier).zh}`, `Tier ${c.tier}`));
      const d = rankChange(c);
      if (d !== null)
        lines.push(
          t(
            `较上期 ${d > 0 ? `上升 ${d} 位` : d < 0 ? `下降 ${-d} 位` : '持平'}（两期均有得分的旗县间）`,
            `vs previous: ${d > 0 ? `up ${d}` : d < 0 ? `down ${-d}` : 'unchanged'} (counties scored in both)`,
          ),
        );
      if (c.missingReason && c.missingReason !== 'no_data')
        lines.push(
          t(
            `本年度数据${MISSING_REASON_NAMES[c.missingReason].zh}，以往年数据参评`,
            `This year's data ${MISSING_REASON_NAMES[c.missingReason].en}: scored on earlier years`,
          ),
        );
      if (v.kind === 'indicator') {
        const raw = c.raw[v.code];
        lines.push(t(`原始值 ${raw ?? '—'} ${unit}`, `Raw value ${raw ?? '—'} ${unit}`).trim());
        if (c.imputed.includes(v.code)) lines.push(t('（插补或临时值）', '(imputed or provisional)'));
      }
      return [c.code, lines];
    }),
  );
}

/** The region map with the view's values (every county of the region drawn; those without a value grey). */
export function buildResultMapView(geo: RegionGeo, values: Map<string, number>): MapView {
  const features = geo.features.map((f) => ({ code: f.id, name: f.properties.name }));
  const region = regionOf(geo.features[0]?.id ?? DEFAULT_REGION_CODE);
  return {
    scope: 'region',
    mapName: `qx-${region}`,
    geo,
    features,
    values,
    highlighted: highlightedCodes(features, values),
  };
}

/** Options of the view selector: score, each dimension, each indicator, change, tier. */
export function viewOptions(
  framework: Pick<Framework, 'nodes'>,
  t: T,
): { label: string; options: { value: string; label: string }[] }[] {
  const name = (n: { nameZh: string; nameEn: string }) => t(n.nameZh, n.nameEn || n.nameZh);
  return [
    {
      label: t('综合', 'Overall'),
      options: [
        { value: 'score', label: t('综合得分', 'Index score') },
        { value: 'change', label: t('排名变化', 'Rank change') },
        { value: 'tier', label: t('类别', 'Tier') },
      ],
    },
    {
      label: t('维度', 'Dimensions'),
      options: dimensionsOf(framework).map((d) => ({ value: `dim:${d.code}`, label: `${d.code} ${name(d)}` })),
    },
    {
      label: t('指标', 'Indicators'),
      options: indicatorsOf(framework).map((i) => ({ value: `ind:${i.code}`, label: `${i.code} ${name(i)}` })),
    },
  ];
}
