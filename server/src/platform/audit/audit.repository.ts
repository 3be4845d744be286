/** SQL of audit reads: the rows a reader may see, narrowed by the scope function and the list filters. */
import { sql } from 'kysely';
import type { z } from 'zod';
import type { ZAuditExportQuery } from '../../../../contracts/audit.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { scopeFilter } from '../access/scope.ts';

export type AuditFilter = z.infer<typeof ZAuditExportQuery>;

/**
 * Audit rows within `roots` (the reader's `audit:read` divisions) matching the filters; shared by GET /api/audit and
 * its exports so both show exactly the same rows. Rows without a division (failed logins of unknown names, system
 * events) belong to region-level auditors.
 */
export async function auditRows(db: DbOrTrx, roots: readonly string[], q: AuditFilter) {
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
