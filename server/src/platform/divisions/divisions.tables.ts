import type { Generated } from 'kysely';

export type DivisionLevel = 'province' | 'prefecture' | 'county';

export interface DivisionTable {
  code: string;
  name: string;
  level: DivisionLevel;
  /** 省, 自治区, 直辖市, 盟, 地级市, 自治州, 地区, 旗, 自治旗, 县, 自治县, 县级市, 市辖区, 林区, 特区 … */
  type: string;
  parent_code: string | null;
  depth: number;
}

/** Transitive closure of the division tree (each node is its own ancestor at distance 0). */
export interface DivisionClosureTable {
  ancestor_code: string;
  descendant_code: string;
  distance: number;
}

export interface CountyAttributeTable {
  id: Generated<number>;
  division_code: string;
  attribute: string;
  value_text: string | null;
  value_number: number | null;
  year: number;
  source: string;
  updated_at: string;
}

export interface DivisionCodeHistoryTable {
  id: Generated<number>;
  old_code: string | null;
  old_name: string | null;
  new_code: string | null;
  new_name: string | null;
  change_type: string;
  effective_date: string;
  /** Share of the old unit carried to the new one (splits); 1 for renames and recodes. */
  share: number | null;
  source: string;
  note: string | null;
}

declare module '../../db/database.ts' {
  interface Database {
    division: DivisionTable;
    division_closure: DivisionClosureTable;
    county_attribute: CountyAttributeTable;
    division_code_history: DivisionCodeHistoryTable;
  }
}
