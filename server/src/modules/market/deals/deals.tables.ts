/** Table types of 交易洽谈 and the 创业技术库 requests (migration 0010-market-deals), by declaration merging. */
import type { Generated } from 'kysely';
import type { DealStatus, DealStepCode, StartupRequestStatus } from '../../../../../contracts/market-deals.ts';

export type DealSide = 'buyer' | 'seller';

export interface MktDealTable {
  id: Generated<number>;
  achievement_id: number;
  demand_id: number | null;
  buyer_user_id: number;
  buyer_org_id: number | null;
  /** The buyer's county (organisation's division, else the user's). */
  buyer_division_code: string;
  seller_user_id: number;
  /** The achievement's division. */
  seller_division_code: string;
  status: DealStatus;
  agreed_amount: number | null;
  agreed_mode: string | null;
  declined_by: DealSide | null;
  decline_reason: string | null;
  decline_note: string;
  contract_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface MktDealMessageTable {
  id: Generated<number>;
  deal_id: number;
  author_side: DealSide;
  author_user_id: number;
  body: string;
  created_at: string;
}

export interface MktDealOfferTable {
  id: Generated<number>;
  deal_id: number;
  from_side: DealSide;
  amount: number;
  transfer_mode: string;
  terms: string;
  status: 'pending' | 'accepted' | 'countered' | 'superseded';
  created_at: string;
  decided_at: string | null;
}

export interface MktDealStepTable {
  deal_id: number;
  code: DealStepCode;
  seq: number;
  buyer_approved_at: string | null;
  seller_approved_at: string | null;
}

export interface MktDealEventTable {
  id: Generated<number>;
  deal_id: number;
  action: string;
  actor_side: DealSide | null;
  note: string;
  at: string;
}

export interface MktStartupRequestTable {
  id: Generated<number>;
  achievement_id: number;
  /** The achievement's division at the time of the request (the queue's scope). */
  division_code: string;
  name: string;
  phone: string;
  county_code: string;
  want: string;
  user_id: number | null;
  status: StartupRequestStatus;
  note: string;
  handled_by: number | null;
  created_at: string;
  updated_at: string;
}

declare module '../../../db/database.ts' {
  interface Database {
    mkt_deal: MktDealTable;
    mkt_deal_message: MktDealMessageTable;
    mkt_deal_offer: MktDealOfferTable;
    mkt_deal_step: MktDealStepTable;
    mkt_deal_event: MktDealEventTable;
    mkt_startup_request: MktStartupRequestTable;
  }
}
