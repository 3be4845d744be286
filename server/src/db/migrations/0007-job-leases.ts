/* Frozen: never edit a migration that has shipped; add a new one. */
import type { Kysely } from 'kysely';
import type { Engine } from '../dialect.ts';

/**
 * Background jobs claimed from the table by any app node (issue 11): the caller a job runs as (JSON principal and
 * actor, as they were when it was enqueued), the node holding it (`claimed_by`), until when it holds it
 * (`lease_until`, renewed while the job runs; an expired lease means the node died and the job is queued again), and
 * how many times it was claimed (`attempts`, bounded). The index on (status, id) serves the claim (oldest queued) and
 * the sweep of expired leases (running ones).
 */
export async function up(db: Kysely<unknown>, _engine: Engine): Promise<void> {
  await db.schema.alterTable('job').addColumn('caller', 'text').execute();
  await db.schema.alterTable('job').addColumn('claimed_by', 'varchar(100)').execute();
  await db.schema.alterTable('job').addColumn('lease_until', 'varchar(32)').execute();
  await db.schema
    .alterTable('job')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('job_status_idx').on('job').columns(['status', 'id']).execute();
}
