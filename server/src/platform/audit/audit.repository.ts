/**
 * SQL of the audit trail: appending to the chain and walking it (audit.ts holds the locking and hashing), and the
 * reads: the rows a reader may see, narrowed by the scope function and the list filters.
 */
import { sql, type Insertable, type Selectable } from 'kysely';
import type { z } from 'zod';
import type { ZAuditExportQuery } from '../../../../contracts/audit.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { scopeFilter } from '../access/scope.ts';
import type { PageRequest } from '../http/paging.ts';
import { fetchPage } from '../http/paging.ts';
import type { AuditLogTable } from '../platform.tables.ts';

export type AuditFilter = z.infer<typeof ZAuditExportQuery>;
export type AuditLogRow = Selectable<AuditLogTable>;

/** The newest row of the chain (its seq and hash), or undefined while the chain is empty. */
export async function findChainTail(db: DbOrTrx) {
  return db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

/** Appends one row, its seq and hashes already computed by the caller. */
export async function insertAuditRow(db: DbOrTrx, row: Insertable<AuditLogTable>): Promise<void> {
  await db.insertInto('audit_log').values(row).execute();
}

/** Up to `limit` rows after `afterSeq`, in seq order (one batch of a walk over the whole chain). */
export async function listChainBatch(db: DbOrTrx, afterSeq: number, limit: number): Promise<AuditLogRow[]> {
  return db.selectFrom('audit_log').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
}

/**
 * Audit rows within `roots` (the reader's `audit:read` divisions) matching the filters; shared by GET /api/audit and
 * its exports so both show exactly the same rows. Rows without a division (failed logins of unknown names, system
 * events) belong to region-level auditors.
 */
async function auditRows(db: DbOrTrx, roots: readonly string[], q: AuditFilter) {
  const provinceRoots = await db
    .selectFrom('division')
    .select('code')
    .where('code', 'in', roots.length ? roots : [''])
    .where('level', '=', 'province')
    .execute();
  let base = db
    .selectFrom('audit_log')
    .where((eb) =>
      provinceRoots.length > 0
        ? eb.or([scopeFilter('audit_log.division_code', roots), eb('audit_log.division_code', 'is', null)])
        : scopeFilter('audit_log.division_code', roots),
    );
  if (q.actor) base = base.where('audit_log.actor_username', '=', q.actor.toLowerCase());
  if (q.action) base = base.where('audit_log.action', '=', q.action);
  if (q.division) base = base.where(scopeFilter('audit_log.division_code', [q.division]));
  if (q.from) base = base.where('audit_log.at', '>=', q.from);
  if (q.to) base = base.where('audit_log.at', '<', sql<string>`${q.to + 'T23:59:59.999Z'}`);
  return base;
}

/** One page of the readable audit rows, newest first, with the number of all of them. */
export async function listAuditPage(db: DbOrTrx, roots: readonly string[], q: AuditFilter & PageRequest) {
  const base = await auditRows(db, roots, q);
  return fetchPage(base, (qb) => qb.selectAll().orderBy('audit_log.seq', 'desc'), q);
}

/**
 * The readable audit rows for an export: how many there are and the newest seq among them (`last`), and `readBatch`,
 * which reads them newest first up to `last` (so rows written meanwhile never shift the batches), `limit` rows before
 * the seq `before` (null: from `last`).
 */
export async function openAuditExport(db: DbOrTrx, roots: readonly string[], q: AuditFilter) {
  const base = await auditRows(db, roots, q);
  const summary = await base
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('audit_log.seq').as('last')])
    .executeTakeFirst();
  const last = Number(summary?.last ?? 0);
  return {
    total: Number(summary?.n ?? 0),
    readBatch: (before: number | null, limit: number): Promise<AuditLogRow[]> =>
      base
        .selectAll()
        .where('audit_log.seq', '<=', last)
        .$if(before !== null, (qb) => qb.where('audit_log.seq', '<', before ?? 0))
        .orderBy('audit_log.seq', 'desc')
        .limit(limit)
        .execute(),
  };
}
