/**
 * The market's rules as pure functions: who sees what, and the status steps of achievements and demands.
 * Achievements: draft -> submitted -> review -> publicity (公示) -> listed -> negotiating -> transferred, and
 * withdrawn / rejected (with reasons). Demands: draft -> submitted -> review -> published -> closed, withdrawn / rejected.
 */
import type { AchievementStatus, DemandStatus } from '../market.tables.ts';

/** Achievement states everyone signed in to the market may see (subject to visibility). */
export const ACHIEVEMENT_PUBLIC_STATUSES: readonly AchievementStatus[] = [
  'publicity',
  'listed',
  'negotiating',
  'transferred',
];
/** Achievements the matcher indexes and the portal lists as on offer. */
export const ACHIEVEMENT_MATCHABLE: readonly AchievementStatus[] = ['listed', 'negotiating'];
export const DEMAND_PUBLIC_STATUSES: readonly DemandStatus[] = ['published', 'closed'];
export const DEMAND_MATCHABLE: readonly DemandStatus[] = ['published'];

export type AchievementOwnerStep = 'submit' | 'withdraw' | 'negotiating' | 'transferred' | 'relist';
export type AchievementReviewAction = 'start' | 'publicise' | 'list' | 'reject';
export type DemandOwnerStep = 'submit' | 'withdraw' | 'close';
export type DemandReviewAction = 'start' | 'publish' | 'reject' | 'close';

const EDITABLE_ACHIEVEMENT: readonly AchievementStatus[] = ['draft', 'rejected', 'withdrawn'];
const EDITABLE_DEMAND: readonly DemandStatus[] = ['draft', 'rejected', 'withdrawn'];

export function isAchievementEditable(status: AchievementStatus): boolean {
  return EDITABLE_ACHIEVEMENT.includes(status);
}
export function isDemandEditable(status: DemandStatus): boolean {
  return EDITABLE_DEMAND.includes(status);
}

const ACHIEVEMENT_STEPS: Record<
  AchievementOwnerStep | AchievementReviewAction,
  [readonly AchievementStatus[], AchievementStatus]
> = {
  submit: [EDITABLE_ACHIEVEMENT, 'submitted'],
  withdraw: [['submitted', 'review', 'publicity', 'listed', 'negotiating'], 'withdrawn'],
  negotiating: [['listed'], 'negotiating'],
  transferred: [['listed', 'negotiating'], 'transferred'],
  relist: [['negotiating'], 'listed'],
  start: [['submitted'], 'review'],
  publicise: [['submitted', 'review'], 'publicity'],
  list: [['publicity'], 'listed'],
  reject: [['submitted', 'review', 'publicity'], 'rejected'],
};

const DEMAND_STEPS: Record<DemandOwnerStep | DemandReviewAction, [readonly DemandStatus[], DemandStatus]> = {
  submit: [EDITABLE_DEMAND, 'submitted'],
  withdraw: [['submitted', 'review', 'published'], 'withdrawn'],
  close: [['published'], 'closed'],
  start: [['submitted'], 'review'],
  publish: [['submitted', 'review'], 'published'],
  reject: [['submitted', 'review'], 'rejected'],
};

/** The status an achievement step leads to from `from`, or null when the step is not allowed there. */
export function nextAchievementStatus(
  step: AchievementOwnerStep | AchievementReviewAction,
  from: AchievementStatus,
): AchievementStatus | null {
  const [froms, to] = ACHIEVEMENT_STEPS[step];
  return froms.includes(from) ? to : null;
}

export function nextDemandStatus(step: DemandOwnerStep | DemandReviewAction, from: DemandStatus): DemandStatus | null {
  const [froms, to] = DEMAND_STEPS[step];
  return froms.includes(from) ? to : null;
}

/** Steps that need a reason (shown to the owner). */
export function needsReason(step: string): boolean {
  return step === 'reject' || step === 'withdraw';
}

/** Whether a 公示 that ends at `endsAt` is over at `now` (ISO strings compare in time order). */
export function isPublicityOver(endsAt: string | null, now: string): boolean {
  return endsAt === null || endsAt <= now;
}
