import { describe, expect, it } from 'vitest';
import {
  buildHistogramOption,
  buildLeagueOption,
  buildRadarOption,
  buildScatterOption,
  buildSunburstOption,
  buildTrendOption,
  histogram,
  scoreBins,
  sunburstData,
} from './charts.ts';
import { tierHex } from './labels.ts';
import { COUNTIES, DIAGNOSIS, FRAMEWORK } from './test-fixtures.ts';

const zh = (z: string) => z;
type Series = { type: string; name?: string; data: unknown[]; itemStyle?: { color?: string } }[];
const seriesOf = (o: { series?: unknown }) => o.series as Series;

describe('score distribution', () => {
  it('bins 0-100 in tens, the top score in the last bin, wider when scores leave the range', () => {
    expect(scoreBins([40, 86])).toHaveLength(10);
    expect(scoreBins([-5, 120], 20)).toEqual([
      { from: -20, to: 0 },
      { from: 0, to: 20 },
      { from: 20, to: 40 },
      { from: 40, to: 60 },
      { from: 60, to: 80 },
      { from: 80, to: 100 },
      { from: 100, to: 120 },
    ]);
    const { byTier } = histogram([
      { score: 100, tier: 1 },
      { score: 0, tier: 3 },
      { score: 59.9, tier: 3 },
      { score: null, tier: null },
    ]);
    expect(byTier.get(1)?.[9]).toBe(1);
    expect(byTier.get(3)?.[0]).toBe(1);
    expect(byTier.get(3)?.[5]).toBe(1);
    expect(byTier.has(null)).toBe(false);
  });

  it('stacks one series per tier in the tier colours', () => {
    const o = buildHistogramOption(COUNTIES, zh);
    const s = seriesOf(o);
    expect(s.map((x) => x.name)).toEqual(['一类', '二类', '三类']);
    expect(s.map((x) => x.itemStyle?.color)).toEqual([tierHex(1), tierHex(2), tierHex(3)]);
    expect(s[0]?.data[8]).toBe(1); // 新城区 86.25 in 80–90
    expect(s[1]?.data[6]).toBe(1); // 昆都仑区 65 in 60–70
    expect(s[2]?.data[4]).toBe(1); // 回民区 40 in 40–50
    expect((o.xAxis as { data: string[] }).data[0]).toBe('0–10');
  });
});

describe('input versus output', () => {
  it('places each county at its two dimension scores, one series per tier', () => {
    const s = seriesOf(buildScatterOption(COUNTIES, { x: 'D1', y: 'D2', xName: '投入', yName: '产出' }, zh));
    expect(s.map((x) => x.name)).toEqual(['一类', '二类', '三类']);
    expect(s[0]?.data).toEqual([{ value: [90, 75], name: '新城区', code: '150102' }]);
    // 东河区 has no dimension scores and is left out.
    expect(s.flatMap((x) => x.data)).toHaveLength(3);
  });
});

describe('framework sunburst', () => {
  it('gives each indicator its share of the index as the product of normalised weights', () => {
    expect(sunburstData(FRAMEWORK, zh)).toEqual([
      {
        name: '科技创新投入',
        code: 'D1',
        children: [
          { name: 'R&D经费投入强度', code: 'D1.1', value: 50 },
          { name: '财政科技支出占比', code: 'D1.2', value: 25 },
        ],
      },
      // The text indicator D2.2 has no weight: D2.1 carries the whole dimension.
      { name: '创新产出与成效', code: 'D2', children: [{ name: '万元GDP能耗', code: 'D2.1', value: 25 }] },
    ]);
    expect(seriesOf(buildSunburstOption(FRAMEWORK, zh))[0]?.type).toBe('sunburst');
  });
});

describe('league averages', () => {
  it('draws one bar series per dimension over the leagues', () => {
    const o = buildLeagueOption(COUNTIES, FRAMEWORK, zh);
    expect((o.yAxis as { data: string[] }).data).toEqual(['呼和浩特市', '包头市']);
    expect(seriesOf(o).map((s) => [s.name, s.data])).toEqual([
      ['科技创新投入', [60, 60]],
      ['创新产出与成效', [72.5, 80]],
    ]);
  });
});

describe('county radar and trend', () => {
  const dims = [
    { code: 'D1', name: '投入' },
    { code: 'D2', name: '产出' },
  ];

  it('compares the county with the peer mean on 0-100 axes', () => {
    const o = buildRadarOption({
      dimensions: dims,
      county: { name: '昆都仑区', scores: { D1: 60, D2: 80 } },
      peers: { name: '全区均值', means: { D1: 60, D2: 72.5 } },
    });
    expect((o.radar as { indicator: unknown[] }).indicator).toEqual([
      { name: '投入', max: 100 },
      { name: '产出', max: 100 },
    ]);
    const data = seriesOf(o)[0]?.data as { name: string; value: number[] }[];
    expect(data.map((d) => [d.name, d.value])).toEqual([
      ['昆都仑区', [60, 80]],
      ['全区均值', [60, 72.5]],
    ]);
  });

  it('draws the county alone without a peer group, and widens the axes past 100', () => {
    const o = buildRadarOption({ dimensions: dims, county: { name: 'x', scores: { D1: 130, D2: null } }, peers: null });
    expect((o.radar as { indicator: { max: number }[] }).indicator[0]?.max).toBe(130);
    expect(seriesOf(o)[0]?.data).toHaveLength(1);
  });

  it('orders the trend by period with rank on an inverted second axis', () => {
    const o = buildTrendOption(DIAGNOSIS.trend, zh);
    expect((o.xAxis as { data: string[] }).data).toEqual(['2024', '2025']);
    expect(seriesOf(o).map((s) => s.data)).toEqual([
      [80, 65],
      [1, 2],
    ]);
    expect((o.yAxis as { inverse?: boolean }[])[1]?.inverse).toBe(true);
  });
});
