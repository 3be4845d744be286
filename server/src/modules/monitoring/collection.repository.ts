/**
 * All SQL of data collection (数据填报与审核): values with their revisions, the submission of each county-year and its
 * events, attachments. Callers narrow by scope before reading a county; lists go through `scopeFilter`.
 */
import { sql } from 'kysely';
import { VALUE_FLAGS, type ValueFlag } from '../../../../contracts/monitoring.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { coversDivision, scopeFilter } from '../../platform/access/scope.ts';
import type { MonSubmissionTable, SubmissionAction, SubmissionStatus } from './monitoring.tables.ts';

/** The region whose counties (旗县, the 103 county-level divisions of Inner Mongolia) report. */
export const REGION_CODE = '150000';

export interface CountyRow {
  code: string;
  name: string;
  leagueCode: string;
  leagueName: string;
}

export type SubmissionRow = Omit<MonSubmissionTable, 'id'> & { id: number };

/** A division by code with its level and parent, or undefined. */
export function findDivision(db: DbOrTrx, code: string) {
  return db
    .selectFrom('division')
    .select(['code', 'name', 'level', 'parent_code'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Whether `code` is a county-level division of the region. */
export async function isRegionCounty(db: DbOrTrx, code: string): Promise<boolean> {
  const row = await db
    .selectFrom('division_closure')
    .innerJoin('division', 'division.code', 'division_closure.descendant_code')
    .select('division.code')
    .where('division_closure.ancestor_code', '=', REGION_CODE)
    .where('division.code', '=', code)
    .where('division.level', '=', 'county')
    .executeTakeFirst();
  return row !== undefined;
}

/** Counties of the region within the roots (all of them when `roots` is null), by code, with their league. */
export async function listCounties(db: DbOrTrx, roots: readonly string[] | null): Promise<CountyRow[]> {
  let qb = db
    .selectFrom('division_closure')
    .innerJoin('division as c', 'c.code', 'division_closure.descendant_code')
    .innerJoin('division as l', 'l.code', 'c.parent_code')
    .select(['c.code', 'c.name', 'l.code as league_code', 'l.name as league_name'])
    .where('division_closure.ancestor_code', '=', REGION_CODE)
    .where('c.level', '=', 'county');
  if (roots) qb = qb.where(scopeFilter('c.code', roots));
  const rows = await qb.orderBy('c.code').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, leagueCode: r.league_code, leagueName: r.league_name }));
}

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

export function insertEvent(
  trx: DbOrTrx,
  e: {
    submissionId: number;
    action: SubmissionAction;
    from: SubmissionStatus;
    to: SubmissionStatus;
    comment: string;
    actorId: number | null;
    at: string;
  },
) {
  return trx
    .insertInto('mon_submission_event')
    .values({
      submission_id: e.submissionId,
      action: e.action,
      from_status: e.from,
      to_status: e.to,
      comment: e.comment,
      actor_id: e.actorId,
      at: e.at,
    })
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

/** Parses the comma-separated flags column. */
export function parseFlags(text: string): ValueFlag[] {
  return text
    .split(',')
    .map((f) => f.trim())
    .filter((f): f is ValueFlag => (VALUE_FLAGS as readonly string[]).includes(f));
}

/** Values of one county-year, with the reporter's display name. */
export function listValues(db: DbOrTrx, frameworkCode: string, county: string, period: number) {
  return db
    .selectFrom('mon_value as v')
    .leftJoin('app_user as u', 'u.id', 'v.reporter_id')
    .select([
      'v.id',
      'v.indicator_code',
      'v.value',
      'v.text_value',
      'v.source',
      'v.note',
      'v.flags',
      'v.version',
      'v.updated_at',
      'u.display_name as reporter_name',
    ])
    .where('v.framework_code', '=', frameworkCode)
    .where('v.division_code', '=', county)
    .where('v.period', '=', period)
    .execute();
}

/** Numeric values (indicator, county, value, note) of every county of a period: peers, lists and completeness. */
export function listPeriodValues(db: DbOrTrx, frameworkCode: string, period: number) {
  return db
    .selectFrom('mon_value')
    .select(['division_code', 'indicator_code', 'value', 'text_value', 'note'])
    .where('framework_code', '=', frameworkCode)
    .where('period', '=', period)
    .execute();
}

export interface CellWrite {
  indicatorCode: string;
  value: number | null;
  textValue: string | null;
  source: string;
  note: string;
  /** Flags as they should be stored. */
  flags: readonly ValueFlag[];
}

function sameFlags(a: string, b: readonly string[]): boolean {
  const x = parseFlags(a).sort().join(',');
  return x === [...b].sort().join(',');
}

/**
 * Writes cells of one county-year: new cells at version 1; a changed cell keeps its old content as a revision and
 * gets version + 1; unchanged cells are left alone. Returns the codes that changed.
 */
export async function writeCells(
  trx: DbOrTrx,
  key: { frameworkCode: string; county: string; period: number },
  cells: readonly CellWrite[],
  by: { userId: number | null; now: string },
): Promise<string[]> {
  if (cells.length === 0) return [];
  const existing = await trx
    .selectFrom('mon_value')
    .selectAll()
    .where('framework_code', '=', key.frameworkCode)
    .where('division_code', '=', key.county)
    .where('period', '=', key.period)
    .where(
      'indicator_code',
      'in',
      cells.map((c) => c.indicatorCode),
    )
    .execute();
  const byCode = new Map(existing.map((r) => [r.indicator_code, r]));
  const changed: string[] = [];
  for (const c of cells) {
    const old = byCode.get(c.indicatorCode);
    const flags = [...new Set(c.flags)].join(',');
    if (!old) {
      await trx
        .insertInto('mon_value')
        .values({
          framework_code: key.frameworkCode,
          division_code: key.county,
          indicator_code: c.indicatorCode,
          period: key.period,
          value: c.value,
          text_value: c.textValue,
          source: c.source,
          note: c.note,
          flags,
          reporter_id: by.userId,
          version: 1,
          is_demo: 0,
          updated_at: by.now,
        })
        .execute();
      changed.push(c.indicatorCode);
      continue;
    }
    const same =
      old.value === c.value &&
      (old.text_value ?? null) === c.textValue &&
      old.source === c.source &&
      old.note === c.note &&
      sameFlags(old.flags, c.flags);
    if (same) continue;
    await reviseValue(trx, old, { ...c, flags }, by);
    changed.push(c.indicatorCode);
  }
  return changed;
}

/** A stored value as `reviseValue` needs it. */
export interface RevisableValue {
  id: number;
  version: number;
  value: number | null;
  text_value: string | null;
  source: string;
  note: string;
  flags: string;
}

/**
 * Changes a stored value: keeps the old content as a revision, then writes the new one with the next version. The one
 * way values change after their first save (entry form, form import, bulk yearbook import).
 */
export async function reviseValue(
  trx: DbOrTrx,
  old: RevisableValue,
  next: { value: number | null; textValue: string | null; source: string; note: string; flags: string },
  by: { userId: number | null; now: string },
): Promise<void> {
  await trx
    .insertInto('mon_value_revision')
    .values({
      value_id: old.id,
      version: old.version,
      value: old.value,
      text_value: old.text_value,
      source: old.source,
      note: old.note,
      flags: old.flags,
      changed_by: by.userId,
      changed_at: by.now,
    })
    .execute();
  await trx
    .updateTable('mon_value')
    .set({
      value: next.value,
      text_value: next.textValue,
      source: next.source,
      note: next.note,
      flags: next.flags,
      reporter_id: by.userId,
      version: old.version + 1,
      updated_at: by.now,
    })
    .where('id', '=', old.id)
    .execute();
}

/** Sets or clears the `outlier` flag on a county-year's values (a system flag: no new version). */
export async function setOutlierFlags(
  trx: DbOrTrx,
  key: { frameworkCode: string; county: string; period: number },
  codes: ReadonlySet<string>,
): Promise<void> {
  const rows = await trx
    .selectFrom('mon_value')
    .select(['id', 'indicator_code', 'flags'])
    .where('framework_code', '=', key.frameworkCode)
    .where('division_code', '=', key.county)
    .where('period', '=', key.period)
    .execute();
  for (const r of rows) {
    const flags: ValueFlag[] = parseFlags(r.flags).filter((f) => f !== 'outlier');
    if (codes.has(r.indicator_code)) flags.push('outlier');
    const text = flags.join(',');
    if (text !== r.flags) await trx.updateTable('mon_value').set({ flags: text }).where('id', '=', r.id).execute();
  }
}

/** Revisions of one value, newest first (for tests and the history view). */
export function listRevisions(db: DbOrTrx, valueId: number) {
  return db
    .selectFrom('mon_value_revision')
    .selectAll()
    .where('value_id', '=', valueId)
    .orderBy('version', 'desc')
    .execute();
}

/** Active users holding one of `roles` at a division whose subtree contains `division` (the next actors). */
export async function usersCovering(db: DbOrTrx, roles: readonly string[], division: string): Promise<number[]> {
  const rows = await db
    .selectFrom('user_role')
    .innerJoin('app_user', 'app_user.id', 'user_role.user_id')
    .select('user_role.user_id')
    .distinct()
    .where('user_role.role_code', 'in', [...roles])
    .where(coversDivision('user_role.division_code', division))
    .where('app_user.status', '=', 'active')
    .execute();
  return rows.map((r) => r.user_id).sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------------------------
// Attachments
// ---------------------------------------------------------------------------------------------------------------

export function listAttachments(db: DbOrTrx, submissionId: number) {
  return db
    .selectFrom('mon_attachment')
    .select(['id', 'indicator_code', 'file_name', 'mime', 'bytes', 'sha256', 'created_at'])
    .where('submission_id', '=', submissionId)
    .orderBy('id')
    .execute();
}

export function insertAttachment(
  trx: DbOrTrx,
  a: {
    submissionId: number;
    indicatorCode: string | null;
    fileName: string;
    mime: string;
    content: Buffer;
    sha256: string;
    uploadedBy: number;
    now: string;
  },
) {
  return trx
    .insertInto('mon_attachment')
    .values({
      submission_id: a.submissionId,
      indicator_code: a.indicatorCode,
      file_name: a.fileName,
      mime: a.mime,
      bytes: a.content.byteLength,
      sha256: a.sha256,
      content: a.content,
      uploaded_by: a.uploadedBy,
      created_at: a.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** An attachment with its submission's county, period, framework and status (no content). */
export function findAttachment(db: DbOrTrx, id: number) {
  return db
    .selectFrom('mon_attachment as a')
    .innerJoin('mon_submission as s', 's.id', 'a.submission_id')
    .select([
      'a.id',
      'a.submission_id',
      'a.file_name',
      'a.mime',
      'a.bytes',
      'a.sha256',
      's.division_code',
      's.period',
      's.framework_code',
      's.status',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export async function attachmentContent(db: DbOrTrx, id: number): Promise<Buffer> {
  const row = await db.selectFrom('mon_attachment').select('content').where('id', '=', id).executeTakeFirstOrThrow();
  return Buffer.from(row.content);
}

export function deleteAttachment(trx: DbOrTrx, id: number) {
  return trx.deleteFrom('mon_attachment').where('id', '=', id).execute();
}

// ---------------------------------------------------------------------------------------------------------------
// For index runs
// ---------------------------------------------------------------------------------------------------------------

export interface CollectedValue {
  value: number | null;
  textValue: string | null;
  flags: ValueFlag[];
  source: string;
}

/**
 * Values of a framework code and period per county (county code -> indicator code -> value), for index runs. Only
 * county-years whose submission is `approved` (locked) unless `includeUnapproved`, which takes every stored value
 * whatever its state (a provisional run).
 */
export async function approvedValues(
  db: DbOrTrx,
  frameworkCode: string,
  period: number,
  opts: { includeUnapproved: boolean } = { includeUnapproved: false },
): Promise<Map<string, Map<string, CollectedValue>>> {
  let qb = db
    .selectFrom('mon_value as v')
    .select(['v.division_code', 'v.indicator_code', 'v.value', 'v.text_value', 'v.flags', 'v.source'])
    .where('v.framework_code', '=', frameworkCode)
    .where('v.period', '=', period);
  if (!opts.includeUnapproved)
    qb = qb.where((eb) =>
      eb.exists(
        eb
          .selectFrom('mon_submission as s')
          .select(sql<number>`1`.as('one'))
          .whereRef('s.framework_code', '=', 'v.framework_code')
          .whereRef('s.division_code', '=', 'v.division_code')
          .whereRef('s.period', '=', 'v.period')
          .where('s.status', '=', 'approved'),
      ),
    );
  const out = new Map<string, Map<string, CollectedValue>>();
  for (const r of await qb.orderBy('v.division_code').orderBy('v.indicator_code').execute()) {
    let county = out.get(r.division_code);
    if (!county) out.set(r.division_code, (county = new Map<string, CollectedValue>()));
    county.set(r.indicator_code, {
      value: r.value === null ? null : Number(r.value),
      textValue: r.text_value,
      flags: parseFlags(r.flags),
      source: r.source,
    });
  }
  return out;
}
