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
}

export interface UserRoleTable {
  user_id: number;
  role_code: string;
  /** Root of the division subtree this role applies to. */
  division_code: string;
  granted_by: number | null;
  granted_at: string;
}
