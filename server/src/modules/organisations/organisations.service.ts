/** Organisation use cases: every function starts with the access check through the scope function. */
import type { z } from 'zod';
import type {
  ZCreateOrganisationRequest,
  ZListOrganisationsQuery,
  ZUpdateOrganisationRequest,
} from '../../../../contracts/organisations.ts';
import { isUniqueViolation } from '../../db/dialect.ts';
import { isWithinScope, scopeRoots } from '../../platform/access/scope.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { iso } from '../../platform/clock.ts';
import type { Caller, Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors/errors.ts';
import { indexOrganisations } from './organisations.search.ts';
import { invalidateFact } from '../../platform/metrics/index.ts';
import { ORGANISATIONS_COUNT } from './organisations.facts.ts';
import { presentOrganisation } from './organisations.presenter.ts';
import * as repo from './organisations.repository.ts';

export async function listOrganisations(deps: Deps, caller: Caller, query: z.infer<typeof ZListOrganisationsQuery>) {
  const roots = scopeRoots(caller.principal, 'org:read');
  const { rows, total } = await repo.listOrganisations(deps.db, deps.engine, { roots, ...query }, query);
  return { items: rows.map(presentOrganisation), total, page: query.page, pageSize: query.pageSize };
}

export async function getOrganisation(deps: Deps, caller: Caller, id: number) {
  const row = await repo.findOrganisation(deps.db, scopeRoots(caller.principal, 'org:read'), id);
  if (!row) throw new AppError('NOT_FOUND');
  return presentOrganisation(row);
}

export async function createOrganisation(deps: Deps, caller: Caller, body: z.infer<typeof ZCreateOrganisationRequest>) {
  const roots = scopeRoots(caller.principal, 'org:create');
  if (!(await isWithinScope(deps.db, roots, body.divisionCode)))
    throw new AppError('FORBIDDEN', { zh: '不能在管辖范围以外创建单位', en: 'Outside your divisions' });
  const now = iso(deps.clock.now());
  try {
    const id = await deps.db.transaction().execute(async (trx) => {
      const { id } = await repo.insertOrganisation(trx, {
        name: body.name,
        type: body.type,
        uscc: body.uscc ?? null,
        divisionCode: body.divisionCode,
        status: 'active',
        isDemo: false,
        now,
      });
      await writeAudit(trx, deps.audit, caller.actor, {
        action: 'organisation.create',
        targetType: 'organisation',
        targetId: id,
        divisionCode: body.divisionCode,
        details: { name: body.name, type: body.type },
      });
      await indexOrganisations(trx, [id]);
      return id;
    });
    invalidateFact(ORGANISATIONS_COUNT);
    return getOrganisation(deps, caller, id);
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('DUPLICATE', { zh: '该统一社会信用代码已登记', en: 'This credit code is already registered' });
    throw err;
  }
}

export async function updateOrganisation(
  deps: Deps,
  caller: Caller,
  id: number,
  body: z.infer<typeof ZUpdateOrganisationRequest>,
) {
  const row = await repo.findOrganisation(deps.db, scopeRoots(caller.principal, 'org:update'), id);
  if (!row) throw new AppError('NOT_FOUND');
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateOrganisation(trx, id, { ...body, updated_at: iso(deps.clock.now()) });
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'organisation.update',
      targetType: 'organisation',
      targetId: id,
      divisionCode: row.division_code,
      details: { changed: Object.keys(body) },
    });
    await indexOrganisations(trx, [id]);
  });
  invalidateFact(ORGANISATIONS_COUNT);
  return getOrganisation(deps, caller, id);
}
