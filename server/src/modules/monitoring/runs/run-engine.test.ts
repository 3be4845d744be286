import { describe, expect, it } from 'vitest';
import { type Framework, ZFrameworkNode, ZFrameworkSettings } from '../../../../../contracts/monitoring.ts';
import { getColumn, rankColumn, roundTo, runPipeline } from '@qixian/composite-index';
import { type CountyInfo, type RunData, engineFramework, pipelineInput, prepareRun } from './run-engine.ts';
import { assignTiers, computeRun, peerRanks } from './run-result.ts';

function framework(nodes: unknown[], tiers?: unknown): Framework {
  return {
    id: 1,
    code: 't',
    version: 1,
    nameZh: '测试',
    nameEn: '',
    description: '',
    status: 'active',
    isDefault: false,
    indicatorCount: 0,
    createdAt: '',
    activatedAt: null,
    settings: ZFrameworkSettings.parse(tiers ? { tiers } : {}),
    nodes: nodes.map((n) => ZFrameworkNode.parse(n)),
  };
}

const county = (code: string, league: string, type: string, population: number): CountyInfo => ({
  code,
  name: `旗县${code}`,
  leagueCode: league,
  leagueName: `盟市${league}`,
  countyType: type,
  population,
});

/** Root R (dimensions A and B, equal weights); a1 S = 10 (w 2), a2 S = 4 lower-is-better (w 1), b1 no S. */
const small = framework([
  { code: 'R', parentCode: null, kind: 'index', nameZh: '指数' },
  { code: 'A', parentCode: 'R', kind: 'dimension', nameZh: '甲', weight: 1 },
  { code: 'a1', parentCode: 'A', kind: 'indicator', nameZh: '甲一', weight: 2, spec: { standardValue: 10 } },
  {
    code: 'a2',
    parentCode: 'A',
    kind: 'indicator',
    nameZh: '甲二',
    weight: 1,
    spec: { standardValue: 4, direction: -1 },
  },
  { code: 'B', parentCode: 'R', kind: 'dimension', nameZh: '乙', weight: 1 },
  { code: 'b1', parentCode: 'B', kind: 'indicator', nameZh: '乙一', weight: 1, spec: {} },
  { code: 'b2', parentCode: 'B', kind: 'indicator', nameZh: '特色', weight: 0, spec: { valueType: 'text' } },
  { code: 'C', parentCode: 'R', kind: 'dimension', nameZh: '只有文本', weight: 1 },
  { code: 'c1', parentCode: 'C', kind: 'indicator', nameZh: '文本', weight: 1, spec: { valueType: 'text' } },
]);

const counties = [county('X', 'L1', '旗', 100_000), county('Y', 'L1', '县', 200_000), county('Z', 'L2', '旗', 50_000)];
const data: RunData = {
  period: 2024,
  counties,
  values: {
    '2023': { X: { a1: 4, a2: 2, b1: 1 }, Y: { a1: 18, a2: 8, b1: 2 }, Z: { a1: 1, a2: 5, b1: 3 } },
    '2024': { X: { a1: 5, a2: 2, b1: 1.4 }, Y: { a1: 20, a2: 8, b1: 2.8 }, Z: { a2: 4, b1: 0.7 } },
  },
  provisional: { Z: ['b1'] },
};
const options = { weights: 'framework', aggregation: 'arithmetic', replications: 0 } as const;

describe('monitoring mode (CASTED standard values)', () => {
  it('scores min(x/S, 1) x 100 with the base-year P90 when S is missing, weighted up the tree', async () => {
    const prepared = prepareRun(small, data, { ...options, mode: 'monitoring' });
    // b1: base year 2023 values 1, 2, 3 -> P90 (type 7) = 2 + 0.8 = 2.8
    expect(prepared.standardValues.b1).toEqual({ value: 2.8, source: 'p90', baseYear: 2023 });
    expect(prepared.standardValues.a1).toEqual({ value: 10, source: 'spec', baseYear: null });
    expect(prepared.indicators).toEqual(['a1', 'a2', 'b1']);
    expect(prepared.framework.aggregates.map((a) => a.code)).toEqual(['R', 'A', 'B']);
    const r = await computeRun(small, data, prepared);
    const [x, y, z] = r.counties;
    // X: a1 50, a2 min(4/2,1) = 100, b1 1.4/2.8 = 50; A = (2*50 + 100)/3, root = (A + B)/2
    expect(x?.indicators).toEqual({ a1: 50, a2: 100, b1: 50 });
    expect(x?.dimensions).toEqual({ A: 66.67, B: 50 });
    expect(x?.score).toBe(roundTo(((2 * 50 + 100) / 3 + 50) / 2, 2));
    expect(y?.score).toBe(roundTo(((2 * 100 + 50) / 3 + 100) / 2, 2));
    // Z has no a1: A is a2 alone (weights renormalised); b1 0.7 / 2.8 = 25
    expect(z?.dimensions.A).toBe(100);
    expect(z?.score).toBe(62.5);
    expect([x?.rank, y?.rank, z?.rank]).toEqual([3, 1, 2]);
    expect([x?.tier, y?.tier, z?.tier]).toEqual([3, 1, 2]);
    expect(r.statistics.tierCounts).toEqual({ '1': 1, '2': 1, '3': 1 });
    expect(z?.imputed).toEqual(['b1']);
    expect(r.statistics.availability).toEqual({ a1: 0.6667, a2: 1, b1: 1 });
    expect(x?.raw).toEqual({ a1: 5, a2: 2, b1: 1.4 });
  });

  it('ranks within the league and the county type', async () => {
    const r = await computeRun(small, data, prepareRun(small, data, { ...options, mode: 'monitoring' }));
    expect(r.counties.map((c) => [c.code, c.rankInLeague, c.rankInType])).toEqual([
      ['X', 2, 2],
      ['Y', 1, 1],
      ['Z', 1, 1],
    ]);
  });
});

describe('ranking mode', () => {
  it('matches a direct engine call: carry forward, density per 10k, log(1 + x), treatment, min-max, ranks', async () => {
    const fw = framework([
      { code: 'R', parentCode: null, kind: 'index', nameZh: '指数' },
      { code: 'D', parentCode: 'R', kind: 'dimension', nameZh: '维度', weight: 1 },
      {
        code: 'n',
        parentCode: 'D',
        kind: 'indicator',
        nameZh: '计数',
        weight: 2,
        spec: { density: 'population', log: true },
      },
      { code: 'p', parentCode: 'D', kind: 'indicator', nameZh: '比例', weight: 1, spec: { direction: -1 } },
    ]);
    const many = Array.from({ length: 12 }, (_, i) =>
      county(`C${i}`, `L${i % 3}`, i % 2 ? '旗' : '县', 10_000 * (i + 1)),
    );
    const values: Record<string, Record<string, number>> = {};
    many.forEach((c, i) => {
      values[c.code] = i === 4 ? { p: 3 } : { n: (i * 7) % 11, p: (i * 5) % 9 };
    });
    const d: RunData = {
      period: 2024,
      counties: many,
      values: { '2023': { C4: { n: 6, p: 1 } }, '2024': values },
      provisional: {},
    };
    const prepared = prepareRun(fw, d, { ...options, mode: 'ranking' });
    expect(prepared.method.stages.map((s) => s.op)).toEqual([
      'impute',
      'denominate',
      'treat',
      'normalise',
      'aggregate',
      'rank',
    ]);
    const r = await computeRun(fw, d, prepared);
    // the same method by hand
    const direct = runPipeline(
      {
        stages: [
          { op: 'impute', method: 'latestYear' },
          { op: 'denominate', scale: 10_000 },
          { op: 'treat', transform: [{ method: 'boxcox', lambda: 0, shift: 1, indicators: ['n'] }] },
          { op: 'normalise', method: 'minMax', range: [0, 100] },
          { op: 'aggregate', method: 'arithmetic' },
        ],
      },
      pipelineInput(prepared, d),
    );
    const scores = getColumn(direct.datasets.Aggregated!, 'R');
    expect(r.counties.map((c) => c.score)).toEqual(Array.from(scores, (s) => roundTo(s, 2)));
    expect(r.counties.map((c) => c.rank)).toEqual(Array.from(rankColumn(scores, { decimals: 2 })));
    // C4 had no count in 2024: carried forward from 2023 and flagged; density = 6 / 50,000 x 10,000
    const c4 = r.counties[4];
    expect(c4?.imputed).toEqual(['n']);
    expect(c4?.raw.n).toBe(1.2);
  });

  it('uses [1, 100] with geometric aggregation and entropy weights as a weight stage', () => {
    const p = prepareRun(small, data, {
      mode: 'ranking',
      weights: 'entropy',
      aggregation: 'geometric',
      replications: 0,
    });
    expect(p.method.stages).toContainEqual({ op: 'normalise', method: 'minMax', range: [1, 100] });
    expect(p.method.stages).toContainEqual({ op: 'weight', name: 'Weights', method: 'entropy', scope: 'global' });
    expect(p.method.stages).toContainEqual({ op: 'aggregate', method: 'geometric', weights: 'Weights' });
  });
});

describe('tiers and peer ranks', () => {
  it('thresholds on the score rounded to 2 decimals: >= 80 tier 1, 60-80 tier 2, below tier 3', () => {
    expect(assignTiers([95, 80, 79.996, 79.99, 60, 12, null], { kind: 'thresholds', thresholds: [60, 80] })).toEqual([
      1,
      1,
      1,
      2,
      2,
      3,
      null,
    ]);
  });

  it('counts by rank, ties sharing the better tier, the rest in the last tier', () => {
    // ranks 1, 2, 2, 4, 5, 6: 79.999 and 80 tie at 2 decimals
    const scores = [90, 80, 79.999, 70, 60, 50, null];
    expect(assignTiers(scores, { kind: 'counts', counts: [2, 2, 1] })).toEqual([1, 1, 1, 2, 3, 3, null]);
  });

  it('ranks within groups with ties at the lowest rank after rounding to 2 decimals', () => {
    expect(peerRanks([10, 20.001, 20, 5, null], ['a', 'a', 'a', 'b', 'b'])).toEqual([3, 1, 1, 1, null]);
  });
});

describe('uncertainty', () => {
  it('gives deterministic 5-95 % rank intervals around the rank and sensitivity indices', async () => {
    const prepared = prepareRun(small, data, { ...options, mode: 'ranking', replications: 50 });
    expect(prepared.uncertainty?.factors.map((f) => f.name)).toEqual(['weights', 'normalisation', 'aggregation']);
    const a = await computeRun(small, data, prepared);
    const b = await computeRun(small, data, prepared);
    expect(a.counties).toEqual(b.counties);
    for (const c of a.counties) {
      expect(c.rankLow).not.toBeNull();
      expect(c.rankLow!).toBeLessThanOrEqual(c.rankHigh!);
      expect(c.rankMedian!).toBeGreaterThanOrEqual(1);
      expect(c.rankMedian!).toBeLessThanOrEqual(3);
    }
    expect(a.log.map((l) => (l as { name: string }).name)).toEqual(
      expect.arrayContaining(['Uncertainty', 'Sensitivity']),
    );
    // three counties far apart: when the ranks never move the indices are undefined and left out
    for (const s of a.statistics.sensitivity) expect(Number.isFinite(s.first) && Number.isFinite(s.total)).toBe(true);
  });

  it('estimates first-order and total sensitivity indices when ranks move', async () => {
    const many = Array.from({ length: 20 }, (_, i) => county(`C${i}`, 'L', '旗', 10_000 * (i + 1)));
    const values: Record<string, Record<string, number>> = {};
    many.forEach((c, i) => {
      values[c.code] = { a1: 1 + ((i * 7) % 13), a2: 1 + ((i * 5) % 9), b1: 1 + ((i * 11) % 17) };
    });
    const d: RunData = { period: 2024, counties: many, values: { '2024': values }, provisional: {} };
    const r = await computeRun(small, d, prepareRun(small, d, { ...options, mode: 'ranking', replications: 40 }));
    expect(r.statistics.sensitivity.map((s) => s.factor)).toEqual(['weights', 'normalisation', 'aggregation']);
  });

  it('reports progress between the phases', async () => {
    const seen: number[] = [];
    await computeRun(
      small,
      data,
      prepareRun(small, data, { ...options, mode: 'monitoring', replications: 10 }),
      (p) => {
        seen.push(p);
      },
    );
    expect(seen).toEqual([20, 40, 75, 95]);
  });
});

describe('engine framework', () => {
  it('keeps numeric indicators only and drops aggregates left empty', () => {
    const fw = engineFramework(small.nodes, { density: false });
    expect(fw.indicators.map((m) => m.code)).toEqual(['a1', 'a2', 'b1']);
    expect(fw.aggregates.map((a) => a.code)).toEqual(['R', 'A', 'B']);
  });
});
