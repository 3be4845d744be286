/**
 * NDA requests (保密协议申请): a signed-in market user asks the owner of an achievement on offer for its confidential
 * detail; the owner approves or declines. Only an approved request releases the detail, and only on the
 * achievement's detail route. Notifications and audit rows name the achievement, never the detail.
 */
import type { z } from 'zod';
import type { ZNdaDecision, ZNdaRequest } from '../../../../../contracts/market.ts';
import { isUniqueViolation } from '../../../db/dialect.ts';
import { writeAudit } from '../../../platform/audit/audit.ts';
import { iso } from '../../../platform/clock.ts';
import type { Caller, Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors/errors.ts';
import { notify } from '../../../platform/notifications/index.ts';
import { loadVisible } from '../achievements/achievements.service.ts';
import { ACHIEVEMENT_MATCHABLE } from '../shared/market.policy.ts';
import { viewerOf } from '../shared/viewer.ts';
import * as repo from './nda.repository.ts';

type NdaRow = NonNullable<Awaited<ReturnType<typeof repo.findNdaRequest>>>;

function present(r: NdaRow, userId: number) {
  return {
    id: r.id,
    achievementId: r.achievement_id,
    achievementTitle: r.achievement_title,
    requesterName: r.requester_name,
    message: r.message,
    status: r.status,
    isMine: r.requester_user_id === userId,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
  };
}

export async function requestNda(deps: Deps, caller: Caller, achievementId: number, body: z.infer<typeof ZNdaRequest>) {
  const v = viewerOf(caller);
  const a = await loadVisible(deps, v, achievementId);
  if (a.owner_user_id === v.userId)
    throw new AppError('CONFLICT', { zh: '这是您自己的成果', en: 'This is your own achievement' });
  if (!ACHIEVEMENT_MATCHABLE.includes(a.status) || a.visibility === 'private' || a.owner_user_id === null)
    throw new AppError('INVALID_STATE', { zh: '只能对挂牌中的成果申请查看详情', en: 'Only achievements on offer' });
  const existing = await repo.findNdaRequestOf(deps.db, achievementId, v.userId);
  if (existing?.status === 'approved') return present(existing, v.userId);
  if (existing?.status === 'pending')
    throw new AppError('DUPLICATE', { zh: '您的申请正在等待成果方处理', en: 'Your request is pending' });
  const now = deps.clock.now();
  const ownerId = a.owner_user_id;
  try {
    const id = await deps.db.transaction().execute(async (trx) => {
      let id: number;
      if (existing) {
        await repo.reopenNdaRequest(trx, existing.id, body.message, iso(now));
        id = existing.id;
      } else
        id = await repo.insertNdaRequest(trx, {
          achievementId,
          userId: v.userId,
          message: body.message,
          now: iso(now),
        });
      await writeAudit(trx, deps.audit, caller.actor, {
        action: 'market.nda.request',
        targetType: 'mkt_achievement',
        targetId: achievementId,
        divisionCode: a.division_code,
        details: { request: id },
      });
      await notify(trx, {
        userIds: [ownerId],
        kind: 'market.nda.requested',
        title: {
          zh: `${v.displayName} 申请查看“${a.title}”的详细资料`,
          en: `${v.displayName} asks for the detail of "${a.title}"`,
        },
        body: {
          zh: '签署保密协议后对方可查看保密内容，请在“保密申请”中处理。',
          en: 'Approve or decline under NDA requests.',
        },
        link: '/console/market/nda',
        at: now,
      });
      return id;
    });
    const row = await repo.findNdaRequest(deps.db, id);
    if (!row) throw new AppError('NOT_FOUND');
    return present(row, v.userId);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('DUPLICATE', { zh: '您已提交过申请', en: 'Already requested' });
    throw err;
  }
}

export async function listNdaRequests(deps: Deps, caller: Caller, as: 'owner' | 'requester') {
  const userId = caller.principal.userId;
  const rows = await repo.listNdaRequests(deps.db, userId, as);
  return { items: rows.map((r) => present(r, userId)) };
}

/** The owner decides; the requester is told. Anyone else: 404. */
export async function decideNda(deps: Deps, caller: Caller, id: number, body: z.infer<typeof ZNdaDecision>) {
  const userId = caller.principal.userId;
  const row = await repo.findNdaRequest(deps.db, id);
  if (!row || row.owner_user_id !== userId) throw new AppError('NOT_FOUND');
  if (row.status !== 'pending') throw new AppError('INVALID_STATE', { zh: '该申请已处理', en: 'Already decided' });
  const status = body.decision === 'approve' ? 'approved' : 'declined';
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await repo.decideNdaRequest(trx, id, { status, by: userId, now: iso(now) });
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'market.nda.decide',
      targetType: 'mkt_achievement',
      targetId: row.achievement_id,
      divisionCode: row.division_code,
      details: { request: id, decision: status },
    });
    await notify(trx, {
      userIds: [row.requester_user_id],
      kind: 'market.nda.decided',
      title: {
        zh: `“${row.achievement_title}”的详情申请${status === 'approved' ? '已获同意' : '未获同意'}`,
        en: `Your request for "${row.achievement_title}" was ${status}`,
      },
      body: {
        zh: status === 'approved' ? '请在成果详情页查看保密内容。' : body.comment || '成果方未同意本次申请。',
        en: status === 'approved' ? 'Open the achievement to read the detail.' : body.comment || 'The owner declined.',
      },
      link: `/console/market/achievements/${row.achievement_id}`,
      at: now,
    });
  });
  const after = await repo.findNdaRequest(deps.db, id);
  if (!after) throw new AppError('NOT_FOUND');
  return present(after, userId);
}
