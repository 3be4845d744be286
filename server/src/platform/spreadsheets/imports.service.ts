/**
 * Import use cases: upload (parse in a worker, validate every row, store a report), read the report with progress,
 * commit all rows in one transaction. Rows outside the caller's scope are row errors, never silent skips.
 */
import type { ImportJob } from '../../../../contracts/imports.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { analyzeAfterBulkWrite, isUniqueViolation } from '../../db/dialect.ts';
import { hasPermission, scopeRoots } from '../access/scope.ts';
import { writeAudit } from '../audit/audit.ts';
import { iso } from '../clock.ts';
import type { Caller, Deps } from '../deps.ts';
import { AppError } from '../errors/errors.ts';
import { notify } from '../notifications/index.ts';
import type { AnyImportKind } from './import-kind.ts';
import * as repo from './imports.repository.ts';
import type { ParseLimits } from './limits.ts';
import { openRows, sealRows } from './pending-rows.ts';
import type { RowError, ValidRow } from './sheet.ts';
import { validateUpload } from './validate-upload.ts';

const MAX_REPORTED_ERRORS = 1000;
/** A commit of at least this many rows refreshes the planner's statistics (PostgreSQL `analyze`). */
const ANALYZE_AFTER_ROWS = 1000;

/** A validated import can be committed for this long. */
const JOB_TTL_MS = 24 * 60 * 60 * 1000;

type JobRow = NonNullable<Awaited<ReturnType<typeof repo.findOwnJob>>>;

interface Report {
  errors: RowError[];
  truncated: boolean;
  format: 'xlsx' | 'csv' | null;
  encoding: string | null;
}

function present(job: JobRow, now: Date): ImportJob {
  const report: Report = job.report
    ? (JSON.parse(job.report) as Report)
    : { errors: [], truncated: false, format: null, encoding: null };
  const expired = job.status === 'validated' && now.getTime() - Date.parse(job.created_at) > JOB_TTL_MS;
  return {
    id: job.id,
    kind: job.kind,
    status: expired ? 'expired' : job.status,
    fileName: job.file_name,
    format: report.format,
    encoding: report.encoding,
    rowCount: job.row_count,
    errorCount: job.error_count,
    progress: job.progress,
    errors: report.errors,
    errorsTruncated: report.truncated,
    createdAt: job.created_at,
    committedAt: job.committed_at,
  };
}

/** Scope and database checks of validated rows. */
async function checkRows(
  deps: Deps,
  db: DbOrTrx,
  kind: AnyImportKind,
  caller: Caller,
  rows: readonly ValidRow<unknown>[],
) {
  const inScope = new Set(await repo.listDivisionCodesInScope(db, scopeRoots(caller.principal, kind.permission)));
  const divisionColumn = kind.sheet.columns.find((c) => c.key === 'divisionCode')?.header ?? '行政区划代码';
  const errors: RowError[] = [];
  for (const r of rows) {
    const code = kind.divisionOf(r.value);
    if (!inScope.has(code))
      errors.push({
        row: r.row,
        column: divisionColumn,
        message: `行政区划 ${code} 不存在或不在您的管辖范围内`,
        messageEn: `Division ${code} does not exist or is outside your scope`,
      });
  }
  return [...errors, ...(await kind.check(db, rows, deps))];
}

function sortErrors(errors: RowError[]): RowError[] {
  return errors.sort((a, b) => a.row - b.row);
}

async function runValidation(
  deps: Deps,
  caller: Caller,
  kind: AnyImportKind,
  jobId: number,
  bytes: Uint8Array,
  limits: Partial<ParseLimits> | undefined,
): Promise<void> {
  const stamp = () => iso(deps.clock.now());
  let lastProgress = 0;
  const setProgress = async (p: number) => {
    const v = Math.floor(p);
    if (v - lastProgress < 5 && v < 100) return;
    lastProgress = v;
    await repo.updateJob(deps.db, jobId, { progress: v, updated_at: stamp() });
  };
  try {
    // Rows are validated as the worker reads them: the grid is never held whole (bench/import.ts).
    const { head, missing, validated } = await validateUpload(kind, bytes, limits, (f) => setProgress(f * 90));
    await setProgress(90);
    let errors: RowError[];
    let valid: ValidRow<unknown>[] = [];
    let rowCount = 0;
    if (missing.length > 0) {
      errors = missing.map((c) => ({
        row: 1,
        column: c.header,
        message: `缺少必填列“${c.header}”，请使用导入模板`,
        messageEn: `Missing column "${c.headerEn}"; use the template`,
      }));
    } else {
      rowCount = validated.rowCount;
      valid = validated.rows;
      errors = [...validated.errors, ...(await checkRows(deps, deps.db, kind, caller, valid))];
      if (rowCount === 0)
        errors.push({ row: 2, column: '', message: '文件中没有数据行', messageEn: 'The file has no data rows' });
    }
    sortErrors(errors);
    const report: Report = {
      errors: errors.slice(0, MAX_REPORTED_ERRORS),
      truncated: errors.length > MAX_REPORTED_ERRORS,
      format: head.format,
      encoding: head.encoding ?? null,
    };
    await repo.updateJob(deps.db, jobId, {
      status: errors.length === 0 ? 'validated' : 'failed',
      row_count: rowCount,
      error_count: errors.length,
      progress: 100,
      report: JSON.stringify(report),
      // Rows may carry personal data (phones, ID numbers, initial passwords): encrypted at rest until commit.
      rows_enc: errors.length === 0 ? sealRows(deps.vault, valid) : null,
      updated_at: stamp(),
    });
  } catch (err) {
    const message = err instanceof AppError ? (err.messages?.zh ?? err.message) : '文件无法解析';
    const report: Report = {
      errors: [{ row: 0, column: '', message }],
      truncated: false,
      format: null,
      encoding: null,
    };
    await repo.updateJob(deps.db, jobId, {
      status: 'failed',
      error_count: 1,
      progress: 100,
      report: JSON.stringify(report),
      updated_at: stamp(),
    });
    throw err;
  }
}

/**
 * Stores a pending import and validates it. With `wait` the answer carries the full report; without, it returns at
 * once (status `parsing`) and GET /api/imports/{id} shows progress. Files refused by the checks answer 4xx.
 */
export async function uploadImport(
  deps: Deps,
  caller: Caller,
  kind: AnyImportKind,
  input: { bytes: Uint8Array; fileName: string; wait: boolean; limits?: Partial<ParseLimits> },
): Promise<ImportJob> {
  const now = iso(deps.clock.now());
  const id = await deps.db.transaction().execute(async (trx) => {
    const { id } = await repo.insertJob(trx, {
      kind: kind.kind,
      userId: caller.principal.userId,
      divisionCode: caller.principal.divisionCode,
      fileName: input.fileName,
      fileBytes: input.bytes.byteLength,
      now,
    });
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'import.upload',
      targetType: 'import_job',
      targetId: id,
      divisionCode: caller.principal.divisionCode,
      details: { kind: kind.kind, fileName: input.fileName, bytes: input.bytes.byteLength },
    });
    return id;
  });
  const work = runValidation(deps, caller, kind, id, input.bytes, input.limits);
  if (input.wait) await work;
  else work.catch(() => undefined); // the failure is recorded on the job
  return getImport(deps, caller, id);
}

/** The caller's own import with its report and progress. */
export async function getImport(deps: Deps, caller: Caller, id: number): Promise<ImportJob> {
  const job = await repo.findOwnJob(deps.db, caller.principal.userId, id);
  if (!job) throw new AppError('NOT_FOUND');
  return present(job, deps.clock.now());
}

/** Runs a commit; a unique violation raised by a concurrent writer becomes a 409 (the transaction rolled back). */
async function commitOrConflict(run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('CONFLICT', {
        zh: '提交时发现重复数据，未写入任何记录；请重新上传',
        en: 'A duplicate appeared while committing; nothing was written — upload again',
      });
    throw err;
  }
}

/** Commits a validated import: every row or none, each audited, scope and duplicates re-checked inside the transaction. */
export async function commitImport(
  deps: Deps,
  caller: Caller,
  kinds: ReadonlyMap<string, AnyImportKind>,
  id: number,
): Promise<ImportJob> {
  const job = await repo.findOwnJob(deps.db, caller.principal.userId, id);
  const kind = job ? kinds.get(job.kind) : undefined;
  if (!job || !kind) throw new AppError('NOT_FOUND');
  if (!hasPermission(caller.principal, kind.permission)) throw new AppError('FORBIDDEN');
  const state = present(job, deps.clock.now()).status;
  if (state !== 'validated' || !job.rows_enc)
    throw new AppError('INVALID_STATE', {
      zh: state === 'expired' ? '导入已过期，请重新上传' : '只有校验通过且未提交的导入可以提交',
      en:
        state === 'expired'
          ? 'The import has expired; upload again'
          : 'Only a validated, uncommitted import can be committed',
    });
  const rows = openRows(deps.vault, job.rows_enc);
  const now = iso(deps.clock.now());
  const count = await commitOrConflict(() =>
    kind.commit(deps, caller, rows, async (trx) => {
      const problems = await checkRows(deps, trx, kind, caller, rows);
      if (problems.length > 0)
        throw new AppError('CONFLICT', {
          zh: '提交时数据已变化，未写入任何记录；请重新上传',
          en: 'Data changed since validation; nothing was written — upload again',
          details: sortErrors(problems)
            .slice(0, 100)
            .map((e) => ({ path: `row ${e.row}: ${e.column}`, message: e.message, messageEn: e.messageEn })),
        });
      if (!(await repo.markJobCommitted(trx, id, now))) throw new AppError('INVALID_STATE');
      await notify(trx, {
        userIds: [caller.principal.userId],
        kind: 'import.committed',
        title: { zh: '导入已完成', en: 'Import committed' },
        body: {
          zh: `${job.file_name}：已写入 ${rows.length} 行。`,
          en: `${job.file_name}: ${rows.length} row${rows.length === 1 ? '' : 's'} written.`,
        },
        // The console lists each import kind's rows at /console/{kind} (organisations, users).
        link: `/console/${kind.kind}`,
        at: deps.clock.now(),
      });
      await writeAudit(trx, deps.audit, caller.actor, {
        action: 'import.commit',
        targetType: 'import_job',
        targetId: id,
        divisionCode: caller.principal.divisionCode,
        details: { kind: kind.kind, rows: rows.length },
      });
    }),
  );
  if (count !== rows.length) throw new AppError('INTERNAL');
  if (count >= ANALYZE_AFTER_ROWS) await analyzeAfterBulkWrite(deps.db);
  return getImport(deps, caller, id);
}
