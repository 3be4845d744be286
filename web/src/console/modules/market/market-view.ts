/**
 * The market pages' pure rules: which workflow buttons a record shows (the server's steps, server/src/modules/market/
 * shared/market.policy.ts, checked again there), the NDA button's state, budgets and match scores as text.
 */

type T = (zh: string, en: string) => string;

export type AchievementStep = 'submit' | 'withdraw' | 'negotiating' | 'transferred' | 'relist';
export type AchievementReview = 'start' | 'publicise' | 'list' | 'reject';
export type DemandStep = 'submit' | 'withdraw' | 'close';
export type DemandReview = 'start' | 'publish' | 'reject' | 'close';

const EDITABLE = ['draft', 'rejected', 'withdrawn'];

const ACHIEVEMENT_OWNER: Record<AchievementStep, readonly string[]> = {
  submit: EDITABLE,
  withdraw: ['submitted', 'review', 'publicity', 'listed', 'negotiating'],
  negotiating: ['listed'],
  transferred: ['listed', 'negotiating'],
  relist: ['negotiating'],
};
const ACHIEVEMENT_REVIEW: Record<AchievementReview, readonly string[]> = {
  start: ['submitted'],
  publicise: ['submitted', 'review'],
  list: ['publicity'],
  reject: ['submitted', 'review', 'publicity'],
};
const DEMAND_OWNER: Record<DemandStep, readonly string[]> = {
  submit: EDITABLE,
  withdraw: ['submitted', 'review', 'published'],
  close: ['published'],
};
const DEMAND_REVIEW: Record<DemandReview, readonly string[]> = {
  start: ['submitted'],
  publish: ['submitted', 'review'],
  reject: ['submitted', 'review'],
  close: ['published'],
};

const allowed = <K extends string>(table: Record<K, readonly string[]>, status: string): K[] =>
  (Object.keys(table) as K[]).filter((k) => table[k].includes(status));

export const achievementOwnerSteps = (status: string) => allowed(ACHIEVEMENT_OWNER, status);
export const achievementReviewSteps = (status: string) => allowed(ACHIEVEMENT_REVIEW, status);
export const demandOwnerSteps = (status: string) => allowed(DEMAND_OWNER, status);
export const demandReviewSteps = (status: string) => allowed(DEMAND_REVIEW, status);
export const isEditable = (status: string) => EDITABLE.includes(status);

/** 挂牌 after 公示 waits for the publicity period's end. */
export function publicityOver(endsAt: string | null, now: Date): boolean {
  return endsAt === null || new Date(endsAt).getTime() <= now.getTime();
}

/** The day a 公示 of `days` days started today ends (YYYY-MM-DD, local time). */
export function publicityEnd(days: number, today: Date): string {
  const d = new Date(today.getFullYear(), today.getMonth(), today.getDate() + days);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export type NdaState = 'owner' | 'released' | 'request' | 'pending' | 'declined' | 'public';

/**
 * What the detail page offers for the confidential detail: the owner and an approved requester see it (`released`);
 * others may ask (`request`), wait (`pending`) or were declined (`declined`, may ask again); a public record with no
 * detail to release needs no NDA (`public`).
 */
export function ndaState(a: {
  isOwner: boolean;
  confidentialDetail: string | null;
  ndaStatus: 'pending' | 'approved' | 'declined' | null;
  visibility: string;
}): NdaState {
  if (a.isOwner) return 'owner';
  if (a.confidentialDetail !== null) return 'released';
  if (a.ndaStatus === 'pending') return 'pending';
  if (a.ndaStatus === 'declined') return 'declined';
  if (a.visibility === 'public') return 'public';
  return 'request';
}

/** A budget range in 万元 ("10–50 万元", "≤ 50 万元", "面议"). */
export function budgetText(min: number | null, max: number | null, t: T): string {
  if (min === null && max === null) return t('面议', 'Negotiable');
  if (min !== null && max !== null)
    return min === max ? t(`${min} 万元`, `CNY ${min}0k`) : t(`${min}–${max} 万元`, `CNY ${min}0k–${max}0k`);
  if (max !== null) return t(`不超过 ${max} 万元`, `up to CNY ${max}0k`);
  return t(`不低于 ${min ?? 0} 万元`, `from CNY ${min ?? 0}0k`);
}

/** A match score (0..1, or a raw score above 1) as a whole percentage for the tag. */
export function scorePercent(score: number): number {
  const s = score > 1 ? 1 : score < 0 ? 0 : score;
  return Math.round(s * 100);
}

export interface MatchReasons {
  terms: string[];
  concepts: string[];
  features: { code: string; zh: string; en: string; value: number }[];
}

/** The explanation's parts as tags: matched words, concepts, then the features that counted (value > 0, as %). */
export function reasonGroups(r: MatchReasons, t: T): { label: string; items: string[] }[] {
  const groups = [
    { label: t('匹配词', 'Matched terms'), items: r.terms },
    { label: t('相关概念', 'Concepts'), items: r.concepts },
    {
      label: t('匹配条件', 'Features'),
      items: r.features.filter((f) => f.value > 0).map((f) => `${t(f.zh, f.en)} ${scorePercent(f.value)}%`),
    },
  ];
  return groups.filter((g) => g.items.length > 0);
}
