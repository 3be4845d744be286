import type { Generated } from 'kysely';

export interface SessionTable {
  /** SHA-256 of the session id; the id itself only lives in the cookie. */
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  /** Absolute expiry (created + 12 h). */
  expires_at: string;
  idle_timeout_s: number;
  /** 1 while a second factor is still owed. */
  mfa_pending: number;
  ip: string;
  user_agent: string;
}

/** Failed-login counters keyed by normalised username, known or not, so answers never tell them apart. */
export interface LoginThrottleTable {
  username_key: string;
  failures: number;
  first_failure_at: string;
  locked_until: string | null;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: string;
  actor_user_id: number | null;
  actor_username: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  division_code: string | null;
  result: 'success' | 'failure' | 'denied';
  ip: string | null;
  details: string | null;
  prev_hash: string;
  hash: string;
}

/** Failure counters per (account, client) and per account, with lock and slow-down times (migration 0006). */
export interface AuthThrottleTable {
  key: string;
  failures: number;
  first_failure_at: string;
  locked_until: string | null;
  next_allowed_at: string | null;
}
