/* Frozen once shipped: never edit; add another migration. Listed in the trace manifest as `0012-trace-epcis`. */
import type { Kysely } from 'kysely';
import { autoIdColumn, autoIdType, type Engine } from '../../../db/dialect.ts';

/**
 * The EPCIS 2.0 repository: events (append-only: never updated nor deleted; an error declaration is a new row),
 * the identifiers each event names by role (indexed lookups for MATCH_epc / MATCH_anyEPC / MATCH_epcClass), and
 * capture jobs with their per-event results.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const id = autoIdType(engine);

  await db.schema
    .createTable('trace_epcis_capture')
    .addColumn('id', 'varchar(40)', (c) => c.primaryKey())
    .addColumn('division_code', 'varchar(12)', (c) => c.notNull().references('division.code'))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('app_user.id'))
    // rollback | proceed
    .addColumn('error_behaviour', 'varchar(10)', (c) => c.notNull())
    .addColumn('success', 'integer', (c) => c.notNull())
    .addColumn('event_count', 'integer', (c) => c.notNull())
    .addColumn('captured_count', 'integer', (c) => c.notNull())
    .addColumn('duplicate_count', 'integer', (c) => c.notNull())
    .addColumn('rejected_count', 'integer', (c) => c.notNull())
    // JSON: [{ index, eventID, status: captured|duplicate|rejected|rolled_back, error? }]
    .addColumn('results', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('finished_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('trace_epcis_capture_division_idx')
    .on('trace_epcis_capture')
    .columns(['division_code', 'created_at'])
    .execute();

  await db.schema
    .createTable('trace_epcis_event')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('event_id', 'varchar(500)', (c) => c.notNull())
    .addColumn('hash_id', 'varchar(120)', (c) => c.notNull())
    // 1 for an error declaration (a copy of an earlier event with errorDeclaration), else 0
    .addColumn('is_declaration', 'integer', (c) => c.notNull())
    .addColumn('event_type', 'varchar(24)', (c) => c.notNull())
    .addColumn('event_time', 'varchar(40)', (c) => c.notNull())
    // event_time in UTC, fixed width (YYYY-MM-DDTHH:MM:SS.mmmZ): ordering and GE/LT filters
    .addColumn('event_time_utc', 'varchar(24)', (c) => c.notNull())
    .addColumn('event_time_zone_offset', 'varchar(6)', (c) => c.notNull())
    .addColumn('record_time', 'varchar(24)', (c) => c.notNull())
    .addColumn('action', 'varchar(8)')
    .addColumn('biz_step', 'varchar(300)')
    .addColumn('disposition', 'varchar(300)')
    .addColumn('biz_location', 'varchar(500)')
    .addColumn('read_point', 'varchar(500)')
    .addColumn('division_code', 'varchar(12)', (c) => c.notNull().references('division.code'))
    .addColumn('captured_by', 'integer', (c) => c.notNull().references('app_user.id'))
    .addColumn('capture_id', 'varchar(40)', (c) => c.references('trace_epcis_capture.id'))
    .addColumn('error_declaration_time', 'varchar(40)')
    .addColumn('error_reason', 'varchar(300)')
    // JSON array of eventIDs (errorDeclaration.correctiveEventIDs)
    .addColumn('corrective_event_ids', 'text')
    // The event as captured (EPCIS 2.0 JSON-LD, eventID and recordTime set), without the document's @context
    .addColumn('event_json', 'text', (c) => c.notNull())
    // The document's @context when it named more than the standard context (user extensions), else null
    .addColumn('context_json', 'text')
    .execute();
  await db.schema
    .createIndex('trace_epcis_event_id_uq')
    .on('trace_epcis_event')
    .columns(['event_id', 'is_declaration'])
    .unique()
    .execute();
  await db.schema
    .createIndex('trace_epcis_event_hash_uq')
    .on('trace_epcis_event')
    .columns(['hash_id', 'is_declaration'])
    .unique()
    .execute();
  await db.schema
    .createIndex('trace_epcis_event_time_idx')
    .on('trace_epcis_event')
    .columns(['event_time_utc', 'id'])
    .execute();
  await db.schema
    .createIndex('trace_epcis_event_division_idx')
    .on('trace_epcis_event')
    .columns(['division_code', 'id'])
    .execute();
  await db.schema.createIndex('trace_epcis_event_step_idx').on('trace_epcis_event').columns(['biz_step']).execute();
  await db.schema
    .createIndex('trace_epcis_event_location_idx')
    .on('trace_epcis_event')
    .columns(['biz_location'])
    .execute();

  await db.schema
    .createTable('trace_epcis_epc')
    .addColumn('event_row_id', 'integer', (c) => c.notNull().references('trace_epcis_event.id'))
    .addColumn('epc', 'varchar(500)', (c) => c.notNull())
    // epc | child | parent | input | output | quantity (class, in quantityList/childQuantityList/input/output)
    .addColumn('role', 'varchar(10)', (c) => c.notNull())
    .addPrimaryKeyConstraint('trace_epcis_epc_pk', ['event_row_id', 'role', 'epc'])
    .execute();
  await db.schema
    .createIndex('trace_epcis_epc_lookup_idx')
    .on('trace_epcis_epc')
    .columns(['epc', 'role', 'event_row_id'])
    .execute();
}
