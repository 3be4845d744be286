/**
 * Achievement status steps: the owner's (submit, withdraw, negotiating, transferred, relist), the reviewer's (start,
 * publicise with a 公示 end date, list once it is over, reject with a reason) and objections during 公示.
 */
import type { z } from 'zod';
import type { ZAchievementReview, ZObjection, ZOwnerStep } from '../../../../../contracts/market.ts';
import { isWithinScope } from '../../../platform/access/scope.ts';
import { writeAudit } from '../../../platform/audit/audit.ts';
import { iso } from '../../../platform/clock.ts';
import type { Caller, Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors/errors.ts';
import { invalidateFact } from '../../../platform/metrics/index.ts';
import { notify } from '../../../platform/notifications/index.ts';
import type { AchievementStatus } from '../market.tables.ts';
import { insertEvent, objectionsSince, publicityStartedAt } from '../shared/events.repository.ts';
import { LISTED_ACHIEVEMENTS } from '../shared/market.facts.ts';
import {
  isPublicityOver,
  needsReason,
  nextAchievementStatus,
  type AchievementOwnerStep,
  type AchievementReviewAction,
} from '../shared/market.policy.ts';
import { viewerOf } from '../shared/viewer.ts';
import * as repo from './achievements.repository.ts';
import { getAchievement, loadVisible, notifyReviewers } from './achievements.service.ts';
import { indexAchievements } from './achievements.search.ts';

const STEP_NAMES: Record<string, string> = {
  submit: '已提交审核',
  withdraw: '已撤回',
  negotiating: '进入洽谈',
  transferred: '已转化',
  relist: '重新挂牌',
  start: '开始审核',
  publicise: '进入公示',
  list: '已挂牌',
  reject: '未通过审核',
};

async function move(
  deps: Deps,
  caller: Caller,
  id: number,
  o: { step: AchievementOwnerStep | AchievementReviewAction; comment: string; audit: string; publicityDays?: number },
) {
  const v = viewerOf(caller);
  const row = await loadVisible(deps, v, id);
  const isReview = ['start', 'publicise', 'list', 'reject'].includes(o.step);
  if (isReview) {
    if (!(await isWithinScope(deps.db, v.review, row.division_code))) throw new AppError('NOT_FOUND');
  } else if (row.owner_user_id !== v.userId)
    throw new AppError('FORBIDDEN', { zh: '只有成果发布人可以执行此操作', en: 'Only the owner may do this' });
  const to = nextAchievementStatus(o.step, row.status);
  if (!to)
    throw new AppError('INVALID_STATE', {
      zh: `当前状态（${row.status}）不能执行“${STEP_NAMES[o.step] ?? o.step}”`,
      en: `Step ${o.step} is not allowed from ${row.status}`,
    });
  if (needsReason(o.step) && o.step === 'reject' && o.comment.length < 2)
    throw new AppError('VALIDATION', {
      details: [{ path: 'body.comment', message: '请填写不通过的理由 / give a reason' }],
    });
  const now = deps.clock.now();
  const at = iso(now);
  if (o.step === 'list') {
    if (!isPublicityOver(row.publicity_ends_at, at))
      throw new AppError('INVALID_STATE', {
        zh: `公示期至 ${row.publicity_ends_at ?? ''} 结束，结束前不能挂牌`,
        en: 'The publicity period is not over',
      });
    const since = (await publicityStartedAt(deps.db, id)) ?? row.created_at;
    if ((await objectionsSince(deps.db, id, since)) > 0 && o.comment.length < 2)
      throw new AppError('VALIDATION', {
        details: [
          {
            path: 'body.comment',
            message: '公示期内有异议，挂牌须说明处理结果 / objections were lodged: say how they were settled',
          },
        ],
      });
  }
  const publicityEndsAt =
    o.step === 'publicise' ? iso(new Date(now.getTime() + (o.publicityDays ?? 7) * 86_400_000)) : row.publicity_ends_at;
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateAchievement(trx, id, {
      status: to,
      status_reason: o.step === 'reject' || o.step === 'withdraw' ? o.comment : '',
      publicity_ends_at: publicityEndsAt,
      updated_at: at,
    });
    await insertEvent(trx, {
      recordType: 'achievement',
      recordId: id,
      action: o.step,
      fromStatus: row.status,
      toStatus: to,
      comment: o.comment,
      actorUserId: v.userId,
      at,
    });
    await writeAudit(trx, deps.audit, caller.actor, {
      action: o.audit,
      targetType: 'mkt_achievement',
      targetId: id,
      divisionCode: row.division_code,
      details: { step: o.step, from: row.status, to },
    });
    if (o.step === 'submit') await notifyReviewers(trx, deps, id, row.title, row.division_code);
    if (isReview && row.owner_user_id !== null)
      await notify(trx, {
        userIds: [row.owner_user_id],
        kind: 'market.status.changed',
        title: { zh: `成果“${row.title}”${STEP_NAMES[o.step] ?? ''}`, en: `Achievement "${row.title}": ${o.step}` },
        body: { zh: o.comment || STEP_NAMES[o.step] || '', en: o.comment || o.step },
        link: `/console/market/achievements/${id}`,
        at: now,
      });
    await indexAchievements(trx, [id]);
  });
  invalidateFact(LISTED_ACHIEVEMENTS);
  return getAchievement(deps, caller, id);
}

export function ownerStep(deps: Deps, caller: Caller, id: number, body: z.infer<typeof ZOwnerStep>) {
  if (body.step === 'close')
    throw new AppError('VALIDATION', {
      details: [{ path: 'body.step', message: '成果没有“关闭”步骤 / achievements have no close step' }],
    });
  return move(deps, caller, id, { step: body.step, comment: body.comment, audit: 'market.achievement.owner_step' });
}

export function reviewAchievement(deps: Deps, caller: Caller, id: number, body: z.infer<typeof ZAchievementReview>) {
  return move(deps, caller, id, {
    step: body.action,
    comment: body.comment,
    audit: 'market.achievement.review',
    publicityDays: body.publicityDays,
  });
}

/** 公示异议: anyone who may see the achievement objects while it is in 公示; the reviewers are told. */
export async function objectToAchievement(deps: Deps, caller: Caller, id: number, body: z.infer<typeof ZObjection>) {
  const v = viewerOf(caller);
  const row = await loadVisible(deps, v, id);
  if (row.status !== ('publicity' satisfies AchievementStatus))
    throw new AppError('INVALID_STATE', {
      zh: '只能在公示期内提出异议',
      en: 'Objections only during the publicity period',
    });
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await insertEvent(trx, {
      recordType: 'achievement',
      recordId: id,
      action: 'objection',
      fromStatus: null,
      toStatus: null,
      comment: body.reason,
      actorUserId: v.userId,
      at: iso(now),
    });
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'market.achievement.objection',
      targetType: 'mkt_achievement',
      targetId: id,
      divisionCode: row.division_code,
    });
    await notifyReviewers(trx, deps, id, `${row.title}（公示异议）`, row.division_code);
  });
  return getAchievement(deps, caller, id);
}
