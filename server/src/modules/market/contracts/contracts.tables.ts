/** Table types of 技术合同 and 转化项目, declared into Kysely's Database by declaration merging. */
import type { Generated } from 'kysely';
import type {
  AgencyCode,
  ContractType,
  ProjectStage,
  TaxReviewState,
  TechField,
} from '../../../../../contracts/market-contracts.ts';

export type ContractSource = 'manual' | 'import' | 'demo';

/** A registered technology contract (技术合同认定登记). Amounts in 万元; dates YYYY-MM-DD. */
export interface MktTechContractTable {
  id: Generated<number>;
  registration_no: string;
  agency_code: AgencyCode;
  title: string;
  type: ContractType;
  field: TechField;
  seller_uscc: string;
  seller_name: string;
  seller_division_code: string;
  buyer_uscc: string;
  buyer_name: string;
  buyer_division_code: string;
  /** The registering division: the seller's county when inside the region, else the buyer's (write scope). */
  home_division_code: string;
  contract_value: number;
  turnover: number;
  signed_on: string;
  applied_on: string | null;
  registered_on: string;
  /** Year of registered_on (the statistics year). */
  year: number;
  registration_days: number;
  is_overdue: number;
  tax_review: TaxReviewState;
  deal_id: number | null;
  note: string;
  source: ContractSource;
  is_demo: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** A transfer project (转化项目) followed by a transfer service centre (an organisation). */
export interface MktTransferProjectTable {
  id: Generated<number>;
  centre_org_id: number;
  centre_name: string;
  /** The market's achievement id when selected from the market (no foreign key: another part's table). */
  achievement_id: number | null;
  achievement_title: string;
  title: string;
  industry: string;
  division_code: string;
  stage: ProjectStage;
  started_on: string;
  investment: number;
  output_value: number;
  jobs: number;
  note: string;
  is_demo: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface MktTransferMilestoneTable {
  id: Generated<number>;
  project_id: number;
  stage: ProjectStage;
  title: string;
  planned_on: string;
  done_on: string | null;
  evidence: string;
  created_at: string;
  updated_at: string;
}

export interface MktTransferStageEventTable {
  id: Generated<number>;
  project_id: number;
  from_stage: ProjectStage | null;
  to_stage: ProjectStage;
  note: string;
  actor_id: number | null;
  at: string;
}

declare module '../../../db/database.ts' {
  interface Database {
    mkt_tech_contract: MktTechContractTable;
    mkt_transfer_project: MktTransferProjectTable;
    mkt_transfer_milestone: MktTransferMilestoneTable;
    mkt_transfer_stage_event: MktTransferStageEventTable;
  }
}
