/** Table types of the trace catalogue (operators, sites, products, input products, batches, animals, scan log). */
import type { Generated } from 'kysely';

export const OPERATOR_KINDS = [
  'enterprise',
  'cooperative',
  'family_farm',
  'large_grower',
  'slaughterhouse',
  'purchaser',
] as const;
export type OperatorKind = (typeof OPERATOR_KINDS)[number];
export const SITE_KINDS = ['field', 'pasture', 'barn', 'warehouse', 'plant', 'market'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];
export const INPUT_KINDS = ['feed', 'pesticide', 'vet_drug', 'fertiliser', 'seed'] as const;
export type InputKind = (typeof INPUT_KINDS)[number];
export const BATCH_STATUSES = ['active', 'shipped', 'recalled', 'closed'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/** 经营主体: identified by USCC, or for an individual by a masked ID number (the full number is never stored). */
export interface TraceOperatorTable {
  id: Generated<number>;
  name: string;
  kind: OperatorKind;
  uscc: string | null;
  masked_id: string | null;
  division_code: string;
  /** JSON array of GS1 company prefixes. */
  gs1_prefixes: string;
  gln: string | null;
  org_id: number | null;
  contact: string;
  is_demo: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

/** The accounts that act for an operator. */
export interface TraceOperatorUserTable {
  operator_id: number;
  user_id: number;
}

export interface TraceSiteTable {
  id: Generated<number>;
  operator_id: number;
  name: string;
  kind: SiteKind;
  lat: number | null;
  lon: number | null;
  division_code: string;
  is_demo: number;
  created_at: string;
}

export interface TraceProductTable {
  id: Generated<number>;
  operator_id: number;
  name: string;
  category: string;
  gtin: string | null;
  unit: string;
  description: string;
  division_code: string;
  is_demo: number;
  created_at: string;
}

export interface TraceInputProductTable {
  id: Generated<number>;
  operator_id: number;
  name: string;
  kind: InputKind;
  registration_no: string;
  withdrawal_days: number;
  manufacturer: string;
  division_code: string;
  is_demo: number;
  created_at: string;
}

export interface TraceBatchTable {
  id: Generated<number>;
  operator_id: number;
  product_id: number;
  site_id: number | null;
  quantity: number;
  unit: string;
  produced_on: string;
  trace_code: string;
  gtin: string | null;
  lot: string | null;
  national_trace_code: string | null;
  status: BatchStatus;
  status_reason: string;
  division_code: string;
  is_demo: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface TraceAnimalTable {
  id: Generated<number>;
  operator_id: number;
  ear_tag: string;
  species: string;
  batch_id: number | null;
  division_code: string;
  is_demo: number;
  created_at: string;
}

/** A consumer scan of a trace code: the IP only as an HMAC with the server secret. */
export interface TraceScanTable {
  id: Generated<number>;
  batch_id: number;
  scanned_at: string;
  ip_hash: string;
  lat: number | null;
  lon: number | null;
  is_anomaly: number;
  anomaly_reason: string;
}

declare module '../../../db/database.ts' {
  interface Database {
    trace_operator: TraceOperatorTable;
    trace_operator_user: TraceOperatorUserTable;
    trace_site: TraceSiteTable;
    trace_product: TraceProductTable;
    trace_input_product: TraceInputProductTable;
    trace_batch: TraceBatchTable;
    trace_animal: TraceAnimalTable;
    trace_scan: TraceScanTable;
  }
}
