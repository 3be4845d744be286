/* Frozen: never edit a migration that has shipped; add a new one. */
import { sql, type Kysely } from 'kysely';
import { appendOnlyTriggerSql, autoIdColumn, autoIdType, type Engine } from '../dialect.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const id = autoIdColumn(engine);
  const idType = autoIdType(engine);

  await db.schema
    .createTable('division')
    .addColumn('code', 'varchar(12)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('level', 'varchar(16)', (c) => c.notNull())
    .addColumn('type', 'varchar(16)', (c) => c.notNull())
    .addColumn('parent_code', 'varchar(12)', (c) => c.references('division.code'))
    .addColumn('depth', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('division_parent_idx').on('division').column('parent_code').execute();

  await db.schema
    .createTable('division_closure')
    .addColumn('ancestor_code', 'varchar(12)', (c) => c.notNull().references('division.code'))
    .addColumn('descendant_code', 'varchar(12)', (c) => c.notNull().references('division.code'))
    .addColumn('distance', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('division_closure_pk', ['ancestor_code', 'descendant_code'])
    .execute();
  await db.schema.createIndex('division_closure_desc_idx').on('division_closure').column('descendant_code').execute();

  await db.schema
    .createTable('county_attribute')
    .addColumn('id', idType, id)
    .addColumn('division_code', 'varchar(12)', (c) => c.notNull().references('division.code'))
    .addColumn('attribute', 'varchar(64)', (c) => c.notNull())
    .addColumn('value_text', 'varchar(200)')
    .addColumn('value_number', 'double precision')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('county_attribute_uq', ['division_code', 'attribute', 'year'])
    .execute();

  await db.schema
    .createTable('division_code_history')
    .addColumn('id', idType, id)
    .addColumn('old_code', 'varchar(12)')
    .addColumn('old_name', 'varchar(100)')
    .addColumn('new_code', 'varchar(12)')
    .addColumn('new_name', 'varchar(100)')
    .addColumn('change_type', 'varchar(16)', (c) => c.notNull())
    .addColumn('effective_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('share', 'double precision')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();

  await db.schema
    .createTable('organisation')
    .addColumn('id', idType, id)
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('type', 'varchar(32)', (c) => c.notNull())
    .addColumn('uscc', 'varchar(18)', (c) => c.unique())
    .addColumn('division_code', 'varchar(12)', (c) => c.notNull().references('division.code'))
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('organisation_division_idx')
    .on('organisation')
    .columns(['division_code', 'id'])
    .execute();

  await db.schema
    .createTable('app_user')
    .addColumn('id', idType, id)
    .addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('display_name', 'varchar(100)', (c) => c.notNull())
    .addColumn('password_hash', 'varchar(200)', (c) => c.notNull())
    .addColumn('phone_enc', 'text')
    .addColumn('phone_hmac', 'varchar(64)', (c) => c.unique())
    .addColumn('id_number_enc', 'text')
    .addColumn('division_code', 'varchar(12)', (c) => c.notNull().references('division.code'))
    .addColumn('org_id', 'integer', (c) => c.references('organisation.id'))
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('requested_role', 'varchar(32)')
    .addColumn('totp_secret_enc', 'text')
    .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locale', 'varchar(8)', (c) => c.notNull().defaultTo('zh-CN'))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('password_changed_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('app_user_division_idx').on('app_user').columns(['division_code', 'id']).execute();

  await db.schema
    .createTable('user_role')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('role_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('division_code', 'varchar(12)', (c) => c.notNull().references('division.code'))
    .addColumn('granted_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('granted_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_role_pk', ['user_id', 'role_code', 'division_code'])
    .execute();

  await db.schema
    .createTable('session')
    .addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('last_seen_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('idle_timeout_s', 'integer', (c) => c.notNull())
    .addColumn('mfa_pending', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('ip', 'varchar(64)', (c) => c.notNull())
    .addColumn('user_agent', 'varchar(300)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_user_idx').on('session').column('user_id').execute();

  await db.schema
    .createTable('login_throttle')
    .addColumn('username_key', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('first_failure_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('locked_until', 'varchar(32)')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', idType, id)
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer')
    .addColumn('actor_username', 'varchar(64)')
    .addColumn('action', 'varchar(64)', (c) => c.notNull())
    .addColumn('target_type', 'varchar(32)')
    .addColumn('target_id', 'varchar(64)')
    .addColumn('division_code', 'varchar(12)')
    .addColumn('result', 'varchar(16)', (c) => c.notNull())
    .addColumn('ip', 'varchar(64)')
    .addColumn('details', 'text')
    .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
  await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_user_id', 'seq']).execute();
  for (const stmt of appendOnlyTriggerSql(engine, 'audit_log')) await stmt.execute(db);
  await sql`select 1`.execute(db);
}
