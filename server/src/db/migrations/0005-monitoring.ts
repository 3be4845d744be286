/* Frozen: never edit a migration that has shipped; add a new one. */
import type { Kysely } from 'kysely';
import { autoIdColumn, autoIdType, type Engine } from '../dialect.ts';

/**
 * County innovation monitoring (县域创新能力监测和评价): versioned indicator frameworks, values per county x indicator x
 * year with their revisions, the county -> league -> region approval of each county-year, attachments, index runs
 * (results and parameter log as JSON), and background jobs with progress (reports, runs).
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const id = autoIdType(engine);
  const blob = engine === 'postgres' ? 'bytea' : 'blob';

  await db.schema
    .createTable('mon_framework')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('code', 'varchar(64)', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name_zh', 'varchar(200)', (c) => c.notNull())
    .addColumn('name_en', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // draft (editable) | active (collects data; one per code) | retired
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    // 1 = the shipped default, to be replaced by the official list
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    // JSON: cross-indicator validation rules, scoring settings (tiers, standard values policy)
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('activated_at', 'varchar(32)')
    .addUniqueConstraint('mon_framework_code_version_uq', ['code', 'version'])
    .execute();

  await db.schema
    .createTable('mon_node')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('framework_id', 'integer', (c) => c.notNull().references('mon_framework.id').onDelete('cascade'))
    .addColumn('code', 'varchar(64)', (c) => c.notNull())
    .addColumn('parent_code', 'varchar(64)')
    // index | dimension | subdimension | indicator
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('name_zh', 'varchar(300)', (c) => c.notNull())
    .addColumn('name_en', 'varchar(300)', (c) => c.notNull())
    .addColumn('weight', 'double precision', (c) => c.notNull().defaultTo(1))
    // JSON: the indicator's definition (unit, direction, denominator, source, period type, lag, targets by year,
    // goalposts, standard value, binding to a metrics fact, validation range, year-on-year limit, qualitative …)
    .addColumn('spec', 'text', (c) => c.notNull().defaultTo('{}'))
    .addUniqueConstraint('mon_node_framework_code_uq', ['framework_id', 'code'])
    .execute();

  await db.schema
    .createTable('mon_value')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('framework_code', 'varchar(64)', (c) => c.notNull())
    .addColumn('division_code', 'varchar(12)', (c) => c.notNull().references('division.code'))
    .addColumn('indicator_code', 'varchar(64)', (c) => c.notNull())
    .addColumn('period', 'integer', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('text_value', 'text')
    .addColumn('source', 'varchar(300)', (c) => c.notNull().defaultTo(''))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    // comma-separated: estimated, imputed, carried_forward, provisional, outlier
    .addColumn('flags', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('reporter_id', 'integer', (c) => c.references('app_user.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('mon_value_cell_uq', ['framework_code', 'division_code', 'indicator_code', 'period'])
    .execute();
  await db.schema
    .createIndex('mon_value_period_idx')
    .on('mon_value')
    .columns(['framework_code', 'period', 'division_code'])
    .execute();

  await db.schema
    .createTable('mon_value_revision')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('value_id', 'integer', (c) => c.notNull().references('mon_value.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('text_value', 'text')
    .addColumn('source', 'varchar(300)', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('flags', 'varchar(200)', (c) => c.notNull())
    .addColumn('changed_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('changed_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mon_value_revision_value_idx').on('mon_value_revision').columns(['value_id']).execute();

  await db.schema
    .createTable('mon_submission')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('framework_code', 'varchar(64)', (c) => c.notNull())
    .addColumn('division_code', 'varchar(12)', (c) => c.notNull().references('division.code'))
    .addColumn('period', 'integer', (c) => c.notNull())
    // draft | submitted | league_approved | approved (locked) | returned
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('submitted_at', 'varchar(32)')
    .addColumn('approved_at', 'varchar(32)')
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('mon_submission_uq', ['framework_code', 'division_code', 'period'])
    .execute();
  await db.schema
    .createIndex('mon_submission_status_idx')
    .on('mon_submission')
    .columns(['framework_code', 'period', 'status'])
    .execute();

  await db.schema
    .createTable('mon_submission_event')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('submission_id', 'integer', (c) => c.notNull().references('mon_submission.id'))
    // submit | return | approve | unlock
    .addColumn('action', 'varchar(16)', (c) => c.notNull())
    .addColumn('from_status', 'varchar(20)', (c) => c.notNull())
    .addColumn('to_status', 'varchar(20)', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('actor_id', 'integer', (c) => c.references('app_user.id'))
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('mon_submission_event_sub_idx')
    .on('mon_submission_event')
    .columns(['submission_id', 'id'])
    .execute();

  await db.schema
    .createTable('mon_attachment')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('submission_id', 'integer', (c) => c.notNull().references('mon_submission.id'))
    .addColumn('indicator_code', 'varchar(64)')
    .addColumn('file_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('mime', 'varchar(100)', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'varchar(64)', (c) => c.notNull())
    .addColumn('content', blob, (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mon_attachment_sub_idx').on('mon_attachment').columns(['submission_id']).execute();

  await db.schema
    .createTable('mon_run')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('framework_id', 'integer', (c) => c.notNull().references('mon_framework.id'))
    .addColumn('period', 'integer', (c) => c.notNull())
    // monitoring (standard-value index) | ranking (cross-section across the 103 banners)
    .addColumn('mode', 'varchar(16)', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    // JSON: the method file, uncertainty spec and options exactly as run
    .addColumn('method', 'text', (c) => c.notNull())
    // queued | running | done | failed
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    // JSON: per county scores, ranks, intervals, tiers, dimension and indicator scores; the parameter log
    .addColumn('result', 'text')
    .addColumn('log', 'text')
    .addColumn('provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('finished_at', 'varchar(32)')
    .addColumn('published_at', 'varchar(32)')
    .addColumn('published_by', 'integer', (c) => c.references('app_user.id'))
    .execute();
  await db.schema.createIndex('mon_run_period_idx').on('mon_run').columns(['framework_id', 'period']).execute();

  await db.schema
    .createTable('job')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('kind', 'varchar(64)', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    // JSON parameters
    .addColumn('params', 'text', (c) => c.notNull())
    // queued | running | done | failed
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('message', 'varchar(300)', (c) => c.notNull().defaultTo(''))
    .addColumn('error', 'text')
    .addColumn('file_name', 'varchar(255)')
    .addColumn('mime', 'varchar(100)')
    .addColumn('content', blob)
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('finished_at', 'varchar(32)')
    .execute();
  await db.schema.createIndex('job_user_idx').on('job').columns(['user_id', 'id']).execute();
}
