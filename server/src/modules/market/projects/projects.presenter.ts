/** Transfer-project rows -> API shapes (contracts/market-projects.ts). */
import { PROJECT_STAGE_NAMES, type Project } from '../../../../../contracts/market-contracts.ts';
import { wan } from '../contracts/contracts.presenter.ts';
import type { DivisionInfo } from '../contracts/division-info.ts';
import type { MilestoneRow, ProjectRow, StageEventRow } from './projects.repository.ts';

export function presentProjectSummary(
  row: ProjectRow,
  info: ReadonlyMap<string, DivisionInfo>,
  counts: { done: number; total: number } | undefined,
) {
  return {
    id: row.id,
    title: row.title,
    centreOrgId: row.centre_org_id,
    centreName: row.centre_name,
    achievementId: row.achievement_id,
    achievementTitle: row.achievement_title,
    industry: row.industry,
    divisionCode: row.division_code,
    divisionName: info.get(row.division_code)?.name ?? row.division_code,
    stage: row.stage,
    stageName: PROJECT_STAGE_NAMES[row.stage],
    startedOn: row.started_on,
    investment: wan(row.investment),
    outputValue: wan(row.output_value),
    jobs: row.jobs,
    milestonesDone: counts?.done ?? 0,
    milestonesTotal: counts?.total ?? 0,
    isDemo: row.is_demo === 1,
    updatedAt: row.updated_at,
  };
}

export function presentProject(
  row: ProjectRow,
  info: ReadonlyMap<string, DivisionInfo>,
  milestones: readonly MilestoneRow[],
  history: readonly StageEventRow[],
  today: string,
): Project {
  return {
    ...presentProjectSummary(row, info, {
      done: milestones.filter((m) => m.done_on !== null).length,
      total: milestones.length,
    }),
    note: row.note,
    milestones: milestones.map((m) => ({
      id: m.id,
      stage: m.stage,
      stageName: PROJECT_STAGE_NAMES[m.stage],
      title: m.title,
      plannedOn: m.planned_on,
      doneOn: m.done_on,
      evidence: m.evidence,
      isLate: m.done_on === null && m.planned_on < today,
    })),
    history: history.map((e) => ({ fromStage: e.from_stage, toStage: e.to_stage, note: e.note, at: e.at })),
  };
}
