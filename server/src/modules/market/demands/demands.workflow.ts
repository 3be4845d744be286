/**
 * Demand status steps (owner: submit, withdraw, close; reviewer: start, publish, reject, close), supporters ("we need
 * this too") and 揭榜挂帅 proposals before the deadline.
 */
import type { z } from 'zod';
import type { ZDemandReview, ZOwnerStep, ZProposalRequest, ZSupportRequest } from '../../../../../contracts/market.ts';
import { isWithinScope } from '../../../platform/access/scope.ts';
import { writeAudit } from '../../../platform/audit/audit.ts';
import { iso } from '../../../platform/clock.ts';
import type { Caller, Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors/errors.ts';
import { invalidateFact } from '../../../platform/metrics/index.ts';
import { notify } from '../../../platform/notifications/index.ts';
import { loadVisible } from '../achievements/achievements.service.ts';
import { insertEvent } from '../shared/events.repository.ts';
import { OPEN_DEMANDS } from '../shared/market.facts.ts';
import { nextDemandStatus, type DemandOwnerStep, type DemandReviewAction } from '../shared/market.policy.ts';
import { viewerOf } from '../shared/viewer.ts';
import * as repo from './demands.repository.ts';
import { getDemand, loadVisibleDemand, notifyDemandReviewers } from './demands.service.ts';
import { indexDemands } from './demands.search.ts';

const STEP_NAMES: Record<string, string> = {
  submit: '已提交审核',
  withdraw: '已撤回',
  close: '已解决',
  start: '开始审核',
  publish: '已发布',
  reject: '未通过审核',
};

async function move(
  deps: Deps,
  caller: Caller,
  id: number,
  o: { step: DemandOwnerStep | DemandReviewAction; comment: string; audit: string; review: boolean },
) {
  const v = viewerOf(caller);
  const row = await loadVisibleDemand(deps, v, id);
  if (o.review) {
    if (!(await isWithinScope(deps.db, v.review, row.division_code))) throw new AppError('NOT_FOUND');
  } else if (row.owner_user_id !== v.userId)
    throw new AppError('FORBIDDEN', { zh: '只有需求发布人可以执行此操作', en: 'Only the owner may do this' });
  const to = nextDemandStatus(o.step, row.status);
  if (!to)
    throw new AppError('INVALID_STATE', {
      zh: `当前状态（${row.status}）不能执行“${STEP_NAMES[o.step] ?? o.step}”`,
      en: `Step ${o.step} is not allowed from ${row.status}`,
    });
  if (o.step === 'reject' && o.comment.length < 2)
    throw new AppError('VALIDATION', {
      details: [{ path: 'body.comment', message: '请填写不通过的理由 / give a reason' }],
    });
  const now = deps.clock.now();
  const at = iso(now);
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateDemand(trx, id, {
      status: to,
      status_reason: o.step === 'reject' || o.step === 'withdraw' ? o.comment : '',
      updated_at: at,
    });
    await insertEvent(trx, {
      recordType: 'demand',
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
      targetType: 'mkt_demand',
      targetId: id,
      divisionCode: row.division_code,
      details: { step: o.step, from: row.status, to },
    });
    if (o.step === 'submit') await notifyDemandReviewers(trx, deps, id, row.title, row.division_code);
    if (o.review && row.owner_user_id !== null)
      await notify(trx, {
        userIds: [row.owner_user_id],
        kind: 'market.status.changed',
        title: { zh: `需求“${row.title}”${STEP_NAMES[o.step] ?? ''}`, en: `Demand "${row.title}": ${o.step}` },
        body: { zh: o.comment || STEP_NAMES[o.step] || '', en: o.comment || o.step },
        link: `/console/market/demands/${id}`,
        at: now,
      });
    await indexDemands(trx, [id]);
  });
  invalidateFact(OPEN_DEMANDS);
  return getDemand(deps, caller, id);
}

export function demandOwnerStep(deps: Deps, caller: Caller, id: number, body: z.infer<typeof ZOwnerStep>) {
  if (body.step !== 'submit' && body.step !== 'withdraw' && body.step !== 'close')
    throw new AppError('VALIDATION', {
      details: [{ path: 'body.step', message: '需求只有提交、撤回、关闭步骤 / submit, withdraw or close' }],
    });
  return move(deps, caller, id, {
    step: body.step,
    comment: body.comment,
    audit: 'market.demand.owner_step',
    review: false,
  });
}

export function reviewDemand(deps: Deps, caller: Caller, id: number, body: z.infer<typeof ZDemandReview>) {
  return move(deps, caller, id, {
    step: body.action,
    comment: body.comment,
    audit: 'market.demand.review',
    review: true,
  });
}

async function loadPublished(deps: Deps, caller: Caller, id: number) {
  const row = await loadVisibleDemand(deps, viewerOf(caller), id);
  if (row.status !== 'published')
    throw new AppError('INVALID_STATE', { zh: '只有已发布的需求可以响应', en: 'Only published demands' });
  return row;
}

/** 我们也需要: another enterprise (or officer for one) with the same need; once per user. */
export async function supportDemand(deps: Deps, caller: Caller, id: number, body: z.infer<typeof ZSupportRequest>) {
  const row = await loadPublished(deps, caller, id);
  const p = caller.principal;
  if (row.owner_user_id === p.userId)
    throw new AppError('CONFLICT', { zh: '不能附议自己发布的需求', en: 'You posted this demand' });
  if (await repo.isSupporter(deps.db, id, p.userId))
    throw new AppError('DUPLICATE', { zh: '您已附议过该需求', en: 'Already supported' });
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertSupporter(trx, {
      demandId: id,
      userId: p.userId,
      orgId: p.orgId,
      note: body.note,
      now: iso(deps.clock.now()),
    });
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'market.demand.support',
      targetType: 'mkt_demand',
      targetId: id,
      divisionCode: row.division_code,
    });
  });
  return getDemand(deps, caller, id);
}

/** 揭榜: a proposal to an open call before its deadline (optionally naming one's own achievement); the owner is told. */
export async function proposeForDemand(deps: Deps, caller: Caller, id: number, body: z.infer<typeof ZProposalRequest>) {
  const row = await loadPublished(deps, caller, id);
  if (row.is_open_call !== 1)
    throw new AppError('INVALID_STATE', { zh: '该需求不是揭榜挂帅项目', en: 'Not an open call' });
  const now = deps.clock.now();
  if (row.deadline !== null && iso(now).slice(0, 10) > row.deadline)
    throw new AppError('INVALID_STATE', { zh: `揭榜已于 ${row.deadline} 截止`, en: 'The call has closed' });
  const v = viewerOf(caller);
  if (body.achievementId !== null) {
    const a = await loadVisible(deps, v, body.achievementId);
    if (a.owner_user_id !== v.userId)
      throw new AppError('VALIDATION', {
        details: [{ path: 'body.achievementId', message: '只能引用自己的成果 / cite your own achievement' }],
      });
  }
  const proposalId = await deps.db.transaction().execute(async (trx) => {
    const pid = await repo.insertProposal(trx, {
      demandId: id,
      userId: v.userId,
      achievementId: body.achievementId,
      summary: body.summary,
      now: iso(now),
    });
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'market.demand.proposal',
      targetType: 'mkt_demand',
      targetId: id,
      divisionCode: row.division_code,
      details: { proposal: pid },
    });
    if (row.owner_user_id !== null)
      await notify(trx, {
        userIds: [row.owner_user_id],
        kind: 'market.proposal.received',
        title: { zh: `“${row.title}”收到揭榜方案`, en: `Proposal for "${row.title}"` },
        body: { zh: `${v.displayName} 提交了揭榜方案。`, en: `${v.displayName} sent a proposal.` },
        link: `/console/market/demands/${id}`,
        at: now,
      });
    return pid;
  });
  return { id: proposalId };
}

/** Proposals of a demand: its owner and the officers overseeing it. */
export async function listProposals(deps: Deps, caller: Caller, id: number) {
  const v = viewerOf(caller);
  const row = await loadVisibleDemand(deps, v, id);
  if (row.owner_user_id !== v.userId && !(await isWithinScope(deps.db, v.oversee, row.division_code)))
    throw new AppError('NOT_FOUND');
  const rows = await repo.listProposals(deps.db, id);
  return {
    items: rows.map((r) => ({
      id: r.id,
      summary: r.summary,
      proposerName: r.display_name,
      achievementId: r.achievement_id,
      createdAt: r.created_at,
    })),
  };
}
