/* Frozen once shipped: never edit; add a new migration to the manifest. Imports no app code but the dialect. */
import type { Kysely } from 'kysely';
import { autoIdColumn, autoIdType, type Engine } from '../../db/dialect.ts';

/**
 * 0008-market: achievements (科技成果登记 fields, public summary and confidential detail kept apart), demands, the
 * status history and objections of both, NDA requests, demand supporters, 揭榜挂帅 proposals and match feedback.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const id = autoIdType(engine);
  const money = 'double precision';

  await db.schema
    .createTable('mkt_achievement')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('registration_no', 'varchar(12)')
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('keywords', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('domain', 'varchar(32)', (c) => c.notNull())
    .addColumn('type', 'varchar(16)', (c) => c.notNull())
    .addColumn('attribute', 'varchar(16)', (c) => c.notNull())
    .addColumn('form', 'varchar(16)', (c) => c.notNull())
    .addColumn('stage', 'varchar(16)', (c) => c.notNull())
    .addColumn('trl', 'integer')
    .addColumn('register', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('public_summary', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('confidential_detail', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('visibility', 'varchar(16)', (c) => c.notNull())
    .addColumn('transfer_modes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('pricing_mode', 'varchar(16)', (c) => c.notNull())
    .addColumn('price', money)
    .addColumn('suitability', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('for_entrepreneurs', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('status_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('publicity_ends_at', 'varchar(32)')
    .addColumn('division_code', 'varchar(12)', (c) => c.notNull().references('division.code'))
    .addColumn('owner_user_id', 'integer', (c) => c.references('app_user.id'))
    .addColumn('org_id', 'integer', (c) => c.references('organisation.id'))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('mkt_achievement_status_idx')
    .on('mkt_achievement')
    .columns(['status', 'division_code'])
    .execute();
  await db.schema.createIndex('mkt_achievement_owner_idx').on('mkt_achievement').column('owner_user_id').execute();
  await db.schema.createIndex('mkt_achievement_division_idx').on('mkt_achievement').column('division_code').execute();

  await db.schema
    .createTable('mkt_demand')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('org_id', 'integer', (c) => c.references('organisation.id'))
    .addColumn('contact', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    // self | survey | hotline (12396) | township
    .addColumn('source', 'varchar(16)', (c) => c.notNull())
    .addColumn('source_ref', 'varchar(100)')
    .addColumn('desired_outcome', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('requirements', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('keywords', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('domain', 'varchar(32)', (c) => c.notNull())
    .addColumn('target_stage', 'varchar(16)')
    .addColumn('target_trl', 'integer')
    .addColumn('budget_min', money)
    .addColumn('budget_max', money)
    .addColumn('cooperation_forms', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('is_open_call', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deadline', 'varchar(10)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('status_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('division_code', 'varchar(12)', (c) => c.notNull().references('division.code'))
    .addColumn('owner_user_id', 'integer', (c) => c.references('app_user.id'))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mkt_demand_status_idx').on('mkt_demand').columns(['status', 'division_code']).execute();
  await db.schema.createIndex('mkt_demand_owner_idx').on('mkt_demand').column('owner_user_id').execute();
  await db.schema.createIndex('mkt_demand_division_idx').on('mkt_demand').column('division_code').execute();

  await db.schema
    .createTable('mkt_event')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('record_type', 'varchar(16)', (c) => c.notNull())
    .addColumn('record_id', 'integer', (c) => c.notNull())
    .addColumn('action', 'varchar(32)', (c) => c.notNull())
    .addColumn('from_status', 'varchar(16)')
    .addColumn('to_status', 'varchar(16)')
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('actor_user_id', 'integer', (c) => c.references('app_user.id'))
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mkt_event_record_idx').on('mkt_event').columns(['record_type', 'record_id']).execute();

  await db.schema
    .createTable('mkt_nda_request')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('achievement_id', 'integer', (c) => c.notNull().references('mkt_achievement.id').onDelete('cascade'))
    .addColumn('requester_user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('decided_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('decided_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('mkt_nda_request_uq', ['achievement_id', 'requester_user_id'])
    .execute();
  await db.schema
    .createIndex('mkt_nda_request_requester_idx')
    .on('mkt_nda_request')
    .column('requester_user_id')
    .execute();

  await db.schema
    .createTable('mkt_demand_supporter')
    .addColumn('demand_id', 'integer', (c) => c.notNull().references('mkt_demand.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('org_id', 'integer', (c) => c.references('organisation.id'))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('mkt_demand_supporter_pk', ['demand_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('mkt_proposal')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('demand_id', 'integer', (c) => c.notNull().references('mkt_demand.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('achievement_id', 'integer', (c) => c.references('mkt_achievement.id'))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mkt_proposal_demand_idx').on('mkt_proposal').column('demand_id').execute();

  await db.schema
    .createTable('mkt_match_feedback')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('from_type', 'varchar(16)', (c) => c.notNull())
    .addColumn('from_id', 'integer', (c) => c.notNull())
    .addColumn('to_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('useful', 'integer', (c) => c.notNull())
    .addColumn('reason', 'varchar(32)')
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('score', money)
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}
