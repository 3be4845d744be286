import type { Generated } from 'kysely';

export type UserStatus = 'pending' | 'active' | 'disabled' | 'rejected';

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  /** AES-256-GCM ciphertext of the phone number, or null. */
  phone_enc: string | null;
  /** HMAC of the normalised phone number, for uniqueness and lookup without decrypting. */
  phone_hmac: string | null;
  id_number_enc: string | null;
  division_code: string;
  org_id: number | null;
  status: UserStatus;
  /** Role asked for at self-registration, granted on approval. */
  requested_role: string | null;
  totp_secret_enc: string | null;
  totp_enabled: number;
  /** 'zh-CN' (default) or 'en-US'. */
  locale: string;
  /** 1 after an administrator's reset: only the password change (and the session view) is allowed until done. */
  must_change_password: Generated<number>;
  is_demo: number;
  created_at: string;
  updated_at: string;
  password_changed_at: string;
  /** Last accepted TOTP time-step (RFC 6238 counter); a code at or before it is refused (migration 0006). */
  totp_last_step: number | null;
  /** Who set the current password when it was not the holder (create, reset); null once the holder chose it. */
  password_set_by: number | null;
}

export interface UserRoleTable {
  user_id: number;
  role_code: string;
  /** Root of the division subtree this role applies to. */
  division_code: string;
  granted_by: number | null;
  granted_at: string;
}

/** One-time password-reset links, delivered to the holder only (migration 0006). */
export interface PasswordResetTicketTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  requested_by: number | null;
  channel: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export type RoleGrantRequestStatus = 'pending' | 'approved' | 'rejected' | 'cancelled' | 'expired';

/** Admin-role grants and revocations waiting for a second administrator (two-person rule). */
export interface RoleGrantRequestTable {
  id: Generated<number>;
  user_id: number;
  op: 'grant' | 'revoke';
  role_code: string;
  division_code: string;
  requested_by: number;
  requested_at: string;
  reason: string | null;
  status: RoleGrantRequestStatus;
  decided_by: number | null;
  decided_at: string | null;
  decision_note: string | null;
}

/** Every role held, with grant and revocation times (cooling-off before an admin role). */
export interface RoleHistoryTable {
  id: Generated<number>;
  user_id: number;
  role_code: string;
  division_code: string;
  granted_at: string;
  granted_by: number | null;
  revoked_at: string | null;
  revoked_by: number | null;
}

declare module '../../db/database.ts' {
  interface Database {
    app_user: UserTable;
    user_role: UserRoleTable;
    password_reset_ticket: PasswordResetTicketTable;
    role_grant_request: RoleGrantRequestTable;
    role_history: RoleHistoryTable;
  }
}
