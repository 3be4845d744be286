/**
 * The monitoring demo seed (演示数据, called by the demo seed through the manifest): the generated values of the
 * default framework (demo-values.ts) with their submissions and workflow events, and published demo runs
 * (ranking and monitoring mode, 2021-2024) computed by the run service itself.
 */
import type { Insertable } from 'kysely';
import type { Framework } from '../../../../../contracts/monitoring.ts';
import type { Deps } from '../../../platform/deps.ts';
import { listRunCounties } from '../shared/counties.repository.ts';
import { DEMO_YEARS, demoStatus2025, generateDemoValues } from './demo-values.ts';
import * as repo from './demo.repository.ts';
import { DEFAULT_FRAMEWORK_CODE, loadActiveFramework } from '../frameworks/frameworks.repository.ts';
import type { MonValueTable, SubmissionStatus } from '../shared/monitoring.tables.ts';
import { executeRun, insertQueuedRun, publishRun } from '../runs/runs.service.ts';
import { insertEvents, type NewEvent } from '../collection/submissions.repository.ts';
import { insertValues } from '../collection/values.repository.ts';
import { demoAccountIds } from '../../users/index.ts';

/** Years with published demo runs (2025 is still being collected). */
export const DEMO_RUN_YEARS = [2021, 2022, 2023, 2024] as const;
/** Monte Carlo replications of the demo runs (startup time). */
export const DEMO_REPLICATIONS = 100;

const RETURN_COMMENT = '演示：R&D 经费支出与上年相比波动较大，请补充说明并附统计部门证明材料后重新提交。';

/**
 * Seeds the demo values, submissions with their events, and the published demo runs (idempotent: values are skipped
 * when demo values exist, runs for each year and mode with a published demo run). Needs the default framework
 * (reference seed) and the demo accounts.
 */
export async function seedMonitoringDemo(deps: Deps): Promise<{ values: number; runs: number }> {
  const db = deps.db;
  const framework = await loadActiveFramework(db, DEFAULT_FRAMEWORK_CODE);
  if (!framework) return { values: 0, runs: 0 };
  let values = 0;
  let runs = 0;
  if (!(await repo.hasDemoValues(db, framework.code))) values = await seedValues(deps, framework);
  // one published demo run per year and mode; a seed interrupted half-way completes the missing ones next time
  const have = await repo.publishedDemoRunKeys(db);
  for (const period of DEMO_RUN_YEARS) {
    for (const mode of ['ranking', 'monitoring'] as const) {
      if (have.has(`${period}:${mode}`)) continue;
      const id = await insertQueuedRun(
        deps,
        null,
        {
          period,
          mode,
          weights: 'framework',
          aggregation: 'arithmetic',
          replications: DEMO_REPLICATIONS,
          includeUnapproved: false,
        },
        { isDemo: true },
      );
      await executeRun(deps, id);
      await publishRun(deps, null, id, { notify: false });
      runs++;
    }
  }
  return { values, runs };
}

/** The events that brought a demo county-year to `status` (submit, then the league's and the region's steps). */
function demoEvents(
  status: SubmissionStatus,
  actors: { county: number | null; league: number | null; region: number | null },
  at: { submitted: string; league: string; region: string },
): Omit<NewEvent, 'submissionId'>[] {
  const events: Omit<NewEvent, 'submissionId'>[] = [
    { action: 'submit', from: 'draft', to: 'submitted', actorId: actors.county, at: at.submitted, comment: '' },
  ];
  const approved = status === 'approved';
  if (status === 'returned')
    events.push({
      action: 'return',
      from: 'submitted',
      to: 'returned',
      actorId: actors.league,
      at: at.league,
      comment: RETURN_COMMENT,
    });
  if (status === 'league_approved' || approved)
    events.push({
      action: 'approve',
      from: 'submitted',
      to: 'league_approved',
      actorId: actors.league,
      at: at.league,
      comment: '',
    });
  if (approved)
    events.push({
      action: 'approve',
      from: 'league_approved',
      to: 'approved',
      actorId: actors.region,
      at: at.region,
      comment: '',
    });
  return events;
}

async function seedValues(deps: Deps, framework: Framework): Promise<number> {
  const db = deps.db;
  const counties = await listRunCounties(db);
  const generated = generateDemoValues(framework, counties);
  const userId = await demoAccountIds(db);
  const status2025 = demoStatus2025(counties.map((c) => c.code));
  const valueRows: Insertable<MonValueTable>[] = [];
  await db.transaction().execute(async (trx) => {
    for (const c of counties) {
      const county = userId.get(`county-${c.code}`) ?? null;
      const league = userId.get(`league-${c.leagueCode}`) ?? null;
      const region = userId.get('region') ?? null;
      for (const year of DEMO_YEARS) {
        const status = year === 2025 ? (status2025.get(c.code) ?? 'not_started') : 'approved';
        if (status === 'not_started') continue;
        const submitted = `${year + 1}-05-${String(10 + (Number(c.code) % 15)).padStart(2, '0')}T02:00:00.000Z`;
        const leagueAt = `${year + 1}-06-0${1 + (Number(c.code) % 8)}T03:00:00.000Z`;
        const regionAt = `${year + 1}-06-2${Number(c.code) % 8}T06:00:00.000Z`;
        const approved = status === 'approved';
        const submissionId = await repo.insertDemoSubmission(trx, {
          framework_code: framework.code,
          division_code: c.code,
          period: year,
          status,
          submitted_at: status === 'returned' ? null : submitted,
          approved_at: approved ? regionAt : null,
          is_demo: 1,
          created_at: `${year + 1}-03-01T01:00:00.000Z`,
          updated_at: approved ? regionAt : status === 'league_approved' ? leagueAt : submitted,
        });
        const events = demoEvents(
          status,
          { county, league, region },
          { submitted, league: leagueAt, region: regionAt },
        );
        await insertEvents(
          trx,
          events.map((e) => ({ ...e, submissionId })),
        );
        for (const [indicator, value] of generated.get(c.code)?.get(year) ?? [])
          valueRows.push({
            framework_code: framework.code,
            division_code: c.code,
            indicator_code: indicator,
            period: year,
            value,
            text_value: null,
            source: '演示数据',
            note: '',
            flags: '',
            reporter_id: county,
            version: 1,
            is_demo: 1,
            updated_at: submitted,
          });
      }
    }
    await insertValues(trx, valueRows);
  });
  return valueRows.length;
}
