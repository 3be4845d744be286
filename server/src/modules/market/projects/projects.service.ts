/**
 * 转化项目 use cases: a transfer service centre (an organisation) follows achievements from 研发 to 产业化 with
 * milestones, investment, output value and jobs. Reading needs `market:project_read`, writing `market:project_manage`,
 * each over the county where the project is carried out; stage changes are recorded and audited.
 */
import type { z } from 'zod';
import {
  PROJECT_STAGES,
  PROJECT_STAGE_NAMES,
  type ZCreateProjectRequest,
  type ZListProjectsQuery,
  type ZMilestoneRequest,
  type ZStageChangeRequest,
  type ZUpdateMilestoneRequest,
  type ZUpdateProjectRequest,
} from '../../../../../contracts/market-contracts.ts';
import { scopeRoots } from '../../../platform/access/scope.ts';
import { writeAudit } from '../../../platform/audit/audit.ts';
import { iso } from '../../../platform/clock.ts';
import type { Caller, Deps } from '../../../platform/deps.ts';
import { descendantCodes } from '../../../platform/divisions/index.ts';
import { AppError } from '../../../platform/errors/errors.ts';
import { organisationExists, organisationSummaries } from '../../organisations/index.ts';
import { findAchievement } from '../achievements/achievements.repository.ts';
import { divisionInfo, leagueOf } from '../contracts/division-info.ts';
import { invalidateProjectFacts } from './projects.facts.ts';
import { presentProject, presentProjectSummary } from './projects.presenter.ts';
import * as repo from './projects.repository.ts';

type Perm = 'market:project_read' | 'market:project_manage';

async function codesOf(deps: Deps, caller: Caller, permission: Perm, division?: string): Promise<string[]> {
  const scope = await descendantCodes(deps.db, scopeRoots(caller.principal, permission));
  if (!division) return scope;
  const inDivision = new Set(await descendantCodes(deps.db, [division]));
  return scope.filter((c) => inDivision.has(c));
}

const today = (deps: Deps) => iso(deps.clock.now()).slice(0, 10);

export async function listProjects(deps: Deps, caller: Caller, q: z.infer<typeof ZListProjectsQuery>) {
  const codes = await codesOf(deps, caller, 'market:project_read', q.division);
  const { rows, total } = await repo.listProjects(deps.db, deps.engine, { codes, ...q }, q);
  const counts = await repo.milestoneCounts(
    deps.db,
    rows.map((r) => r.id),
  );
  const info = await divisionInfo(deps.db);
  return {
    items: rows.map((r) => presentProjectSummary(r, info, counts.get(r.id))),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getProject(deps: Deps, caller: Caller, id: number, permission: Perm = 'market:project_read') {
  const row = await repo.findProject(deps.db, await codesOf(deps, caller, permission), id);
  if (!row) throw new AppError('NOT_FOUND');
  const [milestones, history, info] = await Promise.all([
    repo.listMilestones(deps.db, id),
    repo.listStageEvents(deps.db, id),
    divisionInfo(deps.db),
  ]);
  return presentProject(row, info, milestones, history, today(deps));
}

export async function createProject(deps: Deps, caller: Caller, body: z.infer<typeof ZCreateProjectRequest>) {
  const info = await divisionInfo(deps.db);
  if (info.get(body.divisionCode)?.level !== 'county')
    throw new AppError('VALIDATION', {
      zh: `行政区划 ${body.divisionCode} 不存在或不是旗县级单位`,
      en: `Division ${body.divisionCode} does not exist or is not a county`,
      details: [{ path: 'body.divisionCode', message: `行政区划 ${body.divisionCode} 不存在或不是旗县级单位` }],
    });
  const roots = scopeRoots(caller.principal, 'market:project_manage');
  const codes = await descendantCodes(deps.db, roots);
  if (!codes.includes(body.divisionCode))
    throw new AppError('FORBIDDEN', { zh: '不能在管辖范围以外新建转化项目', en: 'Outside your divisions' });
  // The centre lies in the caller's divisions or serves the project's league (a league's centre for its counties).
  const league = leagueOf(info, body.divisionCode);
  if (!(await organisationExists(deps.db, body.centreOrgId, league ? [...roots, league] : roots)))
    throw new AppError('VALIDATION', {
      zh: '转化服务中心不存在或不在您的管辖范围内',
      en: 'The transfer service centre does not exist or is outside your divisions',
      details: [{ path: 'body.centreOrgId', message: '转化服务中心不存在或不在您的管辖范围内' }],
    });
  // The achievement is the market's own record; the project keeps its title as selected.
  if (body.achievementId != null && !(await findAchievement(deps.db, body.achievementId)))
    throw new AppError('VALIDATION', {
      zh: `科技成果 ${body.achievementId} 不存在`,
      en: `Achievement ${body.achievementId} does not exist`,
      details: [{ path: 'body.achievementId', message: `科技成果 ${body.achievementId} 不存在` }],
    });
  const centre = (await organisationSummaries(deps.db, [body.centreOrgId])).get(body.centreOrgId);
  const now = iso(deps.clock.now());
  const id = await deps.db.transaction().execute(async (trx) => {
    const id = await repo.insertProject(trx, {
      centre_org_id: body.centreOrgId,
      centre_name: centre?.name ?? '',
      achievement_id: body.achievementId ?? null,
      achievement_title: body.achievementTitle,
      title: body.title,
      industry: body.industry,
      division_code: body.divisionCode,
      stage: body.stage,
      started_on: body.startedOn,
      investment: body.investment,
      output_value: body.outputValue,
      jobs: body.jobs,
      note: body.note,
      is_demo: 0,
      created_by: caller.principal.userId,
      created_at: now,
      updated_at: now,
    });
    await repo.insertStageEvent(trx, {
      project_id: id,
      from_stage: null,
      to_stage: body.stage,
      note: '立项',
      actor_id: caller.principal.userId,
      at: now,
    });
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'market.project.create',
      targetType: 'transfer_project',
      targetId: id,
      divisionCode: body.divisionCode,
      details: { title: body.title, centreOrgId: body.centreOrgId, achievementId: body.achievementId ?? null },
    });
    return id;
  });
  invalidateProjectFacts();
  return getProject(deps, caller, id);
}

async function findManaged(deps: Deps, caller: Caller, id: number) {
  const row = await repo.findProject(deps.db, await codesOf(deps, caller, 'market:project_manage'), id);
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function updateProject(
  deps: Deps,
  caller: Caller,
  id: number,
  body: z.infer<typeof ZUpdateProjectRequest>,
) {
  const row = await findManaged(deps, caller, id);
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateProject(trx, id, {
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.industry !== undefined ? { industry: body.industry } : {}),
      ...(body.investment !== undefined ? { investment: body.investment } : {}),
      ...(body.outputValue !== undefined ? { output_value: body.outputValue } : {}),
      ...(body.jobs !== undefined ? { jobs: body.jobs } : {}),
      ...(body.note !== undefined ? { note: body.note } : {}),
      updated_at: iso(deps.clock.now()),
    });
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'market.project.update',
      targetType: 'transfer_project',
      targetId: id,
      divisionCode: row.division_code,
      details: { changed: Object.keys(body) },
    });
  });
  return getProject(deps, caller, id, 'market:project_manage');
}

/** Moves a project to another stage; going back needs a reason. */
export async function changeStage(deps: Deps, caller: Caller, id: number, body: z.infer<typeof ZStageChangeRequest>) {
  const row = await findManaged(deps, caller, id);
  if (row.stage === body.stage)
    throw new AppError('INVALID_STATE', {
      zh: `项目已处于${PROJECT_STAGE_NAMES[body.stage]}阶段`,
      en: 'The project is already at this stage',
    });
  const back = PROJECT_STAGES.indexOf(body.stage) < PROJECT_STAGES.indexOf(row.stage);
  if (back && body.note === '')
    throw new AppError('VALIDATION', {
      zh: '退回到前一阶段须说明原因',
      en: 'Going back a stage needs a reason',
      details: [{ path: 'body.note', message: '退回到前一阶段须说明原因' }],
    });
  const now = iso(deps.clock.now());
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateProject(trx, id, { stage: body.stage, updated_at: now });
    await repo.insertStageEvent(trx, {
      project_id: id,
      from_stage: row.stage,
      to_stage: body.stage,
      note: body.note,
      actor_id: caller.principal.userId,
      at: now,
    });
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'market.project.stage',
      targetType: 'transfer_project',
      targetId: id,
      divisionCode: row.division_code,
      details: { from: row.stage, to: body.stage, note: body.note },
    });
  });
  invalidateProjectFacts();
  return getProject(deps, caller, id, 'market:project_manage');
}

export async function addMilestone(deps: Deps, caller: Caller, id: number, body: z.infer<typeof ZMilestoneRequest>) {
  const row = await findManaged(deps, caller, id);
  const now = iso(deps.clock.now());
  await deps.db.transaction().execute(async (trx) => {
    const milestoneId = await repo.insertMilestone(trx, {
      project_id: id,
      stage: body.stage,
      title: body.title,
      planned_on: body.plannedOn,
      done_on: body.doneOn ?? null,
      evidence: body.evidence,
      created_at: now,
      updated_at: now,
    });
    await repo.updateProject(trx, id, { updated_at: now });
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'market.project.milestone',
      targetType: 'transfer_project',
      targetId: id,
      divisionCode: row.division_code,
      details: { milestoneId, title: body.title, doneOn: body.doneOn ?? null },
    });
  });
  return getProject(deps, caller, id, 'market:project_manage');
}

export async function updateMilestone(
  deps: Deps,
  caller: Caller,
  id: number,
  milestoneId: number,
  body: z.infer<typeof ZUpdateMilestoneRequest>,
) {
  const row = await findManaged(deps, caller, id);
  if (!(await repo.findMilestone(deps.db, id, milestoneId))) throw new AppError('NOT_FOUND');
  const now = iso(deps.clock.now());
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateMilestone(trx, milestoneId, {
      ...(body.title !== undefined ? { title: body.title } : {}),
      ...(body.plannedOn !== undefined ? { planned_on: body.plannedOn } : {}),
      ...(body.doneOn !== undefined ? { done_on: body.doneOn } : {}),
      ...(body.evidence !== undefined ? { evidence: body.evidence } : {}),
      updated_at: now,
    });
    await repo.updateProject(trx, id, { updated_at: now });
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'market.project.milestone',
      targetType: 'transfer_project',
      targetId: id,
      divisionCode: row.division_code,
      details: { milestoneId, changed: Object.keys(body) },
    });
  });
  return getProject(deps, caller, id, 'market:project_manage');
}

/** A centre's board: its projects in the caller's scope, by stage, with totals per column. */
export async function getBoard(deps: Deps, caller: Caller, centreId: number) {
  const roots = scopeRoots(caller.principal, 'market:project_read');
  const rows = await repo.listCentreProjects(deps.db, await descendantCodes(deps.db, roots), centreId);
  // A centre outside the caller's divisions shows only when it follows projects inside them.
  if (rows.length === 0 && !(await organisationExists(deps.db, centreId, roots))) throw new AppError('NOT_FOUND');
  const centre = (await organisationSummaries(deps.db, [centreId])).get(centreId);
  const counts = await repo.milestoneCounts(
    deps.db,
    rows.map((r) => r.id),
  );
  const info = await divisionInfo(deps.db);
  const summaries = rows.map((r) => presentProjectSummary(r, info, counts.get(r.id)));
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return {
    centre: { id: centreId, name: centre?.name ?? '' },
    columns: PROJECT_STAGES.map((stage) => {
      const projects = summaries.filter((p) => p.stage === stage);
      return {
        stage,
        stageName: PROJECT_STAGE_NAMES[stage],
        count: projects.length,
        investment: round(projects.reduce((s, p) => s + p.investment, 0)),
        outputValue: round(projects.reduce((s, p) => s + p.outputValue, 0)),
        jobs: projects.reduce((s, p) => s + p.jobs, 0),
        projects,
      };
    }),
  };
}
