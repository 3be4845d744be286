/** Table types of the EPCIS 2.0 repository, declared into Kysely's Database by declaration merging. */
import type { Generated } from 'kysely';

export type CaptureErrorBehaviour = 'rollback' | 'proceed';
export type EpcRole = 'epc' | 'child' | 'parent' | 'input' | 'output' | 'quantity';

/** A capture job: one POST /epcis/capture, run synchronously before the 202, with its per-event results. */
export interface TraceEpcisCaptureTable {
  id: string;
  division_code: string;
  created_by: number;
  error_behaviour: CaptureErrorBehaviour;
  success: number;
  event_count: number;
  captured_count: number;
  duplicate_count: number;
  rejected_count: number;
  results: string;
  created_at: string;
  finished_at: string;
}

/** One captured EPCIS event (append-only). */
export interface TraceEpcisEventTable {
  id: Generated<number>;
  event_id: string;
  hash_id: string;
  is_declaration: number;
  event_type: string;
  event_time: string;
  event_time_utc: string;
  event_time_zone_offset: string;
  record_time: string;
  action: string | null;
  biz_step: string | null;
  disposition: string | null;
  biz_location: string | null;
  read_point: string | null;
  division_code: string;
  captured_by: number;
  capture_id: string | null;
  error_declaration_time: string | null;
  error_reason: string | null;
  corrective_event_ids: string | null;
  event_json: string;
  context_json: string | null;
}

/** An identifier an event names, by role. */
export interface TraceEpcisEpcTable {
  event_row_id: number;
  epc: string;
  role: EpcRole;
}

declare module '../../../db/database.ts' {
  interface Database {
    trace_epcis_capture: TraceEpcisCaptureTable;
    trace_epcis_event: TraceEpcisEventTable;
    trace_epcis_epc: TraceEpcisEpcTable;
  }
}
