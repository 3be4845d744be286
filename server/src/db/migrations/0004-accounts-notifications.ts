/* Frozen: never edit a migration that has shipped; add a new one. */
import { sql, type Kysely } from 'kysely';
import { autoIdColumn, autoIdType, type Engine } from '../dialect.ts';

/**
 * Web console needs: a forced password change after an administrator's reset, and in-app notifications.
 * `app_user.locale` already exists (0001, default 'zh-CN'); values outside the two supported ones are normalised here
 * so the contract's enum holds for every stored row.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .alterTable('app_user')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update app_user set locale = 'zh-CN' where locale not in ('zh-CN', 'en-US')`.execute(db);

  await db.schema
    .createTable('notification')
    .addColumn('id', autoIdType(engine), autoIdColumn(engine))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('kind', 'varchar(64)', (c) => c.notNull())
    .addColumn('title_zh', 'varchar(200)', (c) => c.notNull())
    .addColumn('title_en', 'varchar(200)', (c) => c.notNull())
    .addColumn('body_zh', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('link', 'varchar(500)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('read_at', 'varchar(32)')
    .execute();
  // Unread counts and the unread filter; the list itself pages by (user_id, id).
  await db.schema
    .createIndex('notification_user_read_idx')
    .on('notification')
    .columns(['user_id', 'read_at'])
    .execute();
  await db.schema.createIndex('notification_user_id_idx').on('notification').columns(['user_id', 'id']).execute();
}
