/** SQL of pending imports (table import_job, migration 0003). */
import type { Generated } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import { scopeFilter } from '../access/scope.ts';

export type ImportStatus = 'parsing' | 'validated' | 'failed' | 'committed' | 'expired';

export interface ImportJobTable {
  id: Generated<number>;
  kind: string;
  user_id: number;
  division_code: string;
  status: ImportStatus;
  file_name: string;
  file_bytes: number;
  row_count: number;
  error_count: number;
  /** 0-100. */
  progress: number;
  /** JSON: { errors: RowError[], truncated, format, encoding }. */
  report: string | null;
  /** Vault-encrypted JSON of the validated rows; cleared on commit. */
  rows_enc: string | null;
  created_at: string;
  updated_at: string;
  committed_at: string | null;
}

/** The database seen with the import table (kept out of the shared Database type: it belongs to this folder). */
function jobs(db: DbOrTrx) {
  return db.withTables<{ import_job: ImportJobTable }>();
}

export function insertJob(
  db: DbOrTrx,
  v: { kind: string; userId: number; divisionCode: string; fileName: string; fileBytes: number; now: string },
) {
  return jobs(db)
    .insertInto('import_job')
    .values({
      kind: v.kind,
      user_id: v.userId,
      division_code: v.divisionCode,
      status: 'parsing',
      file_name: v.fileName,
      file_bytes: v.fileBytes,
      row_count: 0,
      error_count: 0,
      progress: 0,
      report: null,
      rows_enc: null,
      created_at: v.now,
      updated_at: v.now,
      committed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export function updateJob(
  db: DbOrTrx,
  id: number,
  set: Partial<Omit<ImportJobTable, 'id' | 'kind' | 'user_id' | 'division_code' | 'created_at'>> & {
    updated_at: string;
  },
) {
  return jobs(db).updateTable('import_job').set(set).where('id', '=', id).execute();
}

/** A job of its owner only: another user's job looks absent. */
export function findOwnJob(db: DbOrTrx, userId: number, id: number) {
  return jobs(db)
    .selectFrom('import_job')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/** Marks a validated job committed and drops its stored rows; false when it was not (or no longer) validated. */
export async function markJobCommitted(db: DbOrTrx, id: number, now: string): Promise<boolean> {
  const res = await jobs(db)
    .updateTable('import_job')
    .set({ status: 'committed', rows_enc: null, committed_at: now, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'validated')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Codes of every division within the roots, through the one scope function. */
export async function listDivisionCodesInScope(db: DbOrTrx, roots: readonly string[]): Promise<string[]> {
  const rows = await db.selectFrom('division').select('code').where(scopeFilter('division.code', roots)).execute();
  return rows.map((r) => r.code);
}
