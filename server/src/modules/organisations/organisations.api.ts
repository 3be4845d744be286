/**
 * What other modules may do with organisations, through the front door (index.ts). The organisations module owns the
 * `organisation` table: a write here runs in the caller's transaction and, like the module's own use cases, writes its
 * audit row and (re)indexes the organisation for the search in that transaction, and invalidates the
 * `organisations.count` fact. The caller checks access; these functions only keep the table's rules.
 */
import type { DbOrTrx } from '../../db/database.ts';
import { writeAudit, type AuditActor } from '../../platform/audit/audit.ts';
import { iso } from '../../platform/clock.ts';
import type { Deps } from '../../platform/deps.ts';
import { invalidateFact } from '../../platform/metrics/index.ts';
import { indexOrganisations } from './organisations.search.ts';
import { ORGANISATIONS_COUNT } from './organisations.facts.ts';
import * as repo from './organisations.repository.ts';
import type { OrganisationType } from './organisations.tables.ts';

export interface PendingOrganisation {
  name: string;
  type: OrganisationType;
  uscc: string | null;
  divisionCode: string;
}

/** Registers an organisation pending approval (self-registration); returns its id. A taken credit code throws a unique violation. */
export async function createPending(
  trx: DbOrTrx,
  deps: Pick<Deps, 'audit' | 'clock'>,
  actor: AuditActor,
  org: PendingOrganisation,
): Promise<number> {
  const { id } = await repo.insertOrganisation(trx, {
    name: org.name,
    type: org.type,
    uscc: org.uscc,
    divisionCode: org.divisionCode,
    status: 'pending',
    isDemo: false,
    now: iso(deps.clock.now()),
  });
  await writeAudit(trx, deps.audit, actor, {
    action: 'organisation.create',
    targetType: 'organisation',
    targetId: id,
    divisionCode: org.divisionCode,
    details: { name: org.name, type: org.type, status: 'pending' },
  });
  await indexOrganisations(trx, [id]);
  invalidateFact(ORGANISATIONS_COUNT);
  return id;
}

export type OrganisationDecision = 'approve' | 'reject';

/**
 * Approves (-> active) or rejects (-> rejected) a pending organisation. Returns false, writing nothing, when the
 * organisation is not pending (decided before, or an existing organisation a registration joined).
 */
export async function decide(
  trx: DbOrTrx,
  deps: Pick<Deps, 'audit' | 'clock'>,
  actor: AuditActor,
  orgId: number,
  decision: OrganisationDecision,
): Promise<boolean> {
  const status = decision === 'approve' ? 'active' : 'rejected';
  const row = await repo.decidePendingOrganisation(trx, orgId, status, iso(deps.clock.now()));
  if (!row) return false;
  await writeAudit(trx, deps.audit, actor, {
    action: 'organisation.update',
    targetType: 'organisation',
    targetId: orgId,
    divisionCode: row.division_code,
    details: { changed: ['status'], status },
  });
  await indexOrganisations(trx, [orgId]);
  invalidateFact(ORGANISATIONS_COUNT);
  return true;
}

export function approve(trx: DbOrTrx, deps: Pick<Deps, 'audit' | 'clock'>, actor: AuditActor, orgId: number) {
  return decide(trx, deps, actor, orgId, 'approve');
}

export function reject(trx: DbOrTrx, deps: Pick<Deps, 'audit' | 'clock'>, actor: AuditActor, orgId: number) {
  return decide(trx, deps, actor, orgId, 'reject');
}

/** Reads for other modules. */
export const organisationIdByUscc = repo.organisationIdByUscc;
export const organisationExists = repo.organisationExists;
export const organisationSummaries = repo.organisationSummaries;

/** The first (lowest id) demo organisation of a type in a division: demo seeds of other modules attach records to it. */
export async function firstDemoOrganisationOf(
  db: DbOrTrx,
  divisionCode: string,
  type: OrganisationType,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('organisation')
    .select('id')
    .where('division_code', '=', divisionCode)
    .where('type', '=', type)
    .where('is_demo', '=', 1)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}
