/** mkt_deal rows -> API shapes. */
import type { z } from 'zod';
import { DEAL_STEPS, DECLINE_REASONS, type Deal, type ZDealItem } from '../../../../../contracts/market-deals.ts';
import type { dealParts, DealRow } from './deals.repository.ts';
import type { DealSide } from './deals.tables.ts';

export function sideOf(row: Pick<DealRow, 'buyer_user_id' | 'seller_user_id'>, userId: number): DealSide | null {
  if (row.buyer_user_id === userId) return 'buyer';
  if (row.seller_user_id === userId) return 'seller';
  return null;
}

export function presentDealItem(row: DealRow, userId: number): z.infer<typeof ZDealItem> {
  return {
    id: row.id,
    status: row.status,
    achievementId: row.achievement_id,
    achievementTitle: row.achievement_title,
    demandId: row.demand_id,
    buyer: { userId: row.buyer_user_id, name: row.buyer_name, orgName: row.buyer_org_name ?? null },
    seller: { userId: row.seller_user_id, name: row.seller_name, orgName: row.seller_org_name ?? null },
    myRole: sideOf(row, userId),
    divisionCode: row.seller_division_code,
    buyerDivisionCode: row.buyer_division_code,
    agreedAmount: row.agreed_amount === null ? null : Number(row.agreed_amount),
    agreedMode: row.agreed_mode,
    contractId: row.contract_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function presentDeal(
  row: DealRow,
  userId: number,
  parts: Awaited<ReturnType<typeof dealParts>>,
  ndaStatus: Deal['ndaStatus'],
): Deal {
  return {
    ...presentDealItem(row, userId),
    ndaStatus,
    messages: parts.messages.map((m) => ({
      id: m.id,
      authorRole: m.author_side,
      body: m.body,
      createdAt: m.created_at,
    })),
    offers: parts.offers.map((o) => ({
      id: o.id,
      fromRole: o.from_side,
      amount: Number(o.amount),
      transferMode: o.transfer_mode,
      terms: o.terms,
      status: o.status,
      createdAt: o.created_at,
    })),
    steps: parts.steps.map((s) => ({
      code: s.code,
      name: DEAL_STEPS[s.code] ?? s.code,
      buyerApprovedAt: s.buyer_approved_at,
      sellerApprovedAt: s.seller_approved_at,
    })),
    decline:
      row.status === 'declined' && row.declined_by
        ? {
            byRole: row.declined_by,
            reason: row.decline_reason ?? 'other',
            reasonName: DECLINE_REASONS[(row.decline_reason ?? 'other') as keyof typeof DECLINE_REASONS] ?? '其他',
            note: row.decline_note,
          }
        : null,
    events: parts.events.map((e) => ({ action: e.action, actorRole: e.actor_side, note: e.note, at: e.at })),
  };
}
