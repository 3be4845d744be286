/** Row type of the `api_token` table (migration 0011-api-tokens), merged into the database's table types. */
import type { Generated } from 'kysely';

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  /** SHA-256 (hex) of the whole token; the token itself is shown once and never stored. */
  token_hash: string;
  /** `qx_` and the first 8 characters of the secret, for display. */
  prefix: string;
  created_at: string;
  /** Who made it: the owner in the console, null for the command line. */
  created_by: number | null;
  /** Written at most once a minute per token (TOUCH_INTERVAL_MS in api-tokens.ts). */
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
  revoked_by: number | null;
}

declare module '../../db/database.ts' {
  interface Database {
    api_token: ApiTokenTable;
  }
}
