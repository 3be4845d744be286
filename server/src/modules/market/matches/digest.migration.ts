/* Frozen once shipped: never edit; add another migration. Listed in the market manifest as `0014-market-digest`. */
import type { Kysely } from 'kysely';

/**
 * 0014-market-digest: the daily match digest — one row per day it ran (a second run of the same day does nothing) and
 * one row per suggestion already sent (record -> suggested record), so a digest lists only what is new.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('mkt_match_digest_run')
    .addColumn('digest_date', 'varchar(10)', (c) => c.primaryKey())
    .addColumn('ran_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('recipients', 'integer', (c) => c.notNull())
    .addColumn('suggestions', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('mkt_match_digest_item')
    .addColumn('from_type', 'varchar(16)', (c) => c.notNull())
    .addColumn('from_id', 'integer', (c) => c.notNull())
    .addColumn('to_id', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('digest_date', 'varchar(10)', (c) => c.notNull())
    .addPrimaryKeyConstraint('mkt_match_digest_item_pk', ['from_type', 'from_id', 'to_id'])
    .execute();
}
