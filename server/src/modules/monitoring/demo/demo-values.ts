/**
 * Demo values of the default county framework (演示数据, is_demo = 1): every numeric indicator for the 103 banners
 * and 2021-2025, deterministic, plausible for Inner Mongolia and consistent with county type and size:
 * - size from the 2020 census resident population (county_attribute): counts and amounts scale with it;
 * - strength from the administrative type (市辖区 > 县级市 > 旗/县), the league, and the named innovation facts of
 *   /work/shared/data/inner-mongolia/innovation_county_facts.csv (2024 一类 赛罕区/昆都仑区, 二类 土默特左旗/达拉特旗,
 *   national high-tech zone, agricultural S&T park, the Ordos sustainable-development demonstration zone, the
 *   region-level experimental zone), plus a fixed random county effect;
 * - ratios in realistic ranges (R&D/GDP mostly 0.2-3 %), R&D amounts consistent with the ratio and a GDP proxy,
 *   high-value patents never above invention patents; smooth growth with yearly noise; about 1 % missing cells, and
 *   scientific literacy (optional, rarely surveyed at county level) for about 60 % of the banners.
 * None of these numbers is an official statistic. Submissions: 2021-2024 approved; 2025 mixed (about 80 approved,
 * 8 league-approved, 6 submitted, 3 returned with a comment, the rest not started — 150102 新城区 and 150121 土默特左旗
 * among them, the end-to-end journey enters 150102's 2025 data). Published demo runs (ranking and monitoring mode)
 * for 2021-2024 are computed by the run service itself (demo-seed.ts). This file is pure: the generator.
 */
import type { Framework } from '../../../../../contracts/monitoring.ts';
import type { SubmissionStatus } from '../shared/monitoring.tables.ts';
import { isScored, type CountyInfo } from '../runs/run-engine.ts';

export const DEMO_YEARS = [2021, 2022, 2023, 2024, 2025] as const;
/** Counties whose 2025 form is not started (the e2e journey fills 150102). */
export const NOT_STARTED_2025 = ['150102', '150121'];

/** Innovation facts (innovation_county_facts.csv, sourced there) -> strength multiplier. */
const FACT_BOOST: Record<string, number> = {
  '150105': 2.4, // 赛罕区: 2024 一类
  '150203': 2.3, // 昆都仑区: 2024 一类
  '150121': 1.7, // 土默特左旗: 2024 二类, 金山高新区 (national high-tech zone)
  '150621': 1.6, // 达拉特旗: 2024 二类, Ordos demonstration zone
  '150123': 1.35, // 和林格尔县: national agricultural S&T park
  '150624': 1.3, // 鄂托克旗: region-level high-tech zone (2023), Ordos demonstration zone
  '150602': 1.45, // 东胜区: Ordos demonstration zone
  '150603': 1.35, // 康巴什区
  '150622': 1.3, // 准格尔旗
  '150627': 1.3, // 伊金霍洛旗
  '150623': 1.12, // 鄂托克前旗
  '150625': 1.12, // 杭锦旗
  '150626': 1.15, // 乌审旗
  '152531': 1.1, // 多伦县: region-level sustainable development experimental zone
};
/** Innovation-dense zones per county (D3.3) from the same facts. */
const ZONES: Record<string, number> = {
  '150121': 2,
  '150123': 1,
  '150624': 2,
  '150602': 1,
  '150603': 1,
  '150621': 1,
  '150622': 1,
  '150623': 1,
  '150625': 1,
  '150626': 1,
  '150627': 1,
  '152531': 1,
};
/** League economic level (GDP per head proxy, 万元) and strength. */
const LEAGUE: Record<string, { gdpPerHead: number; strength: number }> = {
  '150100': { gdpPerHead: 10, strength: 1.15 }, // 呼和浩特
  '150200': { gdpPerHead: 12, strength: 1.15 }, // 包头
  '150300': { gdpPerHead: 10, strength: 0.95 }, // 乌海
  '150400': { gdpPerHead: 5, strength: 0.85 }, // 赤峰
  '150500': { gdpPerHead: 5.5, strength: 0.85 }, // 通辽
  '150600': { gdpPerHead: 20, strength: 1.05 }, // 鄂尔多斯
  '150700': { gdpPerHead: 6, strength: 0.8 }, // 呼伦贝尔
  '150800': { gdpPerHead: 7, strength: 0.85 }, // 巴彦淖尔
  '150900': { gdpPerHead: 5, strength: 0.8 }, // 乌兰察布
  '152200': { gdpPerHead: 5, strength: 0.75 }, // 兴安盟
  '152500': { gdpPerHead: 9, strength: 0.8 }, // 锡林郭勒
  '152900': { gdpPerHead: 13, strength: 0.8 }, // 阿拉善
};
const TYPE_STRENGTH: Record<string, number> = { 市辖区: 1.28, 县级市: 1.05, 县: 0.84, 旗: 0.82, 自治旗: 0.76 };

/** mulberry32 over a string seed: the same stream on every machine. */
function rngFor(key: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal from two uniforms (Box-Muller). */
function gauss(rand: () => number): number {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
const r2 = (v: number): number => Math.round(v * 100) / 100;

/** A county's fixed profile: size, strength, economy. */
export interface DemoProfile {
  readonly popW: number;
  readonly strength: number;
  readonly urban: boolean;
  readonly gdp: number;
  /** Yearly drift of the strength (some counties catch up, some fall behind: ranks move over the years). */
  readonly drift: number;
}

export function demoProfile(c: CountyInfo): DemoProfile {
  const rand = rngFor(`profile:${c.code}`);
  const popW = (c.population ?? 150_000) / 10_000;
  const league = LEAGUE[c.leagueCode] ?? { gdpPerHead: 7, strength: 0.85 };
  const type = c.countyType ?? '旗';
  const urban = type === '市辖区';
  const effect = Math.exp(0.22 * gauss(rand));
  const strength = (TYPE_STRENGTH[type] ?? 0.8) * league.strength * (FACT_BOOST[c.code] ?? 1) * effect;
  const gdp = popW * league.gdpPerHead * (urban ? 1.15 : 1) * Math.exp(0.2 * gauss(rand)); // 亿元
  const drift = 0.035 * gauss(rand);
  return { popW, strength, urban, gdp, drift };
}

/** `v(code)`: the value already generated for another indicator of the same county-year (for consistency). */
type Gen = (p: DemoProfile, t: number, noise: () => number, c: CountyInfo, v: (code: string) => number) => number;

/**
 * One generator per indicator of the default framework (t = year - 2021; `noise()` is a yearly factor around 1).
 * Growth rates follow the regional targets loosely (高企 and 科技型中小企业 doubling over 2021-2025).
 */
const GENERATORS: Record<string, Gen> = {
  'D1.1': (p, t, n) => r2(clamp(0.45 * p.strength ** 1.25 * (1 + 0.07 * t) * n(), 0.05, 3.4)),
  'D1.2': (p, t, _n, _c, v) => Math.round((v('D1.1') / 100) * p.gdp * (1 + 0.05 * t) * 10_000),
  'D1.3': (p, t, n) => r2(clamp(0.9 * p.strength ** 1.2 * (1 + 0.05 * t) * n(), 0.1, 6)),
  'D1.4': (p, _t, _n, _c, v) => Math.round((v('D1.3') / 100) * p.popW * 13_000),
  'D1.5': (p, t, n) => r2(clamp(0.55 * p.strength ** 1.2 * (1 + 0.05 * t) * n(), 0.02, 3)),
  'D1.6': (p, t, n) => r2(clamp(14 * p.strength ** 1.5 * (1 + 0.06 * t) * n(), 1, 150)),
  'D2.1': (p, t, n) => Math.round(p.popW * 0.22 * p.strength ** 1.9 * 1.17 ** t * n()),
  'D2.2': (p, t, n) => Math.round(p.popW * 0.38 * p.strength ** 1.7 * 1.18 ** t * n()),
  'D2.3': (p, t, n) => r2(clamp(14 * p.strength * (1 + 0.08 * t) * n(), 0, 70)),
  'D2.4': (p, t, n) => r2(clamp(5 * p.strength * (1 + 0.08 * t) * n(), 0, 40)),
  'D3.1': (p, t, n) => Math.round(p.popW * 0.05 * p.strength ** 2.2 * (1 + 0.08 * t) * n()),
  'D3.2': (p, t, n) => Math.round((p.urban ? 0.06 : 0.03) * p.popW * p.strength ** 1.6 * (1 + 0.08 * t) * n() + 0.6),
  'D3.3': (_p, t, _n, c) => (ZONES[c.code] ?? 0) + (c.code.endsWith('22') && t >= 2 ? 1 : 0),
  'D3.4': (p, t, n) => Math.round((p.urban ? 0.25 : 0.9) * p.popW * (0.8 + 0.3 * p.strength) * (1 + 0.05 * t) * n()),
  'D4.1': (p, t, n) => r2(clamp((p.urban ? 2.2 : 0.6) * p.strength ** 2 * (1 + 0.1 * t) * n(), 0.05, 40)),
  'D4.2': (_p, _t, n, _c, v) => r2(v('D4.1') * clamp(0.3 * n(), 0.1, 0.6)),
  'D4.3': (p, t, n) => Math.round(p.gdp * 25 * p.strength ** 2 * 1.15 ** t * n()),
  'D4.4': (p, t, n) => r2(clamp(6.5 * p.strength * (1 + 0.05 * t) * n(), 0.2, 45)),
  'D4.5': (p, t, n) => r2(clamp(13 * p.strength * (1 + 0.06 * t) * n(), 0.5, 70)),
  'D4.6': (p, t, n) => r2(clamp((1.9 / Math.sqrt(p.strength)) * (1 - 0.03 * t) * n(), 0.3, 5)),
  'D4.7': (p, t, n) => Math.round(p.popW * 26 * (0.7 + 0.3 * p.strength) * (1 + 0.04 * t) * n()),
  'D5.1': (_p, _t, n, _c, v) => Math.round(v('D1.2') * 0.12 * n()),
  'D5.2': (p, t, n) => Math.round(p.popW * 3.2 * p.strength * (1 + 0.05 * t) * n()),
  'D5.3': (p, t, n) => r2(clamp(7.5 * p.strength ** 0.5 * (1 + 0.07 * t) * n(), 3, 25)),
  'D5.4': (p, t, n) => Math.round(clamp(8.5 + 3.2 * (p.strength - 0.8) + 0.3 * t + 1.2 * (n() - 1) * 5, 4, 15) * 2) / 2,
};

/** Fallback for an indicator the generators do not know (another framework): a ratio or a size-scaled count. */
function genericValue(unit: string, p: DemoProfile, t: number, n: () => number): number {
  if (unit.includes('%')) return r2(clamp(10 * p.strength * (1 + 0.05 * t) * n(), 0, 100));
  return Math.round(p.popW * p.strength * (1 + 0.06 * t) * n());
}

/** county -> year -> indicator -> value (missing cells absent), for every numeric indicator of `framework`. */
export function generateDemoValues(
  framework: Pick<Framework, 'nodes'>,
  counties: readonly CountyInfo[],
  years: readonly number[] = DEMO_YEARS,
): Map<string, Map<number, Map<string, number>>> {
  const out = new Map<string, Map<number, Map<string, number>>>();
  const indicators = framework.nodes.filter(isScored);
  for (const c of counties) {
    const profile = demoProfile(c);
    const byYear = new Map<number, Map<string, number>>();
    const literacy = rngFor(`literacy:${c.code}`)() < 0.6;
    for (const year of years) {
      const t = year - 2021;
      const yearly: DemoProfile = { ...profile, strength: profile.strength * Math.exp(profile.drift * t) };
      const cells = new Map<string, number>();
      // every value first (missing cells dropped afterwards), so related indicators stay consistent
      const all = new Map<string, number>();
      const valueOf = (code: string): number => {
        const known = all.get(code);
        if (known !== undefined) return known;
        const rand = rngFor(`${c.code}:${code}:${year}`);
        const noise = (): number => Math.exp(0.06 * gauss(rand));
        const gen = GENERATORS[code];
        const unit = indicators.find((n) => n.code === code)?.spec?.unit ?? '';
        const v = Math.max(0, gen ? gen(yearly, t, noise, c, valueOf) : genericValue(unit, yearly, t, noise));
        all.set(code, v);
        return v;
      };
      for (const node of indicators) {
        const v = valueOf(node.code);
        if (rngFor(`missing:${c.code}:${node.code}:${year}`)() < 0.01) continue; // a missing cell
        if (node.code === 'D5.3' && !literacy) continue;
        if (Number.isFinite(v)) cells.set(node.code, v);
      }
      byYear.set(year, cells);
    }
    out.set(c.code, byYear);
  }
  return out;
}

/** 2025 status of each county by a fixed shuffle: 80 approved, 8 league-approved, 6 submitted, 3 returned. */
export function demoStatus2025(codes: readonly string[]): Map<string, SubmissionStatus | 'not_started'> {
  const order = codes
    .filter((c) => !NOT_STARTED_2025.includes(c))
    .map((c) => ({ c, k: rngFor(`status:${c}`)() }))
    .sort((a, b) => a.k - b.k)
    .map((x) => x.c);
  const out = new Map<string, SubmissionStatus | 'not_started'>();
  const plan: [SubmissionStatus | 'not_started', number][] = [
    ['approved', 80],
    ['league_approved', 8],
    ['submitted', 6],
    ['returned', 3],
  ];
  let i = 0;
  for (const [status, n] of plan) for (let k = 0; k < n && i < order.length; k++) out.set(order[i++] as string, status);
  for (; i < order.length; i++) out.set(order[i] as string, 'not_started');
  for (const c of NOT_STARTED_2025) if (codes.includes(c)) out.set(c, 'not_started');
  return out;
}
