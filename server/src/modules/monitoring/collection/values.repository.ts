/**
 * All SQL of collected values (mon_value) and their revisions: a county-year's cells, a period's values across the
 * counties, versioned writes, the bulk load's batches, and the approved values index runs read.
 */
import { sql, type Insertable } from 'kysely';
import { VALUE_FLAGS, type ValueFlag } from '../../../../../contracts/monitoring.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import { bulkInsert, type BulkColumn, type Engine } from '../../../db/dialect.ts';
import type { MonValueTable } from '../shared/monitoring.tables.ts';

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

/** First versions of cells, in batches (seeds). */
export async function insertValues(trx: DbOrTrx, rows: readonly Insertable<MonValueTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await trx
      .insertInto('mon_value')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** County-years (`county:period`) of a framework code that hold values already. */
export async function listValueCountyYears(db: DbOrTrx, frameworkCode: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('mon_value')
    .select(['division_code', 'period'])
    .distinct()
    .where('framework_code', '=', frameworkCode)
    .execute();
  return new Set(rows.map((r) => `${r.division_code}:${r.period}`));
}

/** A stored cell as a bulk load compares and revises it. */
export interface StoredCell extends RevisableValue {
  division_code: string;
  indicator_code: string;
  period: number;
}

/** The cells of one county in the given years. */
export function listCellsOfCountyYears(
  trx: DbOrTrx,
  frameworkCode: string,
  county: string,
  years: readonly number[],
): Promise<StoredCell[]> {
  return trx
    .selectFrom('mon_value')
    .select([
      'id',
      'division_code',
      'indicator_code',
      'period',
      'value',
      'text_value',
      'source',
      'note',
      'flags',
      'version',
    ])
    .where('framework_code', '=', frameworkCode)
    .where('division_code', '=', county)
    .where('period', 'in', [...years])
    .execute();
}

/** A new cell of a bulk load, in the order of VALUE_COLUMNS. */
export type NewCellRow = [
  frameworkCode: string,
  county: string,
  indicator: string,
  period: number,
  value: number | null,
  textValue: string | null,
  source: string,
  note: string,
  flags: string,
  reporterId: number,
  version: number,
  isDemo: number,
  updatedAt: string,
];

const VALUE_COLUMNS: readonly BulkColumn[] = [
  { name: 'framework_code', pgType: 'text' },
  { name: 'division_code', pgType: 'text' },
  { name: 'indicator_code', pgType: 'text' },
  { name: 'period', pgType: 'integer' },
  { name: 'value', pgType: 'double precision' },
  { name: 'text_value', pgType: 'text' },
  { name: 'source', pgType: 'text' },
  { name: 'note', pgType: 'text' },
  { name: 'flags', pgType: 'text' },
  { name: 'reporter_id', pgType: 'integer' },
  { name: 'version', pgType: 'integer' },
  { name: 'is_demo', pgType: 'integer' },
  { name: 'updated_at', pgType: 'text' },
];

/** New cells in one multi-row INSERT (13 parameters a row on SQLite: keep a batch under its 32,766). */
export async function insertCellRows(trx: DbOrTrx, engine: Engine, rows: readonly NewCellRow[]): Promise<void> {
  await trx.executeQuery(bulkInsert(engine, 'mon_value', VALUE_COLUMNS, rows));
}

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
