/** Tables of the daily match digest (migration 0014-market-digest). */
export interface MktMatchDigestRunTable {
  /** YYYY-MM-DD (the app clock's UTC date unless given). */
  digest_date: string;
  ran_at: string;
  recipients: number;
  suggestions: number;
}

export interface MktMatchDigestItemTable {
  from_type: 'demand' | 'achievement';
  from_id: number;
  to_id: number;
  user_id: number;
  digest_date: string;
}

declare module '../../../db/database.ts' {
  interface Database {
    mkt_match_digest_run: MktMatchDigestRunTable;
    mkt_match_digest_item: MktMatchDigestItemTable;
  }
}
