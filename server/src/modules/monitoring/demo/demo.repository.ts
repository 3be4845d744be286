/** All SQL of the monitoring demo seed (演示数据): what is already seeded, the demo accounts, demo submissions. */
import type { Insertable } from 'kysely';
import type { DbOrTrx } from '../../../db/database.ts';
import type { MonSubmissionTable } from '../shared/monitoring.tables.ts';

/** Whether demo values of the framework code exist (the values part of the seed ran). */
export async function hasDemoValues(db: DbOrTrx, frameworkCode: string): Promise<boolean> {
  const row = await db
    .selectFrom('mon_value')
    .select('id')
    .where('is_demo', '=', 1)
    .where('framework_code', '=', frameworkCode)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** `period:mode` of every published, finished demo run. */
export async function publishedDemoRunKeys(db: DbOrTrx): Promise<Set<string>> {
  const rows = await db
    .selectFrom('mon_run')
    .select(['period', 'mode'])
    .where('is_demo', '=', 1)
    .where('status', '=', 'done')
    .where('published_at', 'is not', null)
    .execute();
  return new Set(rows.map((r) => `${r.period}:${r.mode}`));
}

/** A demo submission as it stands after its events; returns its id. */
export async function insertDemoSubmission(trx: DbOrTrx, row: Insertable<MonSubmissionTable>): Promise<number> {
  const sub = await trx.insertInto('mon_submission').values(row).returning('id').executeTakeFirstOrThrow();
  return sub.id;
}
