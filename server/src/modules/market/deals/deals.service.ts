/**
 * 交易洽谈 use cases: open a deal on an achievement on offer (the buyer), read and list deals. A deal is seen by its
 * two parties and read by officers whose `market:oversee` scope holds either side's division; anyone else gets 404.
 */
import type { z } from 'zod';
import type { ZListDealsQuery, ZOpenDealRequest } from '../../../../../contracts/market-deals.ts';
import { isWithinScope } from '../../../platform/access/scope.ts';
import { writeAudit } from '../../../platform/audit/audit.ts';
import { iso } from '../../../platform/clock.ts';
import type { Caller, Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors/errors.ts';
import { invalidateFact } from '../../../platform/metrics/index.ts';
import { notify } from '../../../platform/notifications/index.ts';
import { loadVisible } from '../achievements/achievements.service.ts';
import { findDemand } from '../demands/demands.repository.ts';
import { ndaStatusOf } from '../nda/nda.repository.ts';
import { LISTED_ACHIEVEMENTS } from '../shared/market.facts.ts';
import { ACHIEVEMENT_MATCHABLE } from '../shared/market.policy.ts';
import { viewerOf } from '../shared/viewer.ts';
import { countyOf, moveAchievement } from './deals.bridge.ts';
import { presentDeal, presentDealItem, sideOf } from './deals.presenter.ts';
import * as repo from './deals.repository.ts';
import type { DealRow } from './deals.repository.ts';
import type { DealSide } from './deals.tables.ts';

export const OPEN_STATUSES = ['nda', 'negotiating', 'contracting'] as const;

/** The deal as the caller may read it (party or overseeing officer), or 404. */
export async function loadReadable(deps: Deps, caller: Caller, id: number): Promise<DealRow> {
  const row = await repo.findDeal(deps.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  if (sideOf(row, caller.principal.userId)) return row;
  const { oversee } = viewerOf(caller);
  if (
    (await isWithinScope(deps.db, oversee, row.seller_division_code)) ||
    (await isWithinScope(deps.db, oversee, row.buyer_division_code))
  )
    return row;
  throw new AppError('NOT_FOUND');
}

/** The deal and the caller's side for a party's step: officers who may read get 403, strangers 404. */
export async function loadAsParty(deps: Deps, caller: Caller, id: number): Promise<{ row: DealRow; side: DealSide }> {
  const row = await loadReadable(deps, caller, id);
  const side = sideOf(row, caller.principal.userId);
  if (!side)
    throw new AppError('FORBIDDEN', { zh: '只有交易双方可以操作，主管部门只能查看', en: 'Only the two parties act' });
  return { row, side };
}

export function assertOpen(row: DealRow): void {
  if (!(OPEN_STATUSES as readonly string[]).includes(row.status))
    throw new AppError('INVALID_STATE', { zh: '该交易已签约或已终止', en: 'The deal is signed or declined' });
}

export async function getDeal(deps: Deps, caller: Caller, id: number) {
  const row = await loadReadable(deps, caller, id);
  const parts = await repo.dealParts(deps.db, id);
  return presentDeal(
    row,
    caller.principal.userId,
    parts,
    await ndaStatusOf(deps.db, row.achievement_id, row.buyer_user_id),
  );
}

export async function listDeals(deps: Deps, caller: Caller, q: z.infer<typeof ZListDealsQuery>) {
  const v = viewerOf(caller);
  const { rows, total } = await repo.listDeals(
    deps.db,
    { userId: v.userId, oversee: v.oversee, status: q.status, as: q.as },
    q,
  );
  return { items: rows.map((r) => presentDealItem(r, v.userId)), total, page: q.page, pageSize: q.pageSize };
}

/** Tells the other party of a step (the title names the achievement, never message text or terms). */
export async function tellOther(
  trx: Parameters<typeof notify>[0],
  deps: Deps,
  row: Pick<DealRow, 'id' | 'buyer_user_id' | 'seller_user_id' | 'achievement_title'>,
  from: DealSide,
  what: { zh: string; en: string },
  kind: 'market.deal.opened' | 'market.deal.updated' | 'market.deal.signed' = 'market.deal.updated',
): Promise<void> {
  await notify(trx, {
    userIds: [from === 'buyer' ? row.seller_user_id : row.buyer_user_id],
    kind,
    title: {
      zh: `交易洽谈“${row.achievement_title}”：${what.zh}`,
      en: `Deal on "${row.achievement_title}": ${what.en}`,
    },
    body: { zh: `${what.zh}，请在交易洽谈中查看。`, en: `${what.en}. Open the deal room.` },
    link: `/console/market/deals/${row.id}`,
    at: deps.clock.now(),
  });
}

export async function openDeal(deps: Deps, caller: Caller, body: z.infer<typeof ZOpenDealRequest>) {
  const v = viewerOf(caller);
  const a = await loadVisible(deps, v, body.achievementId);
  if (a.owner_user_id === v.userId)
    throw new AppError('CONFLICT', { zh: '不能对自己的成果发起交易', en: 'This is your own achievement' });
  if (!ACHIEVEMENT_MATCHABLE.includes(a.status) || a.visibility === 'private' || a.owner_user_id === null)
    throw new AppError('INVALID_STATE', { zh: '只能对挂牌中的成果发起交易洽谈', en: 'Only achievements on offer' });
  if (body.demandId !== null) {
    const d = await findDemand(deps.db, body.demandId);
    if (!d || d.owner_user_id !== v.userId)
      throw new AppError('VALIDATION', {
        details: [{ path: 'body.demandId', message: '只能关联您自己发布的技术需求 / link one of your own demands' }],
      });
  }
  const buyerCounty = await countyOf(deps.db, caller.principal.divisionCode);
  if (!buyerCounty)
    throw new AppError('VALIDATION', {
      zh: '买方账户须属于旗县级行政区划（用于技术合同统计）',
      en: 'The buyer account must belong to a county',
    });
  const sellerCounty = await countyOf(deps.db, a.division_code);
  if (!sellerCounty)
    throw new AppError('INVALID_STATE', {
      zh: '该成果登记在旗县以上行政区划，无法生成技术合同统计，请联系成果方',
      en: 'The achievement is not registered in a county',
    });
  if (await repo.openDealOf(deps.db, a.id, v.userId))
    throw new AppError('DUPLICATE', { zh: '您与该成果已有进行中的交易洽谈', en: 'You already have an open deal' });
  const nda = await ndaStatusOf(deps.db, a.id, v.userId);
  const now = iso(deps.clock.now());
  const sellerId = a.owner_user_id;
  let moved = false;
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertDeal(trx, {
      achievement_id: a.id,
      demand_id: body.demandId,
      buyer_user_id: v.userId,
      buyer_org_id: v.orgId,
      buyer_division_code: buyerCounty,
      seller_user_id: sellerId,
      seller_division_code: sellerCounty,
      status: nda === 'approved' ? 'negotiating' : 'nda',
      agreed_amount: null,
      agreed_mode: null,
      declined_by: null,
      decline_reason: null,
      decline_note: '',
      contract_id: null,
      created_at: now,
      updated_at: now,
    });
    await repo.insertEvent(trx, { dealId: id, action: 'open', side: 'buyer', note: '', at: now });
    if (body.message)
      await repo.insertMessage(trx, { dealId: id, side: 'buyer', userId: v.userId, body: body.message, at: now });
    moved = await moveAchievement(trx, a, 'negotiating', { dealId: id, actorUserId: v.userId, at: now });
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'market.deal.open',
      targetType: 'mkt_deal',
      targetId: id,
      divisionCode: sellerCounty,
      details: { achievement: a.id, demand: body.demandId, nda: nda ?? 'none' },
    });
    const row = { id, buyer_user_id: v.userId, seller_user_id: sellerId, achievement_title: a.title };
    await tellOther(
      trx,
      deps,
      row,
      'buyer',
      { zh: `${v.displayName} 发起了交易洽谈`, en: 'a buyer opened a deal' },
      'market.deal.opened',
    );
    return id;
  });
  if (moved) invalidateFact(LISTED_ACHIEVEMENTS);
  return getDeal(deps, caller, id);
}
