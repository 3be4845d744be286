/**
 * All SQL of the submission of each county-year (its workflow state) and its events, and of the officers who act
 * next. Callers narrow by scope before reading a county.
 */
import type { DbOrTrx } from '../../../db/database.ts';
import type { MonSubmissionTable, SubmissionAction, SubmissionStatus } from '../shared/monitoring.tables.ts';

/** Rows a multi-row statement writes at once. */
const BATCH = 500;

export type SubmissionRow = Omit<MonSubmissionTable, 'id'> & { id: number };

export function findSubmission(db: DbOrTrx, frameworkCode: string, county: string, period: number) {
  return db
    .selectFrom('mon_submission')
    .selectAll()
    .where('framework_code', '=', frameworkCode)
    .where('division_code', '=', county)
    .where('period', '=', period)
    .executeTakeFirst();
}

/** Every submission of a framework and period (at most one per county). */
export function listSubmissions(db: DbOrTrx, frameworkCode: string, period: number) {
  return db
    .selectFrom('mon_submission')
    .selectAll()
    .where('framework_code', '=', frameworkCode)
    .where('period', '=', period)
    .execute();
}

/** The submission of a county-year, created as a draft on first use. Call inside the writing transaction. */
export async function ensureSubmission(
  trx: DbOrTrx,
  key: { frameworkCode: string; county: string; period: number },
  now: string,
): Promise<SubmissionRow> {
  const found = await findSubmission(trx, key.frameworkCode, key.county, key.period);
  if (found) return found;
  await trx
    .insertInto('mon_submission')
    .values({
      framework_code: key.frameworkCode,
      division_code: key.county,
      period: key.period,
      status: 'draft',
      submitted_at: null,
      approved_at: null,
      is_demo: 0,
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['framework_code', 'division_code', 'period']).doNothing())
    .execute();
  return (await findSubmission(trx, key.frameworkCode, key.county, key.period))!;
}

/** Moves a submission from `from` to `to`; false when another writer changed it first. */
export async function moveSubmission(
  trx: DbOrTrx,
  id: number,
  from: SubmissionStatus,
  set: Partial<Pick<MonSubmissionTable, 'status' | 'submitted_at' | 'approved_at'>> & { updated_at: string },
): Promise<boolean> {
  const res = await trx
    .updateTable('mon_submission')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export function touchSubmission(trx: DbOrTrx, id: number, now: string) {
  return trx.updateTable('mon_submission').set({ updated_at: now }).where('id', '=', id).execute();
}

export interface NewEvent {
  submissionId: number;
  action: SubmissionAction;
  from: SubmissionStatus;
  to: SubmissionStatus;
  comment: string;
  actorId: number | null;
  at: string;
}

export function insertEvent(trx: DbOrTrx, e: NewEvent) {
  return insertEvents(trx, [e]);
}

/** Workflow events, in batches (a bulk approval writes one per county-year). */
export async function insertEvents(trx: DbOrTrx, events: readonly NewEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += BATCH)
    await trx
      .insertInto('mon_submission_event')
      .values(
        events.slice(i, i + BATCH).map((e) => ({
          submission_id: e.submissionId,
          action: e.action,
          from_status: e.from,
          to_status: e.to,
          comment: e.comment,
          actor_id: e.actorId,
          at: e.at,
        })),
      )
      .execute();
}

/** Events of a submission, oldest first, with the actor's display name. */
export function listEvents(db: DbOrTrx, submissionId: number) {
  return db
    .selectFrom('mon_submission_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.actor_id')
    .select(['e.action', 'e.from_status', 'e.to_status', 'e.comment', 'e.at', 'u.display_name'])
    .where('e.submission_id', '=', submissionId)
    .orderBy('e.id')
    .execute();
}

/** The state of every county-year of a framework code (all periods), for a bulk import's checks. */
export function listSubmissionStates(db: DbOrTrx, frameworkCode: string) {
  return db
    .selectFrom('mon_submission')
    .select(['id', 'division_code', 'period', 'status'])
    .where('framework_code', '=', frameworkCode)
    .execute();
}

/** The status of one submission (inside the writing transaction). */
export async function submissionStatus(trx: DbOrTrx, id: number): Promise<SubmissionStatus> {
  const row = await trx.selectFrom('mon_submission').select('status').where('id', '=', id).executeTakeFirstOrThrow();
  return row.status;
}

/** New submissions of county-years, in batches: drafts, or approved county-years of a bulk load. */
export async function insertSubmissions(
  trx: DbOrTrx,
  frameworkCode: string,
  rows: readonly { county: string; period: number }[],
  opts: { approved: boolean; now: string },
): Promise<void> {
  const { approved, now } = opts;
  for (let i = 0; i < rows.length; i += BATCH)
    await trx
      .insertInto('mon_submission')
      .values(
        rows.slice(i, i + BATCH).map((r) => ({
          framework_code: frameworkCode,
          division_code: r.county,
          period: r.period,
          status: approved ? ('approved' as const) : ('draft' as const),
          submitted_at: approved ? now : null,
          approved_at: approved ? now : null,
          is_demo: 0,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
}

/** Approves (locks) a submission directly, as a bulk load with approval does. */
export async function approveSubmission(trx: DbOrTrx, id: number, now: string): Promise<void> {
  await trx
    .updateTable('mon_submission')
    .set({ status: 'approved', submitted_at: now, approved_at: now, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Moves `updated_at` of the given submissions, in batches. */
export async function touchSubmissions(trx: DbOrTrx, ids: readonly number[], now: string): Promise<void> {
  for (let i = 0; i < ids.length; i += BATCH)
    await trx
      .updateTable('mon_submission')
      .set({ updated_at: now })
      .where('id', 'in', ids.slice(i, i + BATCH))
      .execute();
}
