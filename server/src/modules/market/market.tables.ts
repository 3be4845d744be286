/**
 * The market's own tables (migration 0008-market, market.migration.ts), declared into Kysely's Database by
 * declaration merging. JSON columns are text (portable); `confidential_detail` is read only by the detail route.
 */
import type { Generated } from 'kysely';

export type AchievementStatus =
  'draft' | 'submitted' | 'review' | 'publicity' | 'listed' | 'negotiating' | 'transferred' | 'withdrawn' | 'rejected';
export type DemandStatus = 'draft' | 'submitted' | 'review' | 'published' | 'closed' | 'withdrawn' | 'rejected';
export type Visibility = 'public' | 'registered' | 'nda' | 'private';

export interface MktAchievementTable {
  id: Generated<number>;
  registration_no: string | null;
  title: string;
  summary: string;
  /** JSON string[] (<= 3). */
  keywords: string;
  domain: string;
  type: string;
  attribute: string;
  form: string;
  stage: string;
  trl: number | null;
  /** JSON: level, research period, funding source, completing units, contributors, owners, IP items. */
  register: string;
  /** JSON: problem, advantage, scenarios, economics (public). */
  public_summary: string;
  confidential_detail: string;
  visibility: Visibility;
  /** JSON string[]. */
  transfer_modes: string;
  pricing_mode: string;
  price: number | null;
  /** JSON: forEntrepreneurs, cost, equipment, training. */
  suitability: string;
  for_entrepreneurs: number;
  status: AchievementStatus;
  status_reason: string;
  publicity_ends_at: string | null;
  division_code: string;
  owner_user_id: number | null;
  org_id: number | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface MktDemandTable {
  id: Generated<number>;
  title: string;
  description: string;
  org_id: number | null;
  contact: string;
  source: string;
  source_ref: string | null;
  desired_outcome: string;
  requirements: string;
  keywords: string;
  domain: string;
  target_stage: string | null;
  target_trl: number | null;
  budget_min: number | null;
  budget_max: number | null;
  cooperation_forms: string;
  is_open_call: number;
  deadline: string | null;
  status: DemandStatus;
  status_reason: string;
  division_code: string;
  owner_user_id: number | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

/** Status history and objections of both record kinds. */
export interface MktEventTable {
  id: Generated<number>;
  record_type: 'achievement' | 'demand';
  record_id: number;
  /** submit, withdraw, start, publicise, list, reject, publish, close, negotiating, transferred, relist, objection. */
  action: string;
  from_status: string | null;
  to_status: string | null;
  comment: string;
  actor_user_id: number | null;
  at: string;
}

export interface MktNdaRequestTable {
  id: Generated<number>;
  achievement_id: number;
  requester_user_id: number;
  message: string;
  status: 'pending' | 'approved' | 'declined';
  decided_by: number | null;
  decided_at: string | null;
  created_at: string;
}

export interface MktDemandSupporterTable {
  demand_id: number;
  user_id: number;
  org_id: number | null;
  note: string;
  created_at: string;
}

export interface MktProposalTable {
  id: Generated<number>;
  demand_id: number;
  user_id: number;
  achievement_id: number | null;
  summary: string;
  created_at: string;
}

export interface MktMatchFeedbackTable {
  id: Generated<number>;
  from_type: 'demand' | 'achievement';
  from_id: number;
  to_id: number;
  user_id: number;
  useful: number;
  reason: string | null;
  comment: string;
  /** The score and explanation shown when the feedback was given (for tuning). */
  score: number | null;
  created_at: string;
}

declare module '../../db/database.ts' {
  interface Database {
    mkt_achievement: MktAchievementTable;
    mkt_demand: MktDemandTable;
    mkt_event: MktEventTable;
    mkt_nda_request: MktNdaRequestTable;
    mkt_demand_supporter: MktDemandSupporterTable;
    mkt_proposal: MktProposalTable;
    mkt_match_feedback: MktMatchFeedbackTable;
  }
}
