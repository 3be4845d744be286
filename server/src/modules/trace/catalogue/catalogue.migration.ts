/* Frozen once shipped: never edit; add a new migration to the manifest. Imports no app code but the dialect. */
import type { Kysely } from 'kysely';
import { autoIdColumn, autoIdType, type Engine } from '../../../db/dialect.ts';

/**
 * 0013-trace-core: operators (经营主体) and the accounts acting for them, sites, products, input products, batches
 * with their platform trace codes, animals by ear tag, and the consumer scan log.
 */
export async function up(db: Kysely<unknown>, engine: Engine): Promise<void> {
  const id = autoIdType(engine);
  const real = 'double precision';

  await db.schema
    .createTable('trace_operator')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('uscc', 'varchar(18)')
    .addColumn('masked_id', 'varchar(18)')
    .addColumn('division_code', 'varchar(12)', (c) => c.notNull().references('division.code'))
    .addColumn('gs1_prefixes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('gln', 'varchar(13)')
    .addColumn('org_id', 'integer', (c) => c.references('organisation.id'))
    .addColumn('contact', 'varchar(100)', (c) => c.notNull().defaultTo(''))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('trace_operator_division_idx').on('trace_operator').column('division_code').execute();
  await db.schema.createIndex('trace_operator_uscc_idx').on('trace_operator').column('uscc').execute();

  await db.schema
    .createTable('trace_operator_user')
    .addColumn('operator_id', 'integer', (c) => c.notNull().references('trace_operator.id'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addPrimaryKeyConstraint('trace_operator_user_pk', ['operator_id', 'user_id'])
    .execute();
  await db.schema.createIndex('trace_operator_user_user_idx').on('trace_operator_user').column('user_id').execute();

  await db.schema
    .createTable('trace_site')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('operator_id', 'integer', (c) => c.notNull().references('trace_operator.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('lat', real)
    .addColumn('lon', real)
    .addColumn('division_code', 'varchar(12)', (c) => c.notNull().references('division.code'))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('trace_site_operator_idx').on('trace_site').column('operator_id').execute();

  await db.schema
    .createTable('trace_product')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('operator_id', 'integer', (c) => c.notNull().references('trace_operator.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('category', 'varchar(32)', (c) => c.notNull())
    .addColumn('gtin', 'varchar(14)')
    .addColumn('unit', 'varchar(16)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('division_code', 'varchar(12)', (c) => c.notNull().references('division.code'))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('trace_product_operator_idx').on('trace_product').column('operator_id').execute();

  await db.schema
    .createTable('trace_input_product')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('operator_id', 'integer', (c) => c.notNull().references('trace_operator.id'))
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('registration_no', 'varchar(64)', (c) => c.notNull())
    .addColumn('withdrawal_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('manufacturer', 'varchar(200)', (c) => c.notNull().defaultTo(''))
    .addColumn('division_code', 'varchar(12)', (c) => c.notNull().references('division.code'))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('trace_input_product_operator_idx')
    .on('trace_input_product')
    .column('operator_id')
    .execute();

  await db.schema
    .createTable('trace_batch')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('operator_id', 'integer', (c) => c.notNull().references('trace_operator.id'))
    .addColumn('product_id', 'integer', (c) => c.notNull().references('trace_product.id'))
    .addColumn('site_id', 'integer', (c) => c.references('trace_site.id'))
    .addColumn('quantity', real, (c) => c.notNull())
    .addColumn('unit', 'varchar(16)', (c) => c.notNull())
    .addColumn('produced_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('trace_code', 'varchar(32)', (c) => c.notNull().unique())
    .addColumn('gtin', 'varchar(14)')
    .addColumn('lot', 'varchar(20)')
    .addColumn('national_trace_code', 'varchar(64)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('status_reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('division_code', 'varchar(12)', (c) => c.notNull().references('division.code'))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('trace_batch_operator_idx').on('trace_batch').column('operator_id').execute();
  await db.schema.createIndex('trace_batch_division_idx').on('trace_batch').column('division_code').execute();
  await db.schema.createIndex('trace_batch_gtin_lot_idx').on('trace_batch').columns(['gtin', 'lot']).execute();

  await db.schema
    .createTable('trace_animal')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('operator_id', 'integer', (c) => c.notNull().references('trace_operator.id'))
    .addColumn('ear_tag', 'varchar(15)', (c) => c.notNull().unique())
    .addColumn('species', 'varchar(16)', (c) => c.notNull())
    .addColumn('batch_id', 'integer', (c) => c.references('trace_batch.id'))
    .addColumn('division_code', 'varchar(12)', (c) => c.notNull().references('division.code'))
    .addColumn('is_demo', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('trace_animal_operator_idx').on('trace_animal').column('operator_id').execute();

  await db.schema
    .createTable('trace_scan')
    .addColumn('id', id, autoIdColumn(engine))
    .addColumn('batch_id', 'integer', (c) => c.notNull().references('trace_batch.id'))
    .addColumn('scanned_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('ip_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('lat', real)
    .addColumn('lon', real)
    .addColumn('is_anomaly', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('anomaly_reason', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('trace_scan_batch_idx').on('trace_scan').columns(['batch_id', 'scanned_at']).execute();
}
