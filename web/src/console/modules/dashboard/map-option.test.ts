import * as echarts from 'echarts/core';
import { MapChart } from 'echarts/charts';
import { TooltipComponent, VisualMapContinuousComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { describe, expect, it } from 'vitest';
import { toEchartsGeo } from './geo.ts';
import {
  buildMapData,
  buildMapOption,
  COLOURS,
  escapeHtml,
  highlightedCodes,
  tooltipHtml,
  valueRange,
  type CountyDatum,
  type MapTexts,
} from './map-option.ts';
import { GEO } from './test-fixtures.ts';

const TEXTS: MapTexts = {
  valueLabel: '在册单位数',
  unit: '个',
  outOfScope: '不在您的管辖范围内',
  high: '多',
  low: '少',
};
const FEATURES = GEO.features.map((f) => ({ code: f.id, name: f.properties.name }));

type Formatter = (p: { name: string; data?: unknown }) => string;

function seriesOf(option: ReturnType<typeof buildMapOption>) {
  const series = Array.isArray(option.series) ? option.series[0] : option.series;
  if (!series || series.type !== 'map') throw new Error('no map series');
  return series;
}

function tooltipFormatter(option: ReturnType<typeof buildMapOption>): Formatter {
  const tooltip = Array.isArray(option.tooltip) ? option.tooltip[0] : option.tooltip;
  return tooltip?.formatter as unknown as Formatter;
}

describe('visualMap range', () => {
  it.each([
    { values: [3, 7, 0], want: { min: 0, max: 7 } },
    { values: [0, 0], want: { min: 0, max: 1 } },
    { values: [], want: { min: 0, max: 1 } },
    { values: [1234], want: { min: 0, max: 1234 } },
  ])('$values -> $want', ({ values, want }) => {
    expect(valueRange(new Map(values.map((v, i) => [String(i), v])))).toEqual(want);
  });

  it('is what the option legend uses', () => {
    const option = buildMapOption({
      mapName: 'm',
      features: FEATURES,
      values: new Map([
        ['150102', 4],
        ['150203', 9],
      ]),
      texts: TEXTS,
    });
    expect(option.visualMap).toMatchObject({ type: 'continuous', min: 0, max: 9, text: ['多', '少'] });
  });
});

describe('map data', () => {
  it('maps every feature to one datum named by its code, values only for counties in scope', () => {
    const data = buildMapData(FEATURES, new Map([['150102', 4]]));
    expect(data.map((d) => d.name)).toEqual(['150102', '150103', '150202', '150203']);
    expect(data[0]).toEqual({ name: '150102', value: 4, countyName: '新城区', inScope: true });
  });

  it('greys counties outside the scope: no value, grey area, no hover emphasis', () => {
    const [, outside] = buildMapData(FEATURES, new Map([['150102', 4]]));
    expect(outside).toMatchObject({
      name: '150103',
      countyName: '回民区',
      inScope: false,
      itemStyle: { areaColor: COLOURS.outOfScope },
      emphasis: { disabled: true },
      cursor: 'default',
    });
    expect(Number.isNaN(outside?.value)).toBe(true);
  });

  it('labels only the counties asked for', () => {
    const data = buildMapData(FEATURES, new Map(), new Set(['150203']));
    expect(data.filter((d) => d.label?.show).map((d) => d.name)).toEqual(['150203']);
  });

  it('outlines the counties asked for, keeping their value colour', () => {
    const [own] = buildMapData(FEATURES, new Map([['150102', 4]]), new Set(['150102']), new Set(['150102']));
    expect(own).toMatchObject({ label: { show: true }, itemStyle: { borderColor: COLOURS.outline, borderWidth: 2 } });
    expect(own?.itemStyle).not.toHaveProperty('areaColor');
  });

  it('hides the legend when asked (a single county)', () => {
    const option = buildMapOption({
      mapName: 'm',
      features: FEATURES,
      values: new Map([['150102', 4]]),
      texts: TEXTS,
      hideLegend: true,
    });
    expect(option.visualMap).toMatchObject({ show: false });
  });

  it('exposes the coloured codes in feature order', () => {
    expect(
      highlightedCodes(
        FEATURES,
        new Map([
          ['150203', 1],
          ['150102', 0],
        ]),
      ),
    ).toEqual(['150102', '150203']);
    expect(highlightedCodes(FEATURES, new Map())).toEqual([]);
  });

  it('matches features by code on the series', () => {
    const series = seriesOf(
      buildMapOption({ mapName: 'qx-150000', features: FEATURES, values: new Map(), texts: TEXTS }),
    );
    expect(series).toMatchObject({ map: 'qx-150000', nameProperty: 'code', selectedMode: false });
  });
});

describe('tooltip', () => {
  const datum = (d: Partial<CountyDatum>) => ({
    name: '150102',
    countyName: '新城区',
    value: 1234,
    inScope: true,
    ...d,
  });

  it('names the county and its GB/T 2260 code, with the value in the locale format', () => {
    const html = tooltipHtml(datum({}), TEXTS, (n) => n.toLocaleString('zh-CN'));
    expect(html).toContain('新城区');
    expect(html).toContain('150102');
    expect(html).toContain('在册单位数：<strong>1,234</strong> 个');
  });

  it('shows no value for a county outside the scope', () => {
    const html = tooltipHtml(datum({ inScope: false, value: Number.NaN }), TEXTS);
    expect(html).toContain('不在您的管辖范围内');
    expect(html).not.toContain('NaN');
  });

  it('escapes names', () => {
    expect(escapeHtml('<b onclick="x">&\'')).toBe('&#60;b onclick=&#34;x&#34;&#62;&#38;&#39;');
    expect(tooltipHtml(datum({ countyName: '<img src=x>' }), TEXTS)).not.toContain('<img');
  });

  it('is what the option formatter returns, also for a region without a datum', () => {
    const option = buildMapOption({ mapName: 'm', features: FEATURES, values: new Map([['150102', 3]]), texts: TEXTS });
    const format = tooltipFormatter(option);
    const data = seriesOf(option).data as CountyDatum[];
    expect(format({ name: '150102', data: data[0] })).toContain('在册单位数：<strong>3</strong>');
    expect(format({ name: '150203' })).toContain('昆都仑区');
    expect(format({ name: '150203' })).toContain('不在您的管辖范围内');
  });
});

describe('rendered with ECharts (server-side SVG)', () => {
  echarts.use([MapChart, TooltipComponent, VisualMapContinuousComponent, SVGRenderer]);
  echarts.registerMap('test-region', toEchartsGeo(GEO));

  /** The fill of each county polygon as rendered, by code (ECharts marks each path with its data index). */
  function fills(values: Map<string, number>): Map<string, string> {
    const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width: 400, height: 200 });
    try {
      chart.setOption(buildMapOption({ mapName: 'test-region', features: FEATURES, values, texts: TEXTS }));
      const svg = chart.renderToSVGString();
      const painted = new Map<string, string>();
      for (const m of svg.matchAll(/<path [^>]*fill="([^"]+)"[^>]*ecmeta_series_index="0" ecmeta_data_index="(\d+)"/g))
        painted.set(FEATURES[Number(m[2])]?.code ?? '?', m[1] ?? '');
      return painted;
    } finally {
      chart.dispose();
    }
  }

  it('colours only the counties in scope and draws the others grey', () => {
    const painted = fills(new Map([['150102', 5]]));
    expect([...painted.keys()].sort()).toEqual(['150102', '150103', '150202', '150203']);
    expect(painted.get('150102')).not.toBe(COLOURS.outOfScope);
    for (const code of ['150103', '150202', '150203']) expect(painted.get(code)).toBe(COLOURS.outOfScope);
  });

  it('colours every county of a full answer, the larger value darker', () => {
    const painted = fills(
      new Map([
        ['150102', 1],
        ['150103', 10],
        ['150202', 5],
        ['150203', 0],
      ]),
    );
    expect([...painted.values()]).not.toContain(COLOURS.outOfScope);
    expect(new Set(painted.values()).size).toBe(4);
    // rgb(r,g,b): the scale runs from light to dark blue, so the red channel falls as the value grows.
    const red = (code: string) => Number(/rgb\((\d+)/.exec(painted.get(code) ?? '')?.[1]);
    expect(red('150203')).toBeGreaterThan(red('150102'));
    expect(red('150102')).toBeGreaterThan(red('150202'));
    expect(red('150202')).toBeGreaterThan(red('150103'));
  });
});
