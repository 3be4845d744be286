/**
 * Structured features of a match, each 0..1: same technical field, stage (TRL offered vs wanted), division distance,
 * price vs budget, transfer mode vs cooperation form. Pure; the matcher stores documents in typed arrays and calls these
 * per candidate, so nothing here allocates on the hot path except `describeFeatures` (explanations only).
 */
import type { MatchDocument, MatchFeature } from './types.ts';

/** Weights of the features inside the structured part of the score. */
export const FEATURE_WEIGHTS = { domain: 0.35, stage: 0.2, distance: 0.15, amount: 0.15, mode: 0.15 } as const;

/**
 * Groups of equivalent mode codes (a demand's 购买 meets an achievement's 转让 …). Codes are compared lower-cased with
 * `-`, `_` and spaces removed; a code that starts with a group's member also belongs to it (licence_exclusive).
 */
export const MODE_GROUPS: readonly (readonly string[])[] = [
  ['transfer', 'purchase', 'buy', 'assignment', '转让', '购买'],
  ['licence', 'license', 'licensing', '许可', '独占许可', '排他许可', '普通许可'],
  [
    'jointdevelopment',
    'codevelopment',
    'cooperation',
    'commissioned',
    'commission',
    'development',
    '合作开发',
    '委托开发',
  ],
  ['service', 'technicalservice', 'consulting', 'consultation', '技术服务', '技术咨询'],
  ['equity', 'shares', 'investment', '作价入股', '入股'],
];
/** A demand's open call (揭榜挂帅) accepts any mode. */
const OPEN_CALL = ['opencall', 'open', 'challenge', 'jiebang', '揭榜挂帅'];
const ALL_MODES = (1 << MODE_GROUPS.length) - 1;

const norm = (code: string) => code.toLowerCase().replace(/[-_\s]/g, '');

/** The bit set of mode groups named by the codes (unknown codes are ignored). */
export function modeMask(modes: readonly string[] | undefined): number {
  let mask = 0;
  for (const raw of modes ?? []) {
    const code = norm(raw);
    if (OPEN_CALL.some((o) => code.startsWith(o))) return ALL_MODES;
    MODE_GROUPS.forEach((group, i) => {
      if (group.some((g) => code === norm(g) || code.startsWith(norm(g)))) mask |= 1 << i;
    });
  }
  return mask;
}

/** The 6-digit county-level code of a GB/T 2260 code (longer township/village codes are cut), or 0. */
export function divisionNumber(code: string | null | undefined): number {
  if (!code || !/^\d{6}/.test(code)) return 0;
  return Number(code.slice(0, 6));
}

/** 1 same county, 0.6 same league/city, 0.3 same province, 0 otherwise; -1 when unknown. */
export function distanceFit(a: number, b: number): number {
  if (a === 0 || b === 0) return -1;
  if (a === b && a % 100 !== 0) return 1;
  if (Math.floor(a / 100) === Math.floor(b / 100) && a % 10000 !== 0 && b % 10000 !== 0) return 0.6;
  if (Math.floor(a / 10000) === Math.floor(b / 10000)) return 0.3;
  return 0;
}

/** Offered TRL at or above the wanted one: 1; each level short takes 0.25 off. -1 when unknown. */
export function stageFit(offered: number, wanted: number): number {
  if (offered <= 0 || wanted <= 0) return -1;
  return offered >= wanted ? 1 : Math.max(0, 1 - (wanted - offered) / 4);
}

/** Price within the budget: 1; above it, budget max / price min. NaN bounds are unknown (-1). */
export function amountFit(budgetMax: number, priceMin: number): number {
  if (!Number.isFinite(budgetMax) || !Number.isFinite(priceMin)) return -1;
  if (priceMin <= budgetMax) return 1;
  return budgetMax <= 0 ? 0 : Math.max(0, budgetMax / priceMin);
}

/** Which side offers (achievement, expert) and which asks (demand, enterprise): the query is the asking side unless it says otherwise. */
export function queryIsOffer(query: MatchDocument): boolean {
  return query.kind === 'achievement' || query.kind === 'expert';
}

/** Names of the features, for people. */
export const FEATURE_NAMES: Record<MatchFeature['code'], { zh: string; en: string }> = {
  text: { zh: '文本相关', en: 'text relevance' },
  domain: { zh: '技术领域', en: 'technical field' },
  stage: { zh: '成熟度', en: 'stage (TRL)' },
  distance: { zh: '地域', en: 'division distance' },
  amount: { zh: '价格与预算', en: 'price vs budget' },
  mode: { zh: '合作方式', en: 'transfer mode' },
};

/** Feature values as MatchFeature records (unknown ones left out). */
export function describeFeatures(values: Partial<Record<MatchFeature['code'], number>>): MatchFeature[] {
  const out: MatchFeature[] = [];
  for (const code of Object.keys(FEATURE_NAMES) as MatchFeature['code'][]) {
    const v = values[code];
    if (v === undefined || v < 0) continue;
    out.push({ code, ...FEATURE_NAMES[code], value: Math.round(v * 1000) / 1000 });
  }
  return out;
}
