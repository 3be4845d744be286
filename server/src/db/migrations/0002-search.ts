/* Frozen: never edit a migration that has shipped; add a new one. */
import type { Kysely } from 'kysely';
import { autoIdColumn, autoIdType, searchIndexDdl, type Engine } from '../dialect.ts';

export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('search_document')
    .addColumn('id', autoIdType(engine), autoIdColumn(engine))
    .addColumn('source_type', 'varchar(32)', (c) => c.notNull())
    .addColumn('source_id', 'integer', (c) => c.notNull())
    .addColumn('division_code', 'varchar(12)', (c) => c.notNull().references('division.code'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('title_segmented', 'text', (c) => c.notNull())
    .addColumn('body_segmented', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('search_document_source_uq', ['source_type', 'source_id'])
    .execute();
  await db.schema
    .createIndex('search_document_division_idx')
    .on('search_document')
    .columns(['division_code', 'source_type'])
    .execute();
  for (const stmt of searchIndexDdl(engine)) await stmt.execute(db);
}
