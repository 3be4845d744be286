/* Frozen once shipped: never edit; add another migration. Listed in the market manifest as `0009-market-contracts`. */
import type { Kysely } from 'kysely';
import { autoIdColumn, autoIdType, type Engine } from '../../../db/dialect.ts';

/**
 * 技术合同 (registered technology contracts, with seller and buyer divisions for county statistics) and 转化项目
 * (transfer projects of a transfer service centre: stage, milestones, stage history). Amounts in 万元.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const id = autoIdType(engine);

  await db.schema
    .createTable('mkt_tech_contract')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('registration_no', 'varchar(40)', (c) => c.notNull().unique())
    .addColumn('agency_code', 'varchar(20)', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    // development | transfer | licence | consulting | service
    .addColumn('type', 'varchar(16)', (c) => c.notNull())
    .addColumn('field', 'varchar(20)', (c) => c.notNull())
    .addColumn('seller_uscc', 'varchar(18)', (c) => c.notNull())
    .addColumn('seller_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('seller_division_code', 'varchar(12)', (c) => c.notNull().references('division.code'))
    .addColumn('buyer_uscc', 'varchar(18)', (c) => c.notNull())
    .addColumn('buyer_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('buyer_division_code', 'varchar(12)', (c) => c.notNull().references('division.code'))
    .addColumn('home_division_code', 'varchar(12)', (c) => c.notNull().references('division.code'))
    .addColumn('contract_value', 'double precision', (c) => c.notNull())
    .addColumn('turnover', 'double precision', (c) => c.notNull())
    .addColumn('signed_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('applied_on', 'varchar(10)')
    .addColumn('registered_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('registration_days', 'integer', (c) => c.notNull())
    .addColumn('is_overdue', 'integer', (c) => c.notNull().defaultTo(0))
    // none | pending | passed | failed (免税复核)
    .addColumn('tax_review', 'varchar(10)', (c) => c.notNull().defaultTo('none'))
    .addColumn('deal_id', 'integer')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    // manual | import | demo
    .addColumn('source', 'varchar(10)', (c) => c.notNull())
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  for (const col of ['seller_division_code', 'buyer_division_code', 'home_division_code'])
    await db.schema
      .createIndex(`mkt_tech_contract_${col.split('_')[0]}_idx`)
      .on('mkt_tech_contract')
      .columns([col, 'year'])
      .execute();

  await db.schema
    .createTable('mkt_transfer_project')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('centre_org_id', 'integer', (c) => c.notNull().references('organisation.id'))
    .addColumn('centre_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('achievement_id', 'integer')
    .addColumn('achievement_title', 'varchar(300)', (c) => c.notNull())
    .addColumn('title', 'varchar(300)', (c) => c.notNull())
    .addColumn('industry', 'varchar(100)', (c) => c.notNull())
    .addColumn('division_code', 'varchar(12)', (c) => c.notNull().references('division.code'))
    // rd | small_trial | pilot | industrial
    .addColumn('stage', 'varchar(16)', (c) => c.notNull())
    .addColumn('started_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('investment', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('output_value', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('jobs', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('mkt_transfer_project_division_idx')
    .on('mkt_transfer_project')
    .columns(['division_code', 'id'])
    .execute();
  await db.schema
    .createIndex('mkt_transfer_project_centre_idx')
    .on('mkt_transfer_project')
    .columns(['centre_org_id', 'stage'])
    .execute();

  await db.schema
    .createTable('mkt_transfer_milestone')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('mkt_transfer_project.id').onDelete('cascade'))
    .addColumn('stage', 'varchar(16)', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('planned_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('done_on', 'varchar(10)')
    .addColumn('evidence', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('mkt_transfer_milestone_project_idx')
    .on('mkt_transfer_milestone')
    .columns(['project_id', 'planned_on'])
    .execute();

  await db.schema
    .createTable('mkt_transfer_stage_event')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('mkt_transfer_project.id').onDelete('cascade'))
    .addColumn('from_stage', 'varchar(16)')
    .addColumn('to_stage', 'varchar(16)', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('actor_id', 'integer', (c) => c.references('app_user.id'))
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('mkt_transfer_stage_event_project_idx')
    .on('mkt_transfer_stage_event')
    .columns(['project_id', 'id'])
    .execute();
}
