/**
 * The ECharts option of the county choropleth, built from plain data so it can be tested without a browser.
 * Counties with a value are coloured through the visualMap; the others (outside the caller's scope) are drawn grey,
 * carry no value and have no hover emphasis, so nothing about them is shown that the caller may not see.
 */
import type { ComposeOption } from 'echarts/core';
import type { MapSeriesOption } from 'echarts/charts';
import type { TooltipComponentOption, VisualMapComponentOption } from 'echarts/components';

export type MapOption = ComposeOption<MapSeriesOption | VisualMapComponentOption | TooltipComponentOption>;

export interface MapTexts {
  /** What the value counts, e.g. 在册单位数. */
  valueLabel: string;
  /** Unit after the value, e.g. 个. */
  unit: string;
  /** Shown for counties outside the scope instead of a value. */
  outOfScope: string;
  high: string;
  low: string;
}

export interface MapOptionInput {
  /** Name the GeoJSON was registered under (echarts.registerMap). */
  mapName: string;
  /** Every feature of that map, code and Chinese name. */
  features: readonly { code: string; name: string }[];
  /** Values of the counties the caller may see, by code; every other feature is greyed. */
  values: ReadonlyMap<string, number>;
  texts: MapTexts;
  /** Formats a value for the tooltip (locale digit grouping). */
  formatValue?: (n: number) => string;
  /** Counties whose name is drawn on the map (a league's larger counties); the others show it on hover. */
  labelled?: ReadonlySet<string>;
  /** Counties drawn with a dark outline so a small one is found on the region map (a county's own view). */
  outlined?: ReadonlySet<string>;
  /** Hides the colour legend (one county: the scale says nothing). */
  hideLegend?: boolean;
  /** A continuous scale other than 0 … largest value in blues (scores 0-100, a diverging rank change). */
  scale?: MapScale;
  /** Categories instead of a continuous scale (tiers): each value is one piece with its own colour and label. */
  pieces?: readonly MapPiece[];
  /** More tooltip lines per county code (plain text, escaped), e.g. rank and tier beside a score. */
  details?: ReadonlyMap<string, readonly string[]>;
}

export interface MapScale {
  min: number;
  max: number;
  colours?: readonly string[];
  /** Decimals on the legend handles. */
  precision?: number;
}

export interface MapPiece {
  value: number;
  label: string;
  color: string;
}

/** A data item of the map series: `name` is the county code (the series matches features by code). */
export interface CountyDatum {
  name: string;
  value: number;
  countyName: string;
  inScope: boolean;
  itemStyle?: { areaColor?: string; borderColor: string; borderWidth?: number };
  emphasis?: { disabled: boolean };
  cursor?: string;
  label?: { show: boolean } & Record<string, unknown>;
}

export const COLOURS = {
  scale: ['#e6f4ff', '#91caff', '#4096ff', '#0958d9', '#002c8c'],
  outOfScope: '#f0f0f0',
  border: '#ffffff',
  outOfScopeBorder: '#d9d9d9',
  emphasis: '#ffc53d',
  outline: '#d4380d',
  /** Worse -> unchanged -> better (rank change). */
  diverging: ['#cf1322', '#ff9c6e', '#f5f5f5', '#95de64', '#237804'],
} as const;

/** The name of an outlined county: above its polygon (a small district stays visible), in a white tag. */
const OUTLINED_LABEL = {
  show: true,
  offset: [0, -16],
  color: COLOURS.outline,
  fontWeight: 'bold',
  textBorderWidth: 0,
  backgroundColor: 'rgba(255, 255, 255, 0.9)',
  borderRadius: 3,
  padding: [2, 4],
} as const;

/** Escapes text for ECharts' HTML tooltip. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The visualMap range: 0 up to the largest visible value (at least 1, so a map of zeros still has a scale). */
export function valueRange(values: ReadonlyMap<string, number>): { min: number; max: number } {
  let max = 0;
  for (const v of values.values()) if (Number.isFinite(v) && v > max) max = v;
  return { min: 0, max: Math.max(1, max) };
}

/** The codes coloured by value, in feature order: what the page exposes as `data-highlighted`. */
export function highlightedCodes(features: readonly { code: string }[], values: ReadonlyMap<string, number>): string[] {
  return features.filter((f) => values.has(f.code)).map((f) => f.code);
}

/** One data item per feature; out-of-scope features are grey, valueless and without emphasis. */
export function buildMapData(
  features: readonly { code: string; name: string }[],
  values: ReadonlyMap<string, number>,
  labelled: ReadonlySet<string> = new Set(),
  outlined: ReadonlySet<string> = new Set(),
): CountyDatum[] {
  return features.map((f) => {
    const v = values.get(f.code);
    const label = labelled.has(f.code) ? { label: { show: true } } : {};
    const outline = outlined.has(f.code)
      ? { itemStyle: { borderColor: COLOURS.outline, borderWidth: 2 }, label: OUTLINED_LABEL }
      : {};
    if (v !== undefined) return { name: f.code, value: v, countyName: f.name, inScope: true, ...label, ...outline };
    return {
      ...label,
      name: f.code,
      value: Number.NaN,
      countyName: f.name,
      inScope: false,
      itemStyle: { areaColor: COLOURS.outOfScope, borderColor: COLOURS.outOfScopeBorder },
      emphasis: { disabled: true },
      cursor: 'default',
    };
  });
}

/**
 * Tooltip text of one county: name, GB/T 2260 code, the value or the out-of-scope note, and any detail lines (also
 * for a county without a value: the results map says there why it has none).
 */
export function tooltipHtml(
  datum: Pick<CountyDatum, 'name' | 'countyName' | 'value' | 'inScope'>,
  texts: MapTexts,
  formatValue: (n: number) => string = String,
  details: readonly string[] = [],
): string {
  const head = `<strong>${escapeHtml(datum.countyName)}</strong> <span style="color:#8c8c8c">${escapeHtml(datum.name)}</span>`;
  const body = datum.inScope
    ? `${escapeHtml(texts.valueLabel)}：<strong>${escapeHtml(formatValue(datum.value))}</strong> ${escapeHtml(texts.unit)}`
    : escapeHtml(texts.outOfScope);
  return [head, body, ...details.map(escapeHtml)].join('<br/>');
}

/** The legend: continuous (default 0 … largest value, or the given scale) or pieces (categories). */
function visualMapOf(input: MapOptionInput): VisualMapComponentOption {
  const common = { show: !input.hideLegend, seriesIndex: 0, left: 8, top: 8 } as const;
  if (input.pieces)
    return {
      ...common,
      type: 'piecewise',
      // Listed top to bottom in the given order (ECharts otherwise puts the last piece on top).
      inverse: true,
      pieces: input.pieces.map((p) => ({ value: p.value, label: p.label, color: p.color })),
    };
  const { min, max } = input.scale ?? valueRange(input.values);
  return {
    ...common,
    type: 'continuous',
    min,
    max,
    calculable: true,
    realtime: true,
    precision: input.scale?.precision ?? 0,
    text: [input.texts.high, input.texts.low],
    inRange: { color: [...(input.scale?.colours ?? COLOURS.scale)] },
    itemHeight: 100,
  };
}

function isDatum(d: unknown): d is CountyDatum {
  return typeof d === 'object' && d !== null && 'countyName' in d && 'inScope' in d;
}

/** The full option: one map series keyed by code, a continuous visualMap legend, an HTML tooltip. */
export function buildMapOption(input: MapOptionInput): MapOption {
  const formatValue = input.formatValue ?? String;
  const names = new Map(input.features.map((f) => [f.code, f.name]));
  return {
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (params) => {
        const p = Array.isArray(params) ? params[0] : params;
        if (!p) return '';
        const code = p.name;
        const datum = isDatum(p.data)
          ? p.data
          : { name: code, countyName: names.get(code) ?? code, value: Number.NaN, inScope: false };
        return tooltipHtml(datum, input.texts, formatValue, input.details?.get(code));
      },
    },
    visualMap: visualMapOf(input),
    series: [
      {
        type: 'map',
        map: input.mapName,
        nameProperty: 'code',
        selectedMode: false,
        roam: false,
        left: 8,
        right: 8,
        top: 8,
        bottom: 8,
        // Fill the box without distorting the shape (a league is narrow, the region wide).
        preserveAspect: 'contain',
        preserveAspectAlign: 'center',
        preserveAspectVerticalAlign: 'middle',
        itemStyle: { borderColor: COLOURS.border, borderWidth: 0.6, areaColor: COLOURS.outOfScope },
        label: {
          show: false,
          fontSize: 11,
          color: '#ffffff',
          textBorderColor: 'rgba(0, 0, 0, 0.65)',
          textBorderWidth: 2,
          formatter: (p) => (isDatum(p.data) ? p.data.countyName : (names.get(p.name) ?? p.name)),
        },
        emphasis: {
          label: { show: true, fontWeight: 'bold' },
          itemStyle: { areaColor: COLOURS.emphasis, borderColor: '#262626', borderWidth: 1.2 },
        },
        data: buildMapData(input.features, input.values, input.labelled, input.outlined),
      },
    ],
  };
}
