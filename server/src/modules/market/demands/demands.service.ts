/**
 * Demand use cases (技术需求): create, update, read, list. Enterprises post for their organisation; officers and
 * commissioners record demands collected by survey, 12396 escalation or township collection with a link to the source.
 */
import type { z } from 'zod';
import type { CreateDemandRequest, ZListMarketQuery, ZUpdateDemandRequest } from '../../../../../contracts/market.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import { isWithinScope, scopeRoots } from '../../../platform/access/scope.ts';
import { writeAudit } from '../../../platform/audit/audit.ts';
import { iso } from '../../../platform/clock.ts';
import type { Caller, Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors/errors.ts';
import { invalidateFact } from '../../../platform/metrics/index.ts';
import { notify } from '../../../platform/notifications/index.ts';
import { organisationExists } from '../../organisations/index.ts';
import type { MktDemandTable } from '../market.tables.ts';
import { activePermissionHoldersCovering } from '../../users/index.ts';
import { insertCreationEvents, listEvents } from '../shared/events.repository.ts';
import { OPEN_DEMANDS } from '../shared/market.facts.ts';
import { DEMAND_PUBLIC_STATUSES, isDemandEditable } from '../shared/market.policy.ts';
import { viewerOf, type Viewer } from '../shared/viewer.ts';
import { presentDemand, presentDemandItem } from './demands.presenter.ts';
import * as repo from './demands.repository.ts';
import type { DemandRow } from './demands.repository.ts';
import { indexDemands } from './demands.search.ts';

type Fields = Omit<CreateDemandRequest, 'submit'>;

function checkFields(f: Fields): void {
  if (f.budgetMin !== null && f.budgetMax !== null && f.budgetMin > f.budgetMax)
    throw new AppError('VALIDATION', {
      details: [{ path: 'body.budgetMax', message: '预算上限不能低于下限 / budget max below min' }],
    });
  if (f.cooperationForms.includes('open_call') && f.deadline === null)
    throw new AppError('VALIDATION', {
      details: [{ path: 'body.deadline', message: '揭榜挂帅须填写截止日期 / an open call needs a deadline' }],
    });
}

function columns(
  f: Fields,
): Omit<
  MktDemandTable,
  'id' | 'org_id' | 'status' | 'status_reason' | 'owner_user_id' | 'is_demo' | 'created_at' | 'updated_at'
> {
  return {
    title: f.title,
    description: f.description,
    contact: f.contact,
    source: f.source,
    source_ref: f.sourceRef,
    desired_outcome: f.desiredOutcome,
    requirements: f.requirements,
    keywords: JSON.stringify(f.keywords),
    domain: f.domain,
    target_stage: f.targetStage,
    target_trl: f.targetTrl,
    budget_min: f.budgetMin,
    budget_max: f.budgetMax,
    cooperation_forms: JSON.stringify(f.cooperationForms),
    is_open_call: f.cooperationForms.includes('open_call') ? 1 : 0,
    deadline: f.deadline,
    division_code: f.divisionCode,
  };
}

export async function canSeeDemand(deps: Deps, v: Viewer, row: DemandRow): Promise<boolean> {
  if (row.owner_user_id === v.userId) return true;
  if (DEMAND_PUBLIC_STATUSES.includes(row.status)) return true;
  return row.status !== 'draft' && (await isWithinScope(deps.db, v.oversee, row.division_code));
}

export async function loadVisibleDemand(deps: Deps, v: Viewer, id: number): Promise<DemandRow> {
  const row = await repo.findDemand(deps.db, id);
  if (!row || !(await canSeeDemand(deps, v, row))) throw new AppError('NOT_FOUND');
  return row;
}

export async function getDemand(deps: Deps, caller: Caller, id: number) {
  const v = viewerOf(caller);
  const row = await loadVisibleDemand(deps, v, id);
  const isOwner = row.owner_user_id === v.userId;
  const oversees = await isWithinScope(deps.db, v.oversee, row.division_code);
  const events = await listEvents(deps.db, 'demand', id);
  return presentDemand(row, {
    isOwner,
    showContact: isOwner || oversees,
    isSupporter: await repo.isSupporter(deps.db, id, v.userId),
    proposals: await repo.countProposals(deps.db, id),
    events: events.map((e) => ({
      action: e.action,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      comment: e.comment,
      at: e.at,
    })),
  });
}

export async function listDemands(
  deps: Deps,
  caller: Caller | null,
  query: z.infer<typeof ZListMarketQuery>,
  opts: { onOffer?: boolean } = {},
) {
  const { rows, total } = await repo.listDemands(
    deps.db,
    deps.engine,
    {
      viewer: caller ? viewerOf(caller) : null,
      q: query.q,
      domain: query.domain,
      division: query.division,
      status: query.status,
      mine: query.mine === 'true',
      onOffer: opts.onOffer,
    },
    query,
  );
  return { items: rows.map(presentDemandItem), total, page: query.page, pageSize: query.pageSize };
}

/** The requesting organisation: the caller's own, or (for officers recording a collected demand) one in their scope. */
async function organisationOf(
  deps: Deps,
  caller: Caller,
  requested: number | null | undefined,
): Promise<number | null> {
  if (requested === undefined || requested === null || requested === caller.principal.orgId)
    return caller.principal.orgId;
  const roots = scopeRoots(caller.principal, 'market:oversee');
  if (!(await organisationExists(deps.db, requested, roots)))
    throw new AppError('VALIDATION', {
      details: [{ path: 'body.organisationId', message: '需求单位不存在或不在您的管辖范围内 / unknown organisation' }],
    });
  return requested;
}

export async function notifyDemandReviewers(trx: DbOrTrx, deps: Deps, id: number, title: string, division: string) {
  await notify(trx, {
    userIds: await activePermissionHoldersCovering(trx, 'market:review', division),
    kind: 'market.review.requested',
    title: { zh: `待审核技术需求：${title}`, en: `Demand to review: ${title}` },
    body: { zh: '有新的技术需求提交审核。', en: 'A demand was submitted for review.' },
    link: `/console/market/demands/${id}`,
    at: deps.clock.now(),
  });
}

export async function createDemand(deps: Deps, caller: Caller, body: CreateDemandRequest) {
  const roots = scopeRoots(caller.principal, 'market:post_demand');
  if (!(await isWithinScope(deps.db, roots, body.divisionCode)))
    throw new AppError('FORBIDDEN', { zh: '不能在您所在地区以外发布需求', en: 'Outside your divisions' });
  checkFields(body);
  const orgId = await organisationOf(deps, caller, body.organisationId);
  const now = iso(deps.clock.now());
  const status = body.submit ? 'submitted' : 'draft';
  const actor = caller.principal.userId;
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertDemand(trx, {
      ...columns(body),
      org_id: orgId,
      status,
      status_reason: '',
      owner_user_id: actor,
      is_demo: 0,
      created_at: now,
      updated_at: now,
    });
    await insertCreationEvents(trx, {
      recordType: 'demand',
      recordId: id,
      submitted: status === 'submitted',
      actorUserId: actor,
      at: now,
    });
    if (status === 'submitted') await notifyDemandReviewers(trx, deps, id, body.title, body.divisionCode);
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'market.demand.create',
      targetType: 'mkt_demand',
      targetId: id,
      divisionCode: body.divisionCode,
      details: { title: body.title, status, source: body.source },
    });
    return id;
  });
  return getDemand(deps, caller, id);
}

function requestOf(row: DemandRow): Fields {
  const p = presentDemand(row, { isOwner: true, showContact: true, isSupporter: false, proposals: 0, events: [] });
  return {
    title: p.title,
    description: p.description,
    divisionCode: p.divisionCode,
    organisationId: p.organisationId,
    contact: p.contact,
    source: p.source as Fields['source'],
    sourceRef: p.sourceRef,
    desiredOutcome: p.desiredOutcome,
    requirements: p.requirements,
    keywords: p.keywords,
    domain: p.domain as Fields['domain'],
    targetStage: p.targetStage as Fields['targetStage'],
    targetTrl: p.targetTrl,
    budgetMin: p.budgetMin,
    budgetMax: p.budgetMax,
    cooperationForms: p.cooperationForms as Fields['cooperationForms'],
    deadline: p.deadline,
  };
}

export async function updateDemand(deps: Deps, caller: Caller, id: number, body: z.infer<typeof ZUpdateDemandRequest>) {
  const v = viewerOf(caller);
  const row = await loadVisibleDemand(deps, v, id);
  if (row.owner_user_id !== v.userId)
    throw new AppError('FORBIDDEN', { zh: '只有需求发布人可以修改', en: 'Only the owner may edit' });
  if (!isDemandEditable(row.status))
    throw new AppError('INVALID_STATE', {
      zh: '只有草稿、未通过或已撤回的需求可以修改',
      en: 'Only drafts, rejected or withdrawn records can be edited',
    });
  const merged: Fields = { ...requestOf(row), ...body };
  if (body.divisionCode && body.divisionCode !== row.division_code) {
    if (!(await isWithinScope(deps.db, scopeRoots(caller.principal, 'market:post_demand'), body.divisionCode)))
      throw new AppError('FORBIDDEN', { zh: '不能在您所在地区以外发布需求', en: 'Outside your divisions' });
  }
  checkFields(merged);
  const orgId =
    body.organisationId === undefined ? row.org_id : await organisationOf(deps, caller, body.organisationId);
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateDemand(trx, id, { ...columns(merged), org_id: orgId, updated_at: iso(deps.clock.now()) });
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'market.demand.update',
      targetType: 'mkt_demand',
      targetId: id,
      divisionCode: merged.divisionCode,
      details: { changed: Object.keys(body) },
    });
    await indexDemands(trx, [id]);
  });
  invalidateFact(OPEN_DEMANDS);
  return getDemand(deps, caller, id);
}
