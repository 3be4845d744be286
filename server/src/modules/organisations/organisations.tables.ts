import type { Generated } from 'kysely';

export type OrganisationType = 'government' | 'responsibility_unit' | 'enterprise' | 'institution' | 'social';
export type OrganisationStatus = 'pending' | 'active' | 'rejected' | 'disabled';

export interface OrganisationTable {
  id: Generated<number>;
  name: string;
  type: OrganisationType;
  /** 统一社会信用代码 (GB 32100); required for enterprises and institutions. */
  uscc: string | null;
  division_code: string;
  status: OrganisationStatus;
  is_demo: number;
  created_at: string;
  updated_at: string;
}

declare module '../../db/database.ts' {
  interface Database {
    organisation: OrganisationTable;
  }
}
