/* Frozen: never edit a migration that has shipped; add a new one. */
import type { Kysely } from 'kysely';
import { autoIdColumn, autoIdType, type Engine } from '../dialect.ts';

/**
 * API tokens of machine clients (API 令牌): only the SHA-256 hash of the secret is stored (`token_hash`, unique, the
 * one indexed lookup of a bearer request) with a short public `prefix` for display. `created_by` is null when the
 * command line made the token; `revoked_by` likewise when it revoked it. The (user_id, id) index serves the owner's
 * list and the administrators' list by account.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('api_token')
    .addColumn('id', autoIdType(engine), autoIdColumn(engine))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('name', 'varchar(60)', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('prefix', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('last_used_at', 'varchar(32)')
    .addColumn('expires_at', 'varchar(32)')
    .addColumn('revoked_at', 'varchar(32)')
    .addColumn('revoked_by', 'integer', (c) => c.references('app_user.id'))
    .execute();
  await db.schema.createIndex('api_token_user_idx').on('api_token').columns(['user_id', 'id']).execute();
}
