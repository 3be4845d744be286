/**
 * 创业技术库 use cases: the public library (no sign-in), a visitor's or user's request to the transfer centre's queue,
 * and the queue itself for officers who handle it (`market:startup_handle`: region and league officers, over the
 * achievement's division). The contact shown is always the transfer centre, never the researcher.
 */
import type { z } from 'zod';
import type {
  ZListStartupRequestsQuery,
  ZStartupLibraryQuery,
  ZStartupRequest,
  ZStartupRequestUpdate,
} from '../../../../../contracts/market-deals.ts';
import { STARTUP_REQUEST_STATUSES } from '../../../../../contracts/market-deals.ts';
import { maskPhone } from '../../../../../contracts/identifiers.ts';
import { isWithinScope, scopeRoots } from '../../../platform/access/scope.ts';
import { writeAudit, type AuditActor } from '../../../platform/audit/audit.ts';
import { iso } from '../../../platform/clock.ts';
import type { Caller, Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors/errors.ts';
import { notify } from '../../../platform/notifications/index.ts';
import { parseJson, parseStrings } from '../shared/json.ts';
import * as repo from './startup.repository.ts';
import type { LibraryRow, RequestRow } from './startup.repository.ts';
import { activePermissionHoldersCovering } from '../../users/index.ts';

const HOW = '在本页提交对接申请，转化服务中心工作人员将与您电话联系';

function presentItem(r: LibraryRow) {
  const s = parseJson<{ cost?: number | null; equipment?: string; training?: string }>(r.suitability, {});
  const leagueCode = r.division_level === 'prefecture' ? r.division_code : (r.league_code ?? null);
  const leagueName = r.division_level === 'prefecture' ? r.division_name : (r.league_name ?? null);
  return {
    id: r.id,
    title: r.title,
    summary: r.summary,
    domain: r.domain,
    stage: r.stage,
    trl: r.trl,
    transferModes: parseStrings(r.transfer_modes),
    pricingMode: r.pricing_mode,
    price: r.price === null ? null : Number(r.price),
    cost: s.cost ?? null,
    equipment: s.equipment ?? '',
    training: s.training ?? '',
    divisionCode: r.division_code,
    divisionName: r.division_name,
    leagueCode,
    leagueName,
    contact: { centre: `${leagueName ?? '内蒙古自治区'}科技成果转化服务中心`, how: HOW },
    isDemo: r.is_demo === 1,
  };
}

export async function listLibrary(deps: Deps, q: z.infer<typeof ZStartupLibraryQuery>) {
  const { rows, total } = await repo.listLibrary(deps.db, deps.engine, q, q);
  return { items: rows.map(presentItem), total, page: q.page, pageSize: q.pageSize };
}

export async function getLibraryItem(deps: Deps, id: number) {
  const r = await repo.findInLibrary(deps.db, id);
  if (!r) throw new AppError('NOT_FOUND');
  return {
    ...presentItem(r),
    keywords: parseStrings(r.keywords),
    publicSummary: { problem: '', advantage: '', scenarios: '', economics: '', ...parseJson(r.public_summary, {}) },
  };
}

/** A request from the library (visitor or signed-in user): persisted, audited, the handling officers told. */
export async function submitRequest(
  deps: Deps,
  actor: AuditActor,
  userId: number | null,
  body: z.infer<typeof ZStartupRequest>,
) {
  const a = await repo.findInLibrary(deps.db, body.achievementId);
  if (!a) throw new AppError('NOT_FOUND');
  if (!(await repo.isCounty(deps.db, body.countyCode)))
    throw new AppError('VALIDATION', {
      zh: '所在旗县不存在，请从列表中选择旗县（市、区）',
      en: 'Unknown county',
      details: [{ path: 'body.countyCode', message: '所在旗县不存在 / unknown county' }],
    });
  const now = deps.clock.now();
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertRequest(trx, {
      achievementId: a.id,
      division: a.division_code,
      name: body.name,
      phone: body.phone,
      county: body.countyCode,
      want: body.want,
      userId,
      at: iso(now),
    });
    await writeAudit(trx, deps.audit, actor, {
      action: 'market.startup.request',
      targetType: 'mkt_startup_request',
      targetId: id,
      divisionCode: a.division_code,
      details: { achievement: a.id, county: body.countyCode, registered: userId !== null },
    });
    await notify(trx, {
      userIds: await activePermissionHoldersCovering(trx, 'market:startup_handle', a.division_code),
      kind: 'market.startup.requested',
      title: { zh: `创业技术库对接申请：${a.title}`, en: `Start-up library request: ${a.title}` },
      body: { zh: '有新的创业技术对接申请，请在“创业对接申请”中联系申请人。', en: 'A new request waits in the queue.' },
      link: '/console/market/startup-requests',
      at: now,
    });
    return id;
  });
  return { id, status: 'new' as const };
}

function presentRequest(r: RequestRow) {
  return {
    id: r.id,
    achievementId: r.achievement_id,
    achievementTitle: r.achievement_title,
    name: r.name,
    phone: maskPhone(r.phone),
    countyCode: r.county_code,
    countyName: r.county_name,
    want: r.want,
    registered: r.user_id !== null,
    status: r.status,
    note: r.note,
    divisionCode: r.division_code,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function listRequests(deps: Deps, caller: Caller, q: z.infer<typeof ZListStartupRequestsQuery>) {
  const roots = scopeRoots(caller.principal, 'market:startup_handle');
  const { rows, total } = await repo.listRequests(deps.db, roots, { status: q.status, division: q.division }, q);
  return { items: rows.map(presentRequest), total, page: q.page, pageSize: q.pageSize };
}

/** A request in the caller's `market:startup_handle` scope, or 404. */
async function loadHandled(deps: Deps, caller: Caller, id: number): Promise<RequestRow> {
  const row = await repo.findRequest(deps.db, id);
  const roots = scopeRoots(caller.principal, 'market:startup_handle');
  if (!row || !(await isWithinScope(deps.db, roots, row.division_code))) throw new AppError('NOT_FOUND');
  return row;
}

/** The full phone number for the call-back; each read leaves an audit row. */
export async function readContact(deps: Deps, caller: Caller, id: number) {
  const row = await loadHandled(deps, caller, id);
  await deps.db.transaction().execute((trx) =>
    writeAudit(trx, deps.audit, caller.actor, {
      action: 'market.startup.contact_view',
      targetType: 'mkt_startup_request',
      targetId: id,
      divisionCode: row.division_code,
    }),
  );
  return { id: row.id, name: row.name, phone: row.phone };
}

export async function updateRequest(
  deps: Deps,
  caller: Caller,
  id: number,
  body: z.infer<typeof ZStartupRequestUpdate>,
) {
  const row = await loadHandled(deps, caller, id);
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateRequest(trx, id, {
      status: body.status,
      note: body.note,
      by: caller.principal.userId,
      at: iso(deps.clock.now()),
    });
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'market.startup.handle',
      targetType: 'mkt_startup_request',
      targetId: id,
      divisionCode: row.division_code,
      details: { from: row.status, to: body.status, statusName: STARTUP_REQUEST_STATUSES[body.status] },
    });
  });
  const after = await repo.findRequest(deps.db, id);
  if (!after) throw new AppError('NOT_FOUND');
  return presentRequest(after);
}
