/**
 * The steps of a deal, each by one of the two parties: past the NDA (only when the buyer's NDA request for the
 * achievement is approved), messages, offers and counter-offers, accepting the other side's offer, approving the
 * contract steps (签署 last); when both parties approved every step the deal is 已签约, a technology contract record is
 * made and the achievement is transferred. Either party may decline with IN-PART feedback. Each step is one
 * transaction with its audit row and a notification to the other party.
 */
import type { z } from 'zod';
import {
  DEAL_STEP_CODES,
  DEAL_STEPS,
  type DealStepCode,
  type ZDealMessageRequest,
  type ZDealOfferRequest,
  type ZDeclineRequest,
} from '../../../../../contracts/market-deals.ts';
import { TRANSFER_MODES } from '../../../../../contracts/market.ts';
import { writeAudit } from '../../../platform/audit/audit.ts';
import { iso } from '../../../platform/clock.ts';
import type { Caller, Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors/errors.ts';
import { invalidateFact } from '../../../platform/metrics/index.ts';
import { findAchievement } from '../achievements/achievements.repository.ts';
import { invalidateContractFacts } from '../contracts/contracts.facts.ts';
import { organisationSummaries } from '../../organisations/index.ts';
import { ndaStatusOf } from '../nda/nda.repository.ts';
import { LISTED_ACHIEVEMENTS } from '../shared/market.facts.ts';
import { createDealContract, moveAchievement } from './deals.bridge.ts';
import * as repo from './deals.repository.ts';
import type { DealRow } from './deals.repository.ts';
import { assertOpen, getDeal, loadAsParty, tellOther } from './deals.service.ts';
import type { DealSide } from './deals.tables.ts';

function state(zh: string, en: string): AppError {
  return new AppError('INVALID_STATE', { zh, en });
}

/** One step: the party check, one transaction (event, audit, notification), the deal read back. */
async function step(
  deps: Deps,
  caller: Caller,
  id: number,
  o: { action: string; audit: string; note?: string; details?: Record<string, unknown> },
  check: (row: DealRow, side: DealSide) => Promise<void> | void,
  write: (
    trx: Parameters<typeof repo.insertEvent>[0],
    row: DealRow,
    side: DealSide,
    at: string,
  ) => Promise<{ zh: string; en: string }>,
) {
  const { row, side } = await loadAsParty(deps, caller, id);
  await check(row, side);
  const at = iso(deps.clock.now());
  await deps.db.transaction().execute(async (trx) => {
    const told = await write(trx, row, side, at);
    await repo.updateDeal(trx, id, { updated_at: at });
    await repo.insertEvent(trx, { dealId: id, action: o.action, side, note: o.note ?? '', at });
    await writeAudit(trx, deps.audit, caller.actor, {
      action: o.audit,
      targetType: 'mkt_deal',
      targetId: id,
      divisionCode: row.seller_division_code,
      details: { side, ...o.details },
    });
    await tellOther(trx, deps, row, side, told);
  });
  return getDeal(deps, caller, id);
}

export function proceedPastNda(deps: Deps, caller: Caller, id: number) {
  return step(
    deps,
    caller,
    id,
    { action: 'nda_passed', audit: 'market.deal.proceed' },
    async (row) => {
      if (row.status !== 'nda') throw state('该交易不在保密协议阶段', 'The deal is not at the NDA stage');
      if ((await ndaStatusOf(deps.db, row.achievement_id, row.buyer_user_id)) !== 'approved')
        throw state('成果方尚未同意买方的保密协议申请，不能进入洽谈', 'The NDA request is not approved');
    },
    async (trx, row) => {
      await repo.updateDeal(trx, row.id, { status: 'negotiating' });
      return { zh: '已签保密协议，进入洽谈', en: 'past the NDA, negotiating' };
    },
  );
}

export function postMessage(deps: Deps, caller: Caller, id: number, body: z.infer<typeof ZDealMessageRequest>) {
  return step(
    deps,
    caller,
    id,
    { action: 'message', audit: 'market.deal.message', details: { length: body.body.length } },
    (row) => assertOpen(row),
    async (trx, row, side, at) => {
      await repo.insertMessage(trx, { dealId: row.id, side, userId: caller.principal.userId, body: body.body, at });
      return { zh: '收到新消息', en: 'new message' };
    },
  );
}

export function makeOffer(deps: Deps, caller: Caller, id: number, body: z.infer<typeof ZDealOfferRequest>) {
  const mode = TRANSFER_MODES[body.transferMode];
  return step(
    deps,
    caller,
    id,
    {
      action: 'offer',
      audit: 'market.deal.offer',
      note: `${body.amount} 万元，${mode}`,
      details: { amount: body.amount, mode: body.transferMode },
    },
    (row) => {
      if (row.status !== 'negotiating') throw state('只有洽谈阶段可以报价', 'Offers only while negotiating');
    },
    async (trx, row, side, at) => {
      const other: DealSide = side === 'buyer' ? 'seller' : 'buyer';
      await repo.closePendingOffers(trx, row.id, other, 'countered', at);
      await repo.closePendingOffers(trx, row.id, side, 'superseded', at);
      await repo.insertOffer(trx, {
        deal_id: row.id,
        from_side: side,
        amount: body.amount,
        transfer_mode: body.transferMode,
        terms: body.terms,
        status: 'pending',
        created_at: at,
        decided_at: null,
      });
      return { zh: `对方报价 ${body.amount} 万元（${mode}）`, en: `offer of ${body.amount} (10k yuan)` };
    },
  );
}

export async function acceptOffer(deps: Deps, caller: Caller, id: number, offerId: number) {
  const offer = await repo.findOffer(deps.db, id, offerId);
  return step(
    deps,
    caller,
    id,
    { action: 'accept', audit: 'market.deal.accept', details: { offer: offerId } },
    (row, side) => {
      if (row.status !== 'negotiating')
        throw state('只有洽谈阶段可以接受报价', 'Offers are accepted while negotiating');
      if (!offer) throw new AppError('NOT_FOUND');
      if (offer.status !== 'pending') throw state('该报价已失效', 'The offer is no longer pending');
      if (offer.from_side === side)
        throw state('不能接受自己的报价，请等待对方答复', 'You cannot accept your own offer');
    },
    async (trx, row, _side, at) => {
      if (!offer) throw new AppError('NOT_FOUND');
      await repo.acceptOffer(trx, offerId, at);
      await repo.updateDeal(trx, row.id, {
        status: 'contracting',
        agreed_amount: offer.amount,
        agreed_mode: offer.transfer_mode,
      });
      await repo.insertSteps(trx, row.id, DEAL_STEP_CODES);
      return { zh: '报价已被接受，进入合同签署', en: 'offer accepted, contract steps open' };
    },
  );
}

export async function approveStep(deps: Deps, caller: Caller, id: number, code: DealStepCode) {
  const steps = await repo.listSteps(deps.db, id);
  const out = { signed: false };
  const done = (s: (typeof steps)[number]) => s.buyer_approved_at !== null && s.seller_approved_at !== null;
  const result = await step(
    deps,
    caller,
    id,
    { action: `step:${code}`, audit: 'market.deal.step', note: DEAL_STEPS[code], details: { step: code } },
    (row, side) => {
      if (row.status !== 'contracting') throw state('只有合同签署阶段可以确认步骤', 'Steps only while contracting');
      const s = steps.find((x) => x.code === code);
      if (!s) throw new AppError('NOT_FOUND');
      if ((side === 'buyer' ? s.buyer_approved_at : s.seller_approved_at) !== null)
        throw new AppError('DUPLICATE', { zh: '您已确认该步骤', en: 'You already approved this step' });
      if (code === 'signing' && steps.some((x) => x.code !== 'signing' && !done(x)))
        throw state('条款确认、价款与支付、知识产权归属均经双方确认后才能签署', 'Approve the other steps first');
    },
    async (trx, row, side, at) => {
      await repo.approveStep(trx, row.id, code, side, at);
      const after = await repo.listSteps(trx, row.id);
      if (!after.every(done)) return { zh: `已确认“${DEAL_STEPS[code]}”`, en: `step ${code} approved` };
      await signDeal(trx, deps, caller, row, at);
      out.signed = true;
      return { zh: '双方已完成全部步骤，交易已签约', en: 'all steps approved: signed' };
    },
  );
  if (out.signed) {
    // After the commit: the contract facts and the listed-achievements fact changed.
    invalidateContractFacts();
    invalidateFact(LISTED_ACHIEVEMENTS);
  }
  return result;
}

/** 已签约: the contract record, the achievement transferred, the deal closed; audited and both parties told. */
async function signDeal(
  trx: Parameters<typeof repo.insertEvent>[0],
  deps: Deps,
  caller: Caller,
  row: DealRow,
  at: string,
): Promise<number> {
  const a = await findAchievement(trx, row.achievement_id);
  if (!a) throw new AppError('NOT_FOUND');
  const orgs = await organisationSummaries(
    trx,
    [a.org_id, row.buyer_org_id].filter((x): x is number => x !== null),
  );
  const sellerOrg = a.org_id === null ? undefined : orgs.get(a.org_id);
  const buyerOrg = row.buyer_org_id === null ? undefined : orgs.get(row.buyer_org_id);
  const contractId = await createDealContract(trx, {
    dealId: row.id,
    title: a.title,
    domain: a.domain,
    mode: row.agreed_mode ?? 'assignment',
    amount: Number(row.agreed_amount ?? 0),
    signedOn: at.slice(0, 10),
    seller: {
      uscc: sellerOrg?.uscc ?? null,
      name: sellerOrg?.name ?? row.seller_name,
      divisionCode: row.seller_division_code,
    },
    buyer: {
      uscc: buyerOrg?.uscc ?? null,
      name: buyerOrg?.name ?? row.buyer_name,
      divisionCode: row.buyer_division_code,
    },
    actorUserId: caller.principal.userId,
    at,
  });
  await repo.updateDeal(trx, row.id, { status: 'signed', contract_id: contractId });
  await repo.insertEvent(trx, { dealId: row.id, action: 'signed', side: null, note: `技术合同 #${contractId}`, at });
  await moveAchievement(trx, a, 'transferred', { dealId: row.id, actorUserId: caller.principal.userId, at });
  await writeAudit(trx, deps.audit, caller.actor, {
    action: 'market.deal.signed',
    targetType: 'mkt_deal',
    targetId: row.id,
    divisionCode: row.seller_division_code,
    details: { contract: contractId, amount: row.agreed_amount, mode: row.agreed_mode },
  });
  for (const side of ['buyer', 'seller'] as const)
    await tellOther(
      trx,
      deps,
      row,
      side,
      { zh: '交易已签约，已生成技术合同记录', en: 'signed; contract recorded' },
      'market.deal.signed',
    );
  return contractId;
}

export async function declineDeal(deps: Deps, caller: Caller, id: number, body: z.infer<typeof ZDeclineRequest>) {
  const out = { relisted: false };
  const result = await step(
    deps,
    caller,
    id,
    { action: 'decline', audit: 'market.deal.decline', note: body.reason, details: { reason: body.reason } },
    (row) => assertOpen(row),
    async (trx, row, side, at) => {
      await repo.updateDeal(trx, row.id, {
        status: 'declined',
        declined_by: side,
        decline_reason: body.reason,
        decline_note: body.note,
      });
      await repo.closePendingOffers(trx, row.id, 'buyer', 'superseded', at);
      await repo.closePendingOffers(trx, row.id, 'seller', 'superseded', at);
      const a = await findAchievement(trx, row.achievement_id);
      if (a && (await repo.countOpenDeals(trx, a.id, row.id)) === 0)
        out.relisted = await moveAchievement(trx, a, 'relist', {
          dealId: row.id,
          actorUserId: caller.principal.userId,
          at,
        });
      return { zh: '对方终止了交易洽谈', en: 'the other party declined' };
    },
  );
  if (out.relisted) invalidateFact(LISTED_ACHIEVEMENTS);
  return result;
}
