/* Frozen: never edit a migration that has shipped; add a new one. */
import { sql, type Kysely } from 'kysely';
import { autoIdColumn, autoIdType, type Engine } from '../dialect.ts';

/**
 * Security findings of the acceptance probe (issue 9):
 * - `app_user.totp_last_step`: the last accepted TOTP time-step, so a code is never accepted twice;
 * - `app_user.password_set_by`: who set the current password when it was not the holder (an administrator's create or
 *   reset); null once the holder has chosen their own. Admin roles are never granted to such an account;
 * - `password_reset_ticket`: one-time reset links delivered to the account holder (the resetter never sees them);
 * - `role_grant_request`: admin-role grants and revocations waiting for a second administrator (two-person rule);
 * - `role_history`: every grant and revocation with its times, for the cooling-off rule on admin roles;
 * - `auth_throttle`: failure counters per (account, client) and per account (slow-down), replacing per-username locks.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema.alterTable('app_user').addColumn('totp_last_step', 'integer').execute();
  await db.schema.alterTable('app_user').addColumn('password_set_by', 'integer').execute();

  await db.schema
    .createTable('password_reset_ticket')
    .addColumn('id', autoIdType(engine), autoIdColumn(engine))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    /** SHA-256 of the one-time token; the token itself only travels to the holder. */
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('requested_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('channel', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('used_at', 'varchar(32)')
    .execute();
  await db.schema
    .createIndex('password_reset_ticket_user_idx')
    .on('password_reset_ticket')
    .columns(['user_id', 'id'])
    .execute();

  await db.schema
    .createTable('role_grant_request')
    .addColumn('id', autoIdType(engine), autoIdColumn(engine))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    /** 'grant' or 'revoke'. */
    .addColumn('op', 'varchar(16)', (c) => c.notNull())
    .addColumn('role_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('division_code', 'varchar(12)', (c) => c.notNull())
    .addColumn('requested_by', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('requested_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('reason', 'varchar(500)')
    /** pending | approved | rejected | cancelled | expired */
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('decided_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('decided_at', 'varchar(32)')
    .addColumn('decision_note', 'varchar(500)')
    .execute();
  await db.schema
    .createIndex('role_grant_request_status_idx')
    .on('role_grant_request')
    .columns(['status', 'id'])
    .execute();

  await db.schema
    .createTable('role_history')
    .addColumn('id', autoIdType(engine), autoIdColumn(engine))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('role_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('division_code', 'varchar(12)', (c) => c.notNull())
    .addColumn('granted_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('granted_by', 'integer')
    .addColumn('revoked_at', 'varchar(32)')
    .addColumn('revoked_by', 'integer')
    .execute();
  await sql`insert into role_history (user_id, role_code, division_code, granted_at, granted_by)
    select user_id, role_code, division_code, granted_at, granted_by from user_role`.execute(db);
  await db.schema.createIndex('role_history_user_idx').on('role_history').columns(['user_id', 'revoked_at']).execute();

  await db.schema
    .createTable('auth_throttle')
    /** `acct:<username>` (per account) or `pair:<sha256(username|client)>` (per account and client). */
    .addColumn('key', 'varchar(160)', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('first_failure_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('locked_until', 'varchar(32)')
    /** Slow-down: no check for this key before this time. */
    .addColumn('next_allowed_at', 'varchar(32)')
    .execute();
}
