import { describe, expect, it } from 'vitest';
import { buildMapOption, COLOURS, tooltipHtml } from '../dashboard/map-option.ts';
import { GEO } from '../dashboard/test-fixtures.ts';
import { tierHex } from './labels.ts';
import {
  buildResultMapView,
  countyDetails,
  formatResultView,
  parseResultView,
  viewLabel,
  viewLegend,
  viewOptions,
  viewValues,
  type ResultView,
} from './map-view.ts';
import { COUNTIES, FRAMEWORK } from './test-fixtures.ts';

const zh = (z: string) => z;
const asObject = (m: Map<string, number>) => Object.fromEntries(m);

describe('map views in the URL', () => {
  it.each<[string | null, ResultView]>([
    [null, { kind: 'score' }],
    ['score', { kind: 'score' }],
    ['change', { kind: 'change' }],
    ['tier', { kind: 'tier' }],
    ['dim:D1', { kind: 'dimension', code: 'D1' }],
    ['ind:D1.1', { kind: 'indicator', code: 'D1.1' }],
    ['dim:', { kind: 'score' }],
    ['junk', { kind: 'score' }],
  ])('%s', (raw, view) => {
    expect(parseResultView(raw)).toEqual(view);
    if (raw && raw !== 'junk' && raw !== 'dim:') expect(formatResultView(view)).toBe(raw);
  });
});

describe('choropleth values per view', () => {
  it('colours each scored county by score, dimension, indicator, change and tier', () => {
    expect(asObject(viewValues(COUNTIES, { kind: 'score' }))).toEqual({ '150102': 86.25, '150203': 65, '150103': 40 });
    expect(asObject(viewValues(COUNTIES, { kind: 'dimension', code: 'D2' }))).toEqual({
      '150102': 75,
      '150203': 80,
      '150103': 70,
    });
    expect(asObject(viewValues(COUNTIES, { kind: 'indicator', code: 'D1.1' }))).toEqual({
      '150102': 95,
      '150203': 55,
      '150103': 20,
    });
    // 回民区 has no previous rank: not coloured on the change map.
    expect(asObject(viewValues(COUNTIES, { kind: 'change' }))).toEqual({ '150102': 1, '150203': -1 });
    expect(asObject(viewValues(COUNTIES, { kind: 'tier' }))).toEqual({ '150102': 1, '150203': 2, '150103': 3 });
    expect(viewValues(COUNTIES, { kind: 'dimension', code: 'D9' }).size).toBe(0);
  });

  it('gives scores 0-100 in blues, change a symmetric diverging scale, tiers pieces in tier colours', () => {
    const score = viewLegend({ kind: 'score' }, viewValues(COUNTIES, { kind: 'score' }), zh);
    expect(score.scale).toMatchObject({ min: 0, max: 100, colours: COLOURS.scale });
    expect(score.ends).toEqual({ high: '高', low: '低' });
    const change = viewLegend({ kind: 'change' }, viewValues(COUNTIES, { kind: 'change' }), zh);
    expect(change.scale).toMatchObject({ min: -1, max: 1, colours: COLOURS.diverging });
    const tier = viewLegend({ kind: 'tier' }, viewValues(COUNTIES, { kind: 'tier' }), zh);
    expect(tier.pieces).toEqual([
      { value: 1, label: '一类', color: tierHex(1) },
      { value: 2, label: '二类', color: tierHex(2) },
      { value: 3, label: '三类', color: tierHex(3) },
    ]);
    // Ranking-mode z-scores below zero widen the scale to the next ten.
    expect(viewLegend({ kind: 'score' }, new Map([['a', -12]]), zh).scale).toMatchObject({ min: -20, max: 100 });
  });

  it('names the view from the framework', () => {
    expect(viewLabel({ kind: 'score' }, FRAMEWORK, zh)).toBe('综合得分');
    expect(viewLabel({ kind: 'dimension', code: 'D1' }, FRAMEWORK, zh)).toBe('科技创新投入');
    expect(viewLabel({ kind: 'indicator', code: 'D1.1' }, FRAMEWORK, zh)).toBe('R&D经费投入强度（标准化得分）');
    expect(viewLabel({ kind: 'indicator', code: 'D1.1' }, FRAMEWORK, (_, e) => e)).toBe(
      'R&D intensity (normalised score)',
    );
    const groups = viewOptions(FRAMEWORK, zh);
    expect(groups.map((g) => g.options.map((o) => o.value))).toEqual([
      ['score', 'change', 'tier'],
      ['dim:D1', 'dim:D2'],
      ['ind:D1.1', 'ind:D1.2', 'ind:D2.1'],
    ]);
  });

  it('puts rank with interval, score, tier, change and raw value in the tooltip', () => {
    const details = countyDetails(COUNTIES, { kind: 'indicator', code: 'D1.2' }, FRAMEWORK, zh);
    expect(details.get('150102')).toEqual([
      '排名 1 (1–2)',
      '综合得分 86.3',
      '类别 一类',
      '较上期 上升 1 位（两期均有得分的旗县间）',
      '原始值 3.4 %',
    ]);
    expect(details.get('150202')).toEqual(['无综合得分：数据已退回（未审核）']);
    expect(details.get('150203')).toContain('（插补或临时值）');
    expect(details.get('150103')).toEqual(['排名 3 (2–3)', '综合得分 40.0', '类别 三类', '原始值 1.1 %']);
    const html = tooltipHtml(
      { name: '150102', countyName: '新城区', value: 86.25, inScope: true },
      { valueLabel: '综合得分', unit: '', outOfScope: '无数据', high: '高', low: '低' },
      String,
      details.get('150102'),
    );
    expect(html).toContain('<br/>排名 1 (1–2)<br/>');
  });

  it('builds an option on the region map with greyed counties without a value and tier pieces', () => {
    const values = viewValues(COUNTIES, { kind: 'tier' });
    const view = buildResultMapView(GEO, values);
    expect(view.mapName).toBe('qx-150000');
    expect(view.highlighted).toEqual(['150102', '150103', '150203']);
    const legend = viewLegend({ kind: 'tier' }, values, zh);
    const option = buildMapOption({
      mapName: view.mapName,
      features: view.features,
      values,
      pieces: legend.pieces,
      texts: { valueLabel: '类别', unit: '', outOfScope: '无数据', high: '', low: '' },
    });
    expect(option.visualMap).toMatchObject({ type: 'piecewise', pieces: legend.pieces });
    const series = (option.series as { data: { name: string; inScope: boolean }[] }[])[0];
    expect(series?.data.filter((d) => !d.inScope).map((d) => d.name)).toEqual(['150202']);
  });
});
