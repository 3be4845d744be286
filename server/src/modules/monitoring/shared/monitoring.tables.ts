import type { Generated } from 'kysely';

/** draft (editable) | active (collects data; at most one per code) | retired */
export type FrameworkStatus = 'draft' | 'active' | 'retired';
export type NodeKind = 'index' | 'dimension' | 'subdimension' | 'indicator';
/** draft | submitted (awaits the league) | league_approved (awaits the region) | approved (locked) | returned */
export type SubmissionStatus = 'draft' | 'submitted' | 'league_approved' | 'approved' | 'returned';
export type SubmissionAction = 'submit' | 'return' | 'approve' | 'unlock';
export type RunMode = 'monitoring' | 'ranking';
export type RunStatus = 'queued' | 'running' | 'done' | 'failed';

export interface MonFrameworkTable {
  id: Generated<number>;
  code: string;
  version: number;
  name_zh: string;
  name_en: string;
  description: string;
  status: FrameworkStatus;
  is_default: number;
  /** JSON FrameworkSettings (contracts/monitoring.ts). */
  settings: string;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  activated_at: string | null;
}

export interface MonNodeTable {
  id: Generated<number>;
  framework_id: number;
  code: string;
  parent_code: string | null;
  kind: NodeKind;
  sort_order: number;
  name_zh: string;
  name_en: string;
  weight: number;
  /** JSON IndicatorSpec (contracts/monitoring.ts); '{}' for aggregates. */
  spec: string;
}

export interface MonValueTable {
  id: Generated<number>;
  framework_code: string;
  division_code: string;
  indicator_code: string;
  period: number;
  value: number | null;
  text_value: string | null;
  source: string;
  note: string;
  /** Comma-separated ValueFlag list. */
  flags: string;
  reporter_id: number | null;
  version: number;
  is_demo: number;
  updated_at: string;
}

export interface MonValueRevisionTable {
  id: Generated<number>;
  value_id: number;
  version: number;
  value: number | null;
  text_value: string | null;
  source: string;
  note: string;
  flags: string;
  changed_by: number | null;
  changed_at: string;
}

export interface MonSubmissionTable {
  id: Generated<number>;
  framework_code: string;
  division_code: string;
  period: number;
  status: SubmissionStatus;
  submitted_at: string | null;
  approved_at: string | null;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

export interface MonSubmissionEventTable {
  id: Generated<number>;
  submission_id: number;
  action: SubmissionAction;
  from_status: SubmissionStatus;
  to_status: SubmissionStatus;
  comment: string;
  actor_id: number | null;
  at: string;
}

export interface MonAttachmentTable {
  id: Generated<number>;
  submission_id: number;
  indicator_code: string | null;
  file_name: string;
  mime: string;
  bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: number | null;
  created_at: string;
}

export interface MonRunTable {
  id: Generated<number>;
  framework_id: number;
  period: number;
  mode: RunMode;
  title: string;
  /** JSON: { method, uncertainty, options } exactly as run. */
  method: string;
  status: RunStatus;
  progress: number;
  error: string | null;
  /** JSON RunResult (contracts/monitoring.ts). */
  result: string | null;
  /** JSON: the engine's parameter log. */
  log: string | null;
  provisional: number;
  is_demo: number;
  created_by: number | null;
  created_at: string;
  finished_at: string | null;
  published_at: string | null;
  published_by: number | null;
}

declare module '../../../db/database.ts' {
  interface Database {
    mon_framework: MonFrameworkTable;
    mon_node: MonNodeTable;
    mon_value: MonValueTable;
    mon_value_revision: MonValueRevisionTable;
    mon_submission: MonSubmissionTable;
    mon_submission_event: MonSubmissionEventTable;
    mon_attachment: MonAttachmentTable;
    mon_run: MonRunTable;
  }
}
