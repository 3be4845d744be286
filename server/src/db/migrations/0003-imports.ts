/* Frozen: never edit a migration that has shipped; add a new one. */
import type { Kysely } from 'kysely';
import { autoIdColumn, autoIdType, type Engine } from '../dialect.ts';

/** Pending spreadsheet imports: the row-level report and the validated rows (encrypted) until commit or expiry. */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('import_job')
    .addColumn('id', autoIdType(engine), autoIdColumn(engine))
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('division_code', 'varchar(12)', (c) => c.notNull().references('division.code'))
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('file_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('file_bytes', 'integer', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('report', 'text')
    .addColumn('rows_enc', 'text')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('committed_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('import_job_user_idx').on('import_job').columns(['user_id', 'id']).execute();
}
