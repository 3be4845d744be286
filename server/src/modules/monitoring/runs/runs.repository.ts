/** All SQL of index runs (测算): the data a run reads (values, counties with attributes) and mon_run itself. */
import { sql } from 'kysely';
import type { DbOrTrx } from '../../../db/database.ts';
import type { MonRunTable, RunMode, RunStatus, SubmissionStatus } from '../shared/monitoring.tables.ts';

export type RunRow = Omit<MonRunTable, 'id'> & { id: number };
export type RunRowWithFramework = RunRow & { framework_code: string; framework_version: number };

export interface StoredValue {
  divisionCode: string;
  indicatorCode: string;
  period: number;
  value: number;
  /** The county-year's submission is approved (locked). */
  approved: boolean;
}

/**
 * Numeric values of a framework code for the periods up to `upTo` (earlier years feed imputation and trends). Only
 * approved county-years unless `includeUnapproved`, which takes every stored value (flagged `approved: false`).
 */
export async function readRunValues(
  db: DbOrTrx,
  opts: { frameworkCode: string; upTo: number; includeUnapproved: boolean },
): Promise<StoredValue[]> {
  let qb = db
    .selectFrom('mon_value as v')
    .leftJoin('mon_submission as s', (j) =>
      j
        .onRef('s.framework_code', '=', 'v.framework_code')
        .onRef('s.division_code', '=', 'v.division_code')
        .onRef('s.period', '=', 'v.period'),
    )
    .select(['v.division_code', 'v.indicator_code', 'v.period', 'v.value', 's.status'])
    .where('v.framework_code', '=', opts.frameworkCode)
    .where('v.period', '<=', opts.upTo)
    .where('v.value', 'is not', null);
  if (!opts.includeUnapproved) qb = qb.where('s.status', '=', 'approved');
  const rows = await qb.orderBy('v.period').orderBy('v.division_code').orderBy('v.indicator_code').execute();
  return rows.map((r) => ({
    divisionCode: r.division_code,
    indicatorCode: r.indicator_code,
    period: r.period,
    value: Number(r.value),
    approved: r.status === 'approved',
  }));
}

/** Whether a run of `frameworkCode` up to `upTo` would read demo values (its result is then marked 演示数据). */
export async function readsDemoValues(db: DbOrTrx, frameworkCode: string, upTo: number): Promise<boolean> {
  const row = await db
    .selectFrom('mon_value')
    .select('id')
    .where('framework_code', '=', frameworkCode)
    .where('period', '<=', upTo)
    .where('is_demo', '=', 1)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

function withFramework(db: DbOrTrx) {
  return db
    .selectFrom('mon_run as r')
    .innerJoin('mon_framework as f', 'f.id', 'r.framework_id')
    .selectAll('r')
    .select(['f.code as framework_code', 'f.version as framework_version']);
}

export async function findRun(db: DbOrTrx, id: number): Promise<RunRowWithFramework | undefined> {
  return withFramework(db).where('r.id', '=', id).executeTakeFirst();
}

export interface RunListFilter {
  period?: number;
  published?: boolean;
  /** Callers without monitoring:manage over the whole region see published runs only. */
  publishedOnly: boolean;
}

/** A page of runs, newest first, without their result blobs. */
export async function listRuns(
  db: DbOrTrx,
  filter: RunListFilter,
  page: { page: number; pageSize: number },
): Promise<{ rows: RunRowWithFramework[]; total: number }> {
  let base = db.selectFrom('mon_run as r').innerJoin('mon_framework as f', 'f.id', 'r.framework_id');
  if (filter.period !== undefined) base = base.where('r.period', '=', filter.period);
  if (filter.publishedOnly || filter.published === true) base = base.where('r.published_at', 'is not', null);
  if (filter.published === false) base = base.where('r.published_at', 'is', null);
  const count = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      'r.id',
      'r.framework_id',
      'r.period',
      'r.mode',
      'r.title',
      'r.status',
      'r.progress',
      'r.error',
      'r.provisional',
      'r.is_demo',
      'r.created_by',
      'r.created_at',
      'r.finished_at',
      'r.published_at',
      'r.published_by',
      'f.code as framework_code',
      'f.version as framework_version',
    ])
    .select([sql<string>`''`.as('method'), sql<null>`null`.as('result'), sql<null>`null`.as('log')])
    .orderBy('r.id', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { rows, total: Number(count.n) };
}

export interface NewRun {
  frameworkId: number;
  period: number;
  mode: RunMode;
  title: string;
  method: string;
  provisional: boolean;
  isDemo: boolean;
  createdBy: number | null;
  now: string;
}

export async function insertRun(trx: DbOrTrx, r: NewRun): Promise<number> {
  const row = await trx
    .insertInto('mon_run')
    .values({
      framework_id: r.frameworkId,
      period: r.period,
      mode: r.mode,
      title: r.title,
      method: r.method,
      status: 'queued',
      progress: 0,
      error: null,
      result: null,
      log: null,
      provisional: r.provisional ? 1 : 0,
      is_demo: r.isDemo ? 1 : 0,
      created_by: r.createdBy,
      created_at: r.now,
      finished_at: null,
      published_at: null,
      published_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateRun(
  db: DbOrTrx,
  id: number,
  patch: Partial<Pick<RunRow, 'status' | 'progress' | 'error' | 'result' | 'log' | 'method' | 'finished_at'>>,
): Promise<void> {
  await db.updateTable('mon_run').set(patch).where('id', '=', id).execute();
}

export async function setPublished(db: DbOrTrx, id: number, at: string | null, by: number | null): Promise<void> {
  await db.updateTable('mon_run').set({ published_at: at, published_by: by }).where('id', '=', id).execute();
}

/** Marks runs a previous process left queued or running as failed; returns how many. */
export async function failInterruptedRuns(db: DbOrTrx, error: string, now: string): Promise<number> {
  const res = await db
    .updateTable('mon_run')
    .set({ status: 'failed' as RunStatus, error, finished_at: now })
    .where('status', 'in', ['queued', 'running'])
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Published runs of a framework code and mode (any version), oldest period first; the latest published per period. */
export async function listPublishedRuns(
  db: DbOrTrx,
  opts: { frameworkCode?: string; mode?: RunMode; period?: number },
): Promise<RunRowWithFramework[]> {
  let q = withFramework(db).where('r.published_at', 'is not', null).where('r.status', '=', 'done');
  if (opts.frameworkCode !== undefined) q = q.where('f.code', '=', opts.frameworkCode);
  if (opts.mode !== undefined) q = q.where('r.mode', '=', opts.mode);
  if (opts.period !== undefined) q = q.where('r.period', '=', opts.period);
  return q.orderBy('r.period').orderBy('r.published_at', 'desc').orderBy('r.id', 'desc').execute();
}

/**
 * Every published, finished run as `id@published_at`, joined: changes whenever a run is published, withdrawn or
 * published again (the key of the public results cache).
 */
export async function publishedRunsSignature(db: DbOrTrx): Promise<string> {
  const rows = await db
    .selectFrom('mon_run')
    .select(['id', 'published_at'])
    .where('published_at', 'is not', null)
    .where('status', '=', 'done')
    .orderBy('id')
    .execute();
  return rows.map((r) => `${r.id}@${r.published_at}`).join(',');
}

/** Periods with a published run, newest first. */
export async function listPublishedPeriods(db: DbOrTrx): Promise<number[]> {
  const rows = await db
    .selectFrom('mon_run')
    .select('period')
    .distinct()
    .where('published_at', 'is not', null)
    .where('status', '=', 'done')
    .orderBy('period', 'desc')
    .execute();
  return rows.map((r) => r.period);
}

/** Submission status of each county that has a form for the framework code and period (coverage of a run's year). */
export async function listSubmissionStatuses(
  db: DbOrTrx,
  opts: { frameworkCode: string; period: number },
): Promise<Map<string, SubmissionStatus>> {
  const rows = await db
    .selectFrom('mon_submission')
    .select(['division_code', 'status'])
    .where('framework_code', '=', opts.frameworkCode)
    .where('period', '=', opts.period)
    .execute();
  return new Map(rows.map((r) => [r.division_code, r.status]));
}
