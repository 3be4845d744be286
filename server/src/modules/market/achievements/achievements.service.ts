/**
 * Achievement use cases (成果): create, update, read, list. Every function starts with the access check; the
 * confidential detail is read only for the owner and for a user whose NDA request the owner approved.
 */
import type { z } from 'zod';
import type {
  CreateAchievementRequest,
  ZListMarketQuery,
  ZUpdateAchievementRequest,
} from '../../../../../contracts/market.ts';
import { isWithinScope, scopeRoots } from '../../../platform/access/scope.ts';
import { writeAudit } from '../../../platform/audit/audit.ts';
import { iso } from '../../../platform/clock.ts';
import type { Caller, Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors/errors.ts';
import { invalidateFact } from '../../../platform/metrics/index.ts';
import { notify } from '../../../platform/notifications/index.ts';
import type { MktAchievementTable } from '../market.tables.ts';
import { activePermissionHoldersCovering } from '../../users/index.ts';
import { insertCreationEvents, listEvents } from '../shared/events.repository.ts';
import { LISTED_ACHIEVEMENTS } from '../shared/market.facts.ts';
import { ACHIEVEMENT_PUBLIC_STATUSES, isAchievementEditable } from '../shared/market.policy.ts';
import { viewerOf, type Viewer } from '../shared/viewer.ts';
import { ndaStatusOf } from '../nda/nda.repository.ts';
import { presentAchievement, presentAchievementItem } from './achievements.presenter.ts';
import * as repo from './achievements.repository.ts';
import type { AchievementRow } from './achievements.repository.ts';
import { indexAchievements } from './achievements.search.ts';

type Fields = Omit<CreateAchievementRequest, 'submit'>;

function checkFields(f: Fields): void {
  const details: { path: string; message: string }[] = [];
  if (f.pricingMode === 'listed' && f.price === null)
    details.push({ path: 'body.price', message: '挂牌价方式须填写价格（万元） / a listed price needs a price' });
  const percent = f.contributors.reduce((s, c) => s + c.percent, 0);
  if (percent > 100.001)
    details.push({ path: 'body.contributors', message: '完成人贡献比例合计不能超过 100% / contributions exceed 100%' });
  const shares = f.owners.reduce((s, o) => s + o.share, 0);
  if (shares > 100.001)
    details.push({ path: 'body.owners', message: '权利人份额合计不能超过 100% / shares exceed 100%' });
  if (details.length > 0) throw new AppError('VALIDATION', { details });
}

export function columns(
  f: Fields,
): Omit<
  MktAchievementTable,
  | 'id'
  | 'status'
  | 'status_reason'
  | 'publicity_ends_at'
  | 'division_code'
  | 'owner_user_id'
  | 'org_id'
  | 'is_demo'
  | 'created_at'
  | 'updated_at'
> {
  return {
    registration_no: f.registrationNo ?? null,
    title: f.title,
    summary: f.summary,
    keywords: JSON.stringify(f.keywords),
    domain: f.domain,
    type: f.type,
    attribute: f.attribute,
    form: f.form,
    stage: f.stage,
    trl: f.trl,
    register: JSON.stringify({
      level: f.level,
      researchPeriod: f.researchPeriod,
      fundingSource: f.fundingSource,
      completingUnits: f.completingUnits,
      contributors: f.contributors,
      owners: f.owners,
      ipItems: f.ipItems,
    }),
    public_summary: JSON.stringify(f.publicSummary),
    confidential_detail: f.confidentialDetail,
    visibility: f.visibility,
    transfer_modes: JSON.stringify(f.transferModes),
    pricing_mode: f.pricingMode,
    price: f.price,
    suitability: JSON.stringify(f.suitability),
    for_entrepreneurs: f.suitability.forEntrepreneurs ? 1 : 0,
  };
}

/** Whether the viewer may see the achievement at all (the SQL twin is repo.visibleTo). */
export async function canSee(deps: Deps, v: Viewer, row: AchievementRow): Promise<boolean> {
  if (row.owner_user_id === v.userId) return true;
  if (ACHIEVEMENT_PUBLIC_STATUSES.includes(row.status) && row.visibility !== 'private') return true;
  return row.status !== 'draft' && (await isWithinScope(deps.db, v.oversee, row.division_code));
}

/** The achievement as the viewer may see it, or 404. */
export async function loadVisible(deps: Deps, v: Viewer, id: number): Promise<AchievementRow> {
  const row = await repo.findAchievement(deps.db, id);
  if (!row || !(await canSee(deps, v, row))) throw new AppError('NOT_FOUND');
  return row;
}

export async function getAchievement(deps: Deps, caller: Caller, id: number) {
  const v = viewerOf(caller);
  const row = await loadVisible(deps, v, id);
  const isOwner = row.owner_user_id === v.userId;
  const ndaStatus = isOwner ? null : await ndaStatusOf(deps.db, id, v.userId);
  const released = isOwner || ndaStatus === 'approved';
  const events = await listEvents(deps.db, 'achievement', id);
  return presentAchievement(row, {
    isOwner,
    ndaStatus,
    confidentialDetail: released ? await repo.readConfidentialDetail(deps.db, id) : null,
    events: events.map((e) => ({
      action: e.action,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      comment: e.comment,
      at: e.at,
    })),
  });
}

export async function listAchievements(
  deps: Deps,
  caller: Caller | null,
  query: z.infer<typeof ZListMarketQuery>,
  opts: { onOffer?: boolean } = {},
) {
  const viewer = caller ? viewerOf(caller) : null;
  const { rows, total } = await repo.listAchievements(
    deps.db,
    deps.engine,
    {
      viewer,
      q: query.q,
      domain: query.domain,
      division: query.division,
      status: query.status,
      mine: query.mine === 'true',
      forEntrepreneurs: query.forEntrepreneurs === 'true',
      onOffer: opts.onOffer || query.forEntrepreneurs === 'true',
    },
    query,
  );
  return { items: rows.map(presentAchievementItem), total, page: query.page, pageSize: query.pageSize };
}

export async function createAchievement(deps: Deps, caller: Caller, body: CreateAchievementRequest) {
  const roots = scopeRoots(caller.principal, 'market:post_achievement');
  if (!(await isWithinScope(deps.db, roots, body.divisionCode)))
    throw new AppError('FORBIDDEN', { zh: '不能在您所在地区以外发布成果', en: 'Outside your divisions' });
  checkFields(body);
  const now = iso(deps.clock.now());
  const status = body.submit ? 'submitted' : 'draft';
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertAchievement(trx, {
      ...columns(body),
      status,
      status_reason: '',
      publicity_ends_at: null,
      division_code: body.divisionCode,
      owner_user_id: caller.principal.userId,
      org_id: caller.principal.orgId,
      is_demo: 0,
      created_at: now,
      updated_at: now,
    });
    const actor = caller.principal.userId;
    await insertCreationEvents(trx, {
      recordType: 'achievement',
      recordId: id,
      submitted: status === 'submitted',
      actorUserId: actor,
      at: now,
    });
    if (status === 'submitted') await notifyReviewers(trx, deps, id, body.title, body.divisionCode);
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'market.achievement.create',
      targetType: 'mkt_achievement',
      targetId: id,
      divisionCode: body.divisionCode,
      details: { title: body.title, status },
    });
    return id;
  });
  return getAchievement(deps, caller, id);
}

/** Tells the reviewers covering the division that an achievement waits for review. */
export async function notifyReviewers(
  trx: Parameters<typeof notify>[0],
  deps: Deps,
  id: number,
  title: string,
  division: string,
) {
  await notify(trx, {
    userIds: await activePermissionHoldersCovering(trx, 'market:review', division),
    kind: 'market.review.requested',
    title: { zh: `待审核科技成果：${title}`, en: `Achievement to review: ${title}` },
    body: { zh: '有新的科技成果提交审核。', en: 'An achievement was submitted for review.' },
    link: `/console/market/achievements/${id}`,
    at: deps.clock.now(),
  });
}

function requestOf(row: AchievementRow, detail: string): Fields {
  const p = presentAchievement(row, { isOwner: true, confidentialDetail: detail, ndaStatus: null, events: [] });
  return {
    title: p.title,
    summary: p.summary,
    confidentialDetail: detail,
    divisionCode: p.divisionCode,
    registrationNo: p.registrationNo,
    keywords: p.keywords,
    domain: p.domain as Fields['domain'],
    type: p.type as Fields['type'],
    attribute: p.attribute as Fields['attribute'],
    form: p.form as Fields['form'],
    stage: p.stage as Fields['stage'],
    trl: p.trl,
    level: p.level,
    researchPeriod: p.researchPeriod,
    fundingSource: p.fundingSource,
    completingUnits: p.completingUnits,
    contributors: p.contributors,
    owners: p.owners,
    ipItems: p.ipItems,
    publicSummary: p.publicSummary,
    visibility: p.visibility as Fields['visibility'],
    transferModes: p.transferModes as Fields['transferModes'],
    pricingMode: p.pricingMode as Fields['pricingMode'],
    price: p.price,
    suitability: p.suitability,
  };
}

export async function updateAchievement(
  deps: Deps,
  caller: Caller,
  id: number,
  body: z.infer<typeof ZUpdateAchievementRequest>,
) {
  const v = viewerOf(caller);
  const row = await loadVisible(deps, v, id);
  if (row.owner_user_id !== v.userId)
    throw new AppError('FORBIDDEN', { zh: '只有成果发布人可以修改', en: 'Only the owner may edit' });
  if (!isAchievementEditable(row.status))
    throw new AppError('INVALID_STATE', {
      zh: '只有草稿、未通过或已撤回的成果可以修改',
      en: 'Only drafts, rejected or withdrawn records can be edited',
    });
  const merged: Fields = { ...requestOf(row, await repo.readConfidentialDetail(deps.db, id)), ...body };
  if (body.divisionCode && body.divisionCode !== row.division_code) {
    const roots = scopeRoots(caller.principal, 'market:post_achievement');
    if (!(await isWithinScope(deps.db, roots, body.divisionCode)))
      throw new AppError('FORBIDDEN', { zh: '不能在您所在地区以外发布成果', en: 'Outside your divisions' });
  }
  checkFields(merged);
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateAchievement(trx, id, {
      ...columns(merged),
      division_code: merged.divisionCode,
      updated_at: iso(deps.clock.now()),
    });
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'market.achievement.update',
      targetType: 'mkt_achievement',
      targetId: id,
      divisionCode: merged.divisionCode,
      details: { changed: Object.keys(body) },
    });
    await indexAchievements(trx, [id]);
  });
  invalidateFact(LISTED_ACHIEVEMENTS);
  return getAchievement(deps, caller, id);
}
