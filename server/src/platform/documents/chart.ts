/**
 * Charts for reports: a ChartSpec becomes an ECharts option, ECharts renders it server-side to SVG (no DOM, no
 * canvas) measuring text with the report font, the labels become outlines of that font, and resvg rasterises the
 * font-free SVG to PNG, so Chinese labels need no system font. Both the docx and the PDF renderer embed that PNG.
 */
import { isMainThread } from 'node:worker_threads';
import { Resvg, renderAsync } from '@resvg/resvg-js';
import { BarChart, LineChart, MapChart, PieChart, RadarChart } from 'echarts/charts';
import type {
  BarSeriesOption,
  LineSeriesOption,
  MapSeriesOption,
  PieSeriesOption,
  RadarSeriesOption,
} from 'echarts/charts';
import { GridComponent, LegendComponent, RadarComponent, VisualMapComponent } from 'echarts/components';
import type {
  GridComponentOption,
  LegendComponentOption,
  RadarComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import type { ComposeOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { CJK_FONT_FAMILY, reportFont, textWidth } from './fonts.ts';
import { DEFAULT_CHART_SIZE, type ChartSpec } from './model.ts';
import { chartPngInWorker } from './chart-thread.ts';
import { encodeOpaquePng } from './png.ts';
import { outlineSvgText, parseFont } from './svg-text.ts';
import { registerReportMap as registerInRegistry, reportMapGeometry, type ReportMapGeometry } from './map-registry.ts';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  RadarChart,
  MapChart,
  GridComponent,
  LegendComponent,
  RadarComponent,
  VisualMapComponent,
  SVGRenderer,
]);
// Without a canvas ECharts guesses text widths; measure with the font the labels are drawn in, so legends and axis
// labels are laid out for the real glyphs. (Process-wide: the server draws charts only here.)
const measured = new Map<string, number>();
echarts.setPlatformAPI({
  measureText: (text = '', font = '') => {
    // ECharts measures the same labels many times while laying out; shaping is the costly part.
    const key = `${font}|${text}`;
    let width = measured.get(key);
    if (width === undefined) {
      const { size, bold } = parseFont(font);
      width = textWidth(reportFont(bold ? 'bold' : 'regular'), text, size);
      if (measured.size > 10_000) measured.clear();
      measured.set(key, width);
    }
    return { width };
  },
});

type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | PieSeriesOption
  | RadarSeriesOption
  | MapSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | RadarComponentOption
  | VisualMapComponentOption
>;

export type { ReportMapGeometry };

/** Maps already handed to ECharts in this thread. */
const echartsMaps = new Set<string>();

/**
 * Registers a map for `map` charts under `name` (map-registry.ts, process-wide) and hands it to ECharts. The chart
 * worker registers the maps the main thread sends it this way.
 */
export function registerReportMap(name: string, geometry: ReportMapGeometry): void {
  registerInRegistry(name, geometry);
  toEcharts(name, geometry);
}

function toEcharts(name: string, geometry: ReportMapGeometry): void {
  const features = geometry.features.map((f) => ({
    ...f,
    properties: { ...f.properties, code: f.id === undefined ? '' : String(f.id) },
  }));
  echarts.registerMap(name, { type: 'FeatureCollection', features } as unknown as Parameters<
    typeof echarts.registerMap
  >[1]);
  echartsMaps.add(name);
}

/** The geometry of a registered map, handed to ECharts on first use here; undefined when none is registered. */
function mapFor(name: string): ReportMapGeometry | undefined {
  const geometry = reportMapGeometry(name);
  if (geometry && !echartsMaps.has(name)) toEcharts(name, geometry);
  return geometry;
}

/** Light to dark blue: the choropleth scale of reports (prints legibly in grey too). */
const MAP_COLOURS = ['#e0ecf8', '#9ecae1', '#4292c6', '#08519c'];

/** Pixels per point of the PNG: 3 gives 216 dpi on paper, enough for print. */
export const CHART_RASTER_SCALE = 3;

const TEXT = '#333333';

/** The ECharts option for a spec (static: no animation, no interaction, white background). */
export function chartOption(spec: ChartSpec): ChartOption {
  const base: ChartOption = {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: CJK_FONT_FAMILY, fontSize: 11, color: TEXT },
  };
  const hasLegend = spec.type === 'pie' || spec.series.length > 1;
  const legend: LegendComponentOption | undefined = hasLegend
    ? { top: 0, left: 'center', itemWidth: 14, itemHeight: 10, textStyle: { color: TEXT } }
    : undefined;
  if (spec.type === 'pie') {
    const first = spec.series[0];
    return {
      ...base,
      legend,
      series: [
        {
          type: 'pie',
          name: first?.name,
          radius: ['30%', '60%'],
          center: ['50%', '56%'],
          label: { formatter: '{b}：{c}', color: TEXT },
          data: spec.categories.map((name, i) => ({ name, value: first?.values[i] ?? 0 })),
        },
      ],
    };
  }
  if (spec.type === 'radar') {
    const max = spec.max ?? Math.max(1, ...spec.series.flatMap((s) => s.values.filter((v) => Number.isFinite(v))));
    return {
      ...base,
      legend,
      radar: {
        indicator: spec.categories.map((name) => ({ name, max })),
        radius: '60%',
        center: ['50%', hasLegend ? '56%' : '52%'],
        axisName: { color: TEXT },
        splitNumber: 4,
      },
      series: [
        {
          type: 'radar',
          symbolSize: 4,
          areaStyle: { opacity: 0.12 },
          data: spec.series.map((s) => ({ name: s.name, value: [...s.values] })),
        },
      ],
    };
  }
  if (spec.type === 'map') {
    const first = spec.series[0];
    const values = first?.values ?? [];
    const [low, high] = spec.range ?? [Math.min(...values), Math.max(...values)];
    const min = Number.isFinite(low) ? low : 0;
    const max = Number.isFinite(high) && high > min ? high : min + 1;
    const label = (v: number) => String(Math.round(v * 10) / 10);
    return {
      ...base,
      visualMap: {
        type: 'continuous',
        min,
        max,
        left: 8,
        bottom: 8,
        orient: 'vertical',
        itemWidth: 10,
        itemHeight: 90,
        calculable: false,
        text: [`高 ${label(max)}`, `低 ${label(min)}`],
        textStyle: { color: TEXT },
        inRange: { color: MAP_COLOURS },
      },
      series: [
        {
          type: 'map',
          map: spec.map,
          name: first?.name,
          nameProperty: 'code',
          roam: false,
          left: 70,
          right: 8,
          top: 8,
          bottom: 8,
          label: { show: false },
          itemStyle: { areaColor: '#e5e5e5', borderColor: '#ffffff', borderWidth: 0.4 },
          data: spec.categories.map((name, i) => ({ name, value: values[i] ?? 0 })),
        },
      ],
    };
  }
  const many = spec.categories.length > 6;
  const categoryAxis = {
    type: 'category' as const,
    data: [...spec.categories],
    // Horizontal bars list categories top-down in the order given, like the table beside them.
    inverse: spec.horizontal === true,
    axisLabel: { interval: 0, rotate: !spec.horizontal && many ? 30 : 0, color: TEXT },
    axisTick: { alignWithLabel: true },
  };
  const valueAxis = {
    type: 'value' as const,
    name: spec.unit ? `单位：${spec.unit}` : undefined,
    nameTextStyle: { color: TEXT },
    axisLabel: { color: TEXT },
  };
  const stack = spec.stacked ? 'total' : undefined;
  return {
    ...base,
    legend,
    // Axis labels and names are kept inside the drawing (the grid shrinks to fit them).
    grid: {
      left: 8,
      right: 24,
      top: hasLegend ? 36 : 12,
      bottom: 8,
      outerBoundsMode: 'same',
      outerBoundsContain: 'all',
    },
    xAxis: spec.horizontal ? valueAxis : categoryAxis,
    yAxis: spec.horizontal ? categoryAxis : valueAxis,
    series: spec.series.map((s) =>
      spec.type === 'bar'
        ? ({ type: 'bar', name: s.name, stack, data: [...s.values], barMaxWidth: 24 } satisfies BarSeriesOption)
        : ({ type: 'line', name: s.name, stack, data: [...s.values], symbolSize: 6 } satisfies LineSeriesOption),
    ),
  };
}

/** The chart as an SVG document (ECharts server-side rendering), `width` x `height` user units (= points). */
export function renderChartSvg(spec: ChartSpec): string {
  if (spec.type === 'map' && !mapFor(spec.map ?? ''))
    throw new Error(`map "${spec.map ?? ''}" is not registered (registerReportMap)`);
  const width = spec.width ?? DEFAULT_CHART_SIZE.width;
  const height = spec.height ?? DEFAULT_CHART_SIZE.height;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(chartOption(spec));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const RESVG_OPTIONS = {
  font: { loadSystemFonts: false },
  fitTo: { mode: 'zoom' as const, value: CHART_RASTER_SCALE },
  background: '#ffffff',
  logLevel: 'off' as const,
};

/** The chart as an opaque PNG, synchronously (the chart worker's work: blocking is what it is there for). */
export function drawChartPngSync(spec: ChartSpec): Buffer {
  const image = new Resvg(outlinedChartSvg(spec), RESVG_OPTIONS).render();
  return encodeOpaquePng(image.pixels, image.width, image.height);
}

/** The chart's SVG with every label turned into glyph outlines of the report font (no font needed to draw it). */
export function outlinedChartSvg(spec: ChartSpec): string {
  return outlineSvgText(renderChartSvg(spec), { regular: reportFont('regular'), bold: reportFont('bold') });
}

export interface RenderedChart {
  png: Buffer;
  /** Size on the page, in points. */
  width: number;
  height: number;
}

/** Recently rasterised charts by spec: the same report in the other format, or asked for again, reuses its PNG. */
const recent = new Map<string, RenderedChart>();
const RECENT_CHARTS = 32;

/** The chart as a PNG at CHART_RASTER_SCALE pixels per point, labels in the report font (rasterised off-thread). */
export async function renderChartPng(spec: ChartSpec): Promise<RenderedChart> {
  const key = JSON.stringify(spec);
  const hit = recent.get(key);
  if (hit) {
    recent.delete(key); // move to the young end
    recent.set(key, hit);
    return hit;
  }
  const width = spec.width ?? DEFAULT_CHART_SIZE.width;
  const height = spec.height ?? DEFAULT_CHART_SIZE.height;
  const geometry = spec.type === 'map' ? mapFor(spec.map ?? '') : undefined;
  if (spec.type === 'map' && !geometry)
    throw new Error(`map "${spec.map ?? ''}" is not registered (registerReportMap)`);
  // Drawn, rasterised and encoded in the chart worker (the event loop stays free); here if the worker fails.
  const png = isMainThread
    ? await chartPngInWorker(spec, geometry ? { name: spec.map ?? '', geometry } : undefined).catch(async () => {
        const svg = outlinedChartSvg(spec);
        const image = await renderAsync(svg, RESVG_OPTIONS);
        return encodeOpaquePng(image.pixels, image.width, image.height);
      })
    : drawChartPngSync(spec);
  const chart = { png, width, height };
  recent.set(key, chart);
  if (recent.size > RECENT_CHARTS) recent.delete(recent.keys().next().value ?? '');
  return chart;
}
