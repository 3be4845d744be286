/* Frozen once shipped: never edit; add another migration. Listed in the market manifest as `0010-market-deals`. */
import type { Kysely } from 'kysely';
import { autoIdColumn, autoIdType, type Engine } from '../../../db/dialect.ts';

/**
 * 0010-market-deals: deals (buyer, seller, achievement, optional demand, status, agreed terms, decline feedback, the
 * technology contract it produced), their messages, offers, contract steps approved by both parties and timeline;
 * and requests from the 创业技术库 to the transfer centre's queue.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const id = autoIdType(engine);
  const at = 'varchar(32)';

  await db.schema
    .createTable('mkt_deal')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('achievement_id', 'integer', (c) => c.notNull().references('mkt_achievement.id'))
    .addColumn('demand_id', 'integer', (c) => c.references('mkt_demand.id'))
    .addColumn('buyer_user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('buyer_org_id', 'integer', (c) => c.references('organisation.id'))
    .addColumn('buyer_division_code', 'varchar(12)', (c) => c.notNull().references('division.code'))
    .addColumn('seller_user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('seller_division_code', 'varchar(12)', (c) => c.notNull().references('division.code'))
    // nda | negotiating | contracting | signed | declined
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('agreed_amount', 'double precision')
    .addColumn('agreed_mode', 'varchar(32)')
    .addColumn('declined_by', 'varchar(8)')
    .addColumn('decline_reason', 'varchar(32)')
    .addColumn('decline_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contract_id', 'integer')
    .addColumn('created_at', at, (c) => c.notNull())
    .addColumn('updated_at', at, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mkt_deal_buyer_idx').on('mkt_deal').column('buyer_user_id').execute();
  await db.schema.createIndex('mkt_deal_seller_idx').on('mkt_deal').column('seller_user_id').execute();
  await db.schema
    .createIndex('mkt_deal_achievement_idx')
    .on('mkt_deal')
    .columns(['achievement_id', 'status'])
    .execute();

  await db.schema
    .createTable('mkt_deal_message')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('deal_id', 'integer', (c) => c.notNull().references('mkt_deal.id').onDelete('cascade'))
    .addColumn('author_side', 'varchar(8)', (c) => c.notNull())
    .addColumn('author_user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', at, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mkt_deal_message_deal_idx').on('mkt_deal_message').column('deal_id').execute();

  await db.schema
    .createTable('mkt_deal_offer')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('deal_id', 'integer', (c) => c.notNull().references('mkt_deal.id').onDelete('cascade'))
    .addColumn('from_side', 'varchar(8)', (c) => c.notNull())
    .addColumn('amount', 'double precision', (c) => c.notNull())
    .addColumn('transfer_mode', 'varchar(32)', (c) => c.notNull())
    .addColumn('terms', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', at, (c) => c.notNull())
    .addColumn('decided_at', at)
    .execute();
  await db.schema.createIndex('mkt_deal_offer_deal_idx').on('mkt_deal_offer').column('deal_id').execute();

  await db.schema
    .createTable('mkt_deal_step')
    .addColumn('deal_id', 'integer', (c) => c.notNull().references('mkt_deal.id').onDelete('cascade'))
    .addColumn('code', 'varchar(16)', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('buyer_approved_at', at)
    .addColumn('seller_approved_at', at)
    .addPrimaryKeyConstraint('mkt_deal_step_pk', ['deal_id', 'code'])
    .execute();

  await db.schema
    .createTable('mkt_deal_event')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('deal_id', 'integer', (c) => c.notNull().references('mkt_deal.id').onDelete('cascade'))
    .addColumn('action', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor_side', 'varchar(8)')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('at', at, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mkt_deal_event_deal_idx').on('mkt_deal_event').column('deal_id').execute();

  await db.schema
    .createTable('mkt_startup_request')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('achievement_id', 'integer', (c) => c.notNull().references('mkt_achievement.id'))
    .addColumn('division_code', 'varchar(12)', (c) => c.notNull().references('division.code'))
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('phone', 'varchar(20)', (c) => c.notNull())
    .addColumn('county_code', 'varchar(12)', (c) => c.notNull().references('division.code'))
    .addColumn('want', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.references('app_user.id'))
    // new | contacted | closed
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('handled_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', at, (c) => c.notNull())
    .addColumn('updated_at', at, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('mkt_startup_request_division_idx')
    .on('mkt_startup_request')
    .columns(['division_code', 'status'])
    .execute();
}
