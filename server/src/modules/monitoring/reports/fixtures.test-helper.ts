/**
 * Report fixtures built from the contract types alone (ZRunResult, ZCountyDiagnosis): deterministic values, any
 * list of counties, flags for demo / provisional / unpublished runs and a previous year.
 */
import type { CountyDiagnosis, CountyResult, Framework, RunResult } from '../../../../../contracts/monitoring.ts';
import { compareWithPrevious } from '../runs/comparison.ts';

export interface FixtureCounty {
  code: string;
  name: string;
}

export const LEAGUE_NAMES: Record<string, string> = {
  '150100': '呼和浩特市',
  '150200': '包头市',
  '150300': '乌海市',
  '150400': '赤峰市',
  '150500': '通辽市',
  '150600': '鄂尔多斯市',
  '150700': '呼伦贝尔市',
  '150800': '巴彦淖尔市',
  '150900': '乌兰察布市',
  '152200': '兴安盟',
  '152500': '锡林郭勒盟',
  '152900': '阿拉善盟',
};

export const SMALL_COUNTIES: FixtureCounty[] = [
  { code: '150102', name: '新城区' },
  { code: '150103', name: '回民区' },
  { code: '150105', name: '赛罕区' },
  { code: '150121', name: '土默特左旗' },
  { code: '150202', name: '东河区' },
  { code: '150203', name: '昆都仑区' },
  { code: '150206', name: '白云鄂博矿区' },
  { code: '150421', name: '阿鲁科尔沁旗' },
  { code: '150722', name: '莫力达瓦达斡尔族自治旗' },
  { code: '152921', name: '阿拉善左旗' },
];

const DIMENSIONS = [
  ['D1', '创新投入', ['I11', 'R&D经费投入强度', '%', 1, { '2025': 1.5 }], ['I12', '财政科技支出占比', '%', 1, {}]],
  ['D2', '创新主体', ['I21', '每万家企业高新技术企业数', '家', 1, {}], ['I22', '科技型中小企业数', '家', 1, {}]],
  ['D3', '创新条件', ['I31', '科技特派员服务天数', '天', 1, {}], ['I32', '科技创新平台数', '个', 1, {}]],
  [
    'D4',
    '创新产出',
    ['I41', '每万人高价值发明专利拥有量', '件', 1, { '2025': 12 }],
    ['I42', '技术合同成交额', '万元', 1, {}],
  ],
  [
    'D5',
    '创新环境',
    ['I51', '公民具备科学素质比例', '%', 1, { '2025': 15 }],
    ['I52', '单位GDP能耗', '吨标准煤/万元', -1, {}],
  ],
] as const;

export function fixtureFramework(): Framework {
  const nodes: Framework['nodes'] = [
    {
      code: 'INDEX',
      parentCode: null,
      kind: 'index',
      nameZh: '县域科技创新能力指数',
      nameEn: 'County index',
      weight: 1,
      spec: null,
    },
  ];
  for (const [code, name, ...indicators] of DIMENSIONS) {
    nodes.push({ code, parentCode: 'INDEX', kind: 'dimension', nameZh: name, nameEn: '', weight: 1, spec: null });
    for (const [ic, iname, unit, direction, targets] of indicators)
      nodes.push({
        code: ic,
        parentCode: code,
        kind: 'indicator',
        nameZh: iname,
        nameEn: '',
        weight: 1,
        spec: {
          unit,
          direction,
          points: 8,
          denominator: '',
          density: 'none',
          log: false,
          source: '统计年鉴',
          periodType: 'year',
          lagMonths: 6,
          targets: { ...targets },
          targetNote: '',
          standardValue: null,
          goalposts: null,
          fact: null,
          min: null,
          max: null,
          maxYoyChange: null,
          qualitative: false,
          valueType: 'number',
          optional: false,
          evidence: '',
        },
      });
  }
  return {
    id: 1,
    code: 'county-default',
    version: 2,
    nameZh: '县域科技创新能力监测指标体系（默认）',
    nameEn: 'Default county framework',
    description: '',
    status: 'active',
    isDefault: true,
    indicatorCount: 10,
    createdAt: '2026-01-01T00:00:00.000Z',
    activatedAt: '2026-01-02T00:00:00.000Z',
    settings: { rules: [], tiers: { kind: 'thresholds', thresholds: [80, 60] }, deadline: '06-30' },
    nodes,
  };
}

/** Deterministic pseudo-random numbers in [0, 1). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface FixtureOptions {
  counties?: readonly FixtureCounty[];
  demo?: boolean;
  provisional?: boolean;
  published?: boolean;
  /** Previous year's ranks filled in (a previous published run of every county). */
  previous?: boolean;
  /** Counties without a score this year (not approved: the scored set shrank). */
  unscored?: readonly string[];
  seed?: number;
}

/** A finished run over `counties` (default SMALL_COUNTIES), 2025, monitoring mode, with a Monte Carlo interval. */
export function fixtureRunResult(opts: FixtureOptions = {}): RunResult {
  const counties = opts.counties ?? SMALL_COUNTIES;
  const rnd = lcg(opts.seed ?? 7);
  const framework = fixtureFramework();
  const indicators = framework.nodes.filter((n) => n.kind === 'indicator');
  const rows = counties.map((c, i) => {
    const dims: Record<string, number> = {};
    for (const [code] of DIMENSIONS) dims[code] = Math.round((35 + rnd() * 60) * 100) / 100;
    const score = Math.round((Object.values(dims).reduce((a, b) => a + b, 0) / DIMENSIONS.length) * 100) / 100;
    const ind: Record<string, number> = {};
    const raw: Record<string, number> = {};
    for (const n of indicators) {
      ind[n.code] = Math.round(rnd() * 10000) / 100;
      raw[n.code] = Math.round(rnd() * 1000) / 10;
    }
    return { c, i, dims, score, ind, raw };
  });
  const unscored = new Set(opts.unscored ?? []);
  const sorted = rows.filter((r) => !unscored.has(r.c.code)).sort((a, b) => b.score - a.score);
  const prevScores = rows.map(() => Math.round((rnd() - 0.5) * 1000) / 100);
  const current: CountyResult[] = rows.map((r) => {
    const rank = sorted.indexOf(r) + 1;
    const leagueCode = `${r.c.code.slice(0, 4)}00`;
    const spread = 1 + Math.floor(rnd() * 6);
    const isScored = rank > 0;
    return {
      code: r.c.code,
      name: r.c.name,
      leagueCode,
      leagueName: LEAGUE_NAMES[leagueCode] ?? leagueCode,
      countyType: r.i % 2 === 0 ? '城区' : '牧区旗',
      score: isScored ? r.score : null,
      rank: isScored ? rank : null,
      rankLow: isScored ? Math.max(1, rank - spread) : null,
      rankHigh: isScored ? Math.min(counties.length, rank + spread) : null,
      rankMedian: isScored ? rank : null,
      tier: !isScored ? null : r.score >= 80 ? 1 : r.score >= 60 ? 2 : 3,
      previousRank: null,
      previousScore: null,
      previousTier: null,
      rankInLeague: null,
      rankInType: null,
      dimensions: r.dims,
      indicators: r.ind,
      raw: r.raw,
      imputed: r.i === 1 ? ['I51'] : [],
    };
  });
  // the previous year: every county scored near this year's score (this year's score for the unscored ones)
  const before = rows.map((r, i) => Math.round((r.score + (prevScores[i] ?? 0)) * 100) / 100);
  const beforeSorted = [...before].sort((a, b) => b - a);
  const previous = {
    runId: 36,
    period: 2024,
    counties: rows.map((r, i) => {
      const score = before[i] ?? 0;
      return {
        code: r.c.code,
        score,
        rank: beforeSorted.indexOf(score) + 1,
        tier: score >= 78 ? 1 : score >= 62 ? 2 : 3,
      };
    }),
  };
  const reasons = new Map([...unscored].map((code) => [code, 'in_review' as const]));
  const compared = compareWithPrevious(current, opts.previous ? previous : null, reasons);
  const results = compared.counties;
  for (const c of results) {
    c.rankInLeague = 1 + results.filter((o) => o.leagueCode === c.leagueCode && (o.score ?? 0) > (c.score ?? 0)).length;
    c.rankInType = 1 + results.filter((o) => o.countyType === c.countyType && (o.score ?? 0) > (c.score ?? 0)).length;
  }
  const tierCounts: Record<string, number> = {};
  for (const c of results) if (c.tier !== null) tierCounts[String(c.tier)] = (tierCounts[String(c.tier)] ?? 0) + 1;
  const codes = indicators.map((n) => n.code);
  return {
    run: {
      id: 42,
      frameworkId: 1,
      frameworkCode: framework.code,
      frameworkVersion: framework.version,
      period: 2025,
      mode: 'monitoring',
      title: '2025年度监测',
      status: 'done',
      progress: 100,
      error: null,
      provisional: opts.provisional ?? false,
      isDemo: opts.demo ?? false,
      createdAt: '2026-03-01T02:00:00.000Z',
      finishedAt: '2026-03-01T02:01:00.000Z',
      publishedAt: (opts.published ?? true) ? '2026-03-02T02:00:00.000Z' : null,
    },
    framework,
    counties: results,
    comparison: compared.comparison,
    statistics: {
      cronbachAlpha: { INDEX: 0.83 },
      correlationWithIndex: Object.fromEntries(codes.map((k, i) => [k, Math.round((0.3 + i * 0.05) * 100) / 100])),
      availability: Object.fromEntries(codes.map((k, i) => [k, i === 8 ? 0.6 : 1])),
      removalImpact: Object.fromEntries(codes.map((k, i) => [k, Math.round((0.5 + i * 0.3) * 100) / 100])),
      sensitivity: [{ factor: 'weights', first: 0.4, total: 0.55 }],
      tierCounts,
    },
    log: [
      {
        name: 'Prepare',
        mode: 'monitoring',
        options: { weights: 'framework', aggregation: 'arithmetic' },
        indicators: codes,
      },
      { name: 'Imputed', input: 'Raw', spec: {}, report: { op: 'impute', imputed: { I51: 3 }, stillMissing: {} } },
      {
        name: 'Treated',
        input: 'Imputed',
        spec: {},
        report: { op: 'treat', summary: [{ indicator: 'I42', cellsChanged: 2, logTransformed: false }] },
      },
      { name: 'Normalised', input: 'Treated', spec: {}, report: { op: 'normalise' } },
      {
        name: 'Aggregated',
        input: 'Normalised',
        spec: {},
        report: { op: 'aggregate', levels: {}, weights: 'Original' },
      },
      { name: 'Uncertainty', runs: 500, failedRuns: 0 },
    ],
  };
}

/** The diagnosis of `code` in `result` (peers: the same county type). */
export function fixtureDiagnosis(result: RunResult, code: string): CountyDiagnosis {
  const county = result.counties.find((c) => c.code === code);
  if (!county) throw new Error(`no county ${code} in the fixture`);
  const peers = result.counties.filter((c) => c.countyType === county.countyType);
  const names = new Map(result.framework.nodes.map((n) => [n.code, n.nameZh]));
  const standings = Object.entries(county.indicators).map(([k, v]) => {
    const others = peers.filter((p) => p.code !== code).map((p) => p.indicators[k] ?? 0);
    const peerMean = others.length ? others.reduce((a, b) => a + b, 0) / others.length : (v ?? 0);
    return {
      indicatorCode: k,
      nameZh: names.get(k) ?? k,
      score: v ?? 0,
      peerMean: Math.round(peerMean * 100) / 100,
      gap: Math.round(((v ?? 0) - peerMean) * 100) / 100,
    };
  });
  standings.sort((a, b) => b.gap - a.gap);
  return {
    run: result.run,
    county,
    trend: [
      { period: 2023, runId: 30, score: (county.score ?? 50) - 6, rank: (county.rank ?? 1) + 2, tier: 3 },
      { period: 2024, runId: 36, score: county.previousScore, rank: county.previousRank, tier: county.previousTier },
      { period: 2025, runId: result.run.id, score: county.score, rank: county.rank, tier: county.tier },
    ],
    strengths: standings.slice(0, 3),
    weaknesses: standings.slice(-3).reverse(),
    peerGroup: 'type',
    peers: peers.map((p) => ({ code: p.code, name: p.name, score: p.score, rank: p.rank })),
    targets: [
      {
        indicatorCode: 'I11',
        nameZh: 'R&D经费投入强度',
        unit: '%',
        year: 2025,
        target: 1.5,
        current: 0.9,
        reached: 0.6,
        yearsToTarget: 3.5,
        note: '',
      },
      {
        indicatorCode: 'I41',
        nameZh: '每万人高价值发明专利拥有量',
        unit: '件',
        year: 2025,
        target: 12,
        current: 13,
        reached: 1.08,
        yearsToTarget: 0,
        note: '',
      },
      {
        indicatorCode: 'I51',
        nameZh: '公民具备科学素质比例',
        unit: '%',
        year: 2025,
        target: 15,
        current: 8,
        reached: 0.53,
        yearsToTarget: null,
        note: '',
      },
    ],
    improvements: [
      {
        indicatorCode: 'I11',
        nameZh: 'R&D经费投入强度',
        step: '提高 10%',
        scoreGain: 1.2,
        newRank: Math.max(1, (county.rank ?? 1) - 2),
        rankGain: 2,
      },
      {
        indicatorCode: 'I22',
        nameZh: '科技型中小企业数',
        step: '达到同类旗县中位数',
        scoreGain: 2.4,
        newRank: Math.max(1, (county.rank ?? 1) - 3),
        rankGain: 3,
      },
      {
        indicatorCode: 'I32',
        nameZh: '科技创新平台数',
        step: '提高 10%',
        scoreGain: 0.3,
        newRank: county.rank,
        rankGain: 0,
      },
    ],
  };
}
