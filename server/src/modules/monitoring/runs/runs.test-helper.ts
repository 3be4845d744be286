/** Test fixtures for index runs: approved values of the default framework for all 103 counties (demo generator). */
import type { Db } from '../../../db/database.ts';
import type { Deps } from '../../../platform/deps.ts';
import { generateDemoValues } from '../demo/demo-values.ts';
import { DEFAULT_FRAMEWORK_CODE, loadActiveFramework } from '../frameworks/frameworks.repository.ts';
import type { MonValueTable, SubmissionStatus } from '../shared/monitoring.tables.ts';
import type { Insertable } from 'kysely';
import { listRunCounties } from '../shared/counties.repository.ts';
import { executeRun, insertQueuedRun } from './runs.service.ts';

/**
 * Inserts generated values of the default framework for `years`, each county-year with a submission of `status`
 * (approved by default; null: no submission rows). Returns the framework id.
 */
export async function insertRunValues(
  db: Db,
  years: readonly number[],
  status: SubmissionStatus | null = 'approved',
): Promise<number> {
  const framework = await loadActiveFramework(db, DEFAULT_FRAMEWORK_CODE);
  if (!framework) throw new Error('the reference seed has no default framework');
  const counties = await listRunCounties(db);
  const values = generateDemoValues(framework, counties, years);
  const now = new Date().toISOString();
  const rows: Insertable<MonValueTable>[] = [];
  for (const c of counties) {
    for (const year of years) {
      for (const [indicator, value] of values.get(c.code)?.get(year) ?? [])
        rows.push({
          framework_code: framework.code,
          division_code: c.code,
          indicator_code: indicator,
          period: year,
          value,
          text_value: null,
          source: '测试',
          note: '',
          flags: '',
          reporter_id: null,
          version: 1,
          is_demo: 0,
          updated_at: now,
        });
    }
  }
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('mon_value')
        .values(rows.slice(i, i + 500))
        .execute();
    if (status === null) return;
    const subs = counties.flatMap((c) =>
      years.map((period) => ({
        framework_code: framework.code,
        division_code: c.code,
        period,
        status,
        submitted_at: now,
        approved_at: status === 'approved' ? now : null,
        is_demo: 0,
        created_at: now,
        updated_at: now,
      })),
    );
    for (let i = 0; i < subs.length; i += 200)
      await trx
        .insertInto('mon_submission')
        .values(subs.slice(i, i + 200))
        .execute();
  });
  return framework.id;
}

/**
 * A finished run of `period` computed from generated values that are removed again afterwards (so forms of that
 * year stay untouched), and a function that inserts copies of it: `published` or only `done` (both non-provisional).
 * For access tests that need fresh runs without computing each one.
 */
export async function runCopier(deps: Deps, period: number): Promise<(state: 'published' | 'done') => Promise<number>> {
  await insertRunValues(deps.db, [period], null);
  const id = await insertQueuedRun(deps, null, {
    period,
    mode: 'ranking',
    weights: 'framework',
    aggregation: 'arithmetic',
    replications: 0,
    includeUnapproved: true,
  });
  await executeRun(deps, id);
  await deps.db.deleteFrom('mon_value').where('period', '=', period).where('source', '=', '测试').execute();
  const template = await deps.db.selectFrom('mon_run').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  if (template.status !== 'done') throw new Error(`template run failed: ${template.error ?? ''}`);
  return async (state) => {
    const { id: _drop, ...row } = template;
    void _drop;
    const copy = await deps.db
      .insertInto('mon_run')
      .values({
        ...row,
        provisional: 0,
        published_at: state === 'published' ? new Date().toISOString() : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return copy.id;
  };
}
