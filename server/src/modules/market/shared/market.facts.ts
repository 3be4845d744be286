/**
 * Facts the market publishes through platform/metrics (snapshots, per county, by technical field):
 * `market.open_demands` (published demands now) and `market.listed_achievements` (achievements on offer now).
 * Status changes are dated in mkt_event, but a snapshot is what monitoring collects for a period and keeps.
 */
import type { DbOrTrx } from '../../../db/database.ts';
import type { FactComputeInput, FactDefinition, FactRow } from '../../../platform/metrics/index.ts';
import { countListedByDivision } from '../achievements/achievements.repository.ts';
import { countOpenByDivision } from '../demands/demands.repository.ts';

export const OPEN_DEMANDS = 'market.open_demands';
export const LISTED_ACHIEVEMENTS = 'market.listed_achievements';

function toRows(rows: { division_code: string; domain: string; n: number | string }[], period: string): FactRow[] {
  return rows.map((r) => ({ divisionCode: r.division_code, period, value: Number(r.n), dims: { domain: r.domain } }));
}

async function openDemands(db: DbOrTrx, input: FactComputeInput): Promise<FactRow[]> {
  if (input.divisionCodes.length === 0) return [];
  return toRows(await countOpenByDivision(db, input.divisionCodes), input.period);
}

async function listedAchievements(db: DbOrTrx, input: FactComputeInput): Promise<FactRow[]> {
  if (input.divisionCodes.length === 0) return [];
  return toRows(await countListedByDivision(db, input.divisionCodes), input.period);
}

export const OPEN_DEMANDS_FACT: FactDefinition = {
  name: OPEN_DEMANDS,
  title: { zh: '发布中的技术需求数（按领域）', en: 'Open technology demands (by field)' },
  unit: '项',
  periodType: 'snapshot',
  dimensions: ['domain'],
  aggregation: 'sum',
  compute: openDemands,
};

export const LISTED_ACHIEVEMENTS_FACT: FactDefinition = {
  name: LISTED_ACHIEVEMENTS,
  title: { zh: '挂牌中的科技成果数（按领域）', en: 'Achievements on offer (by field)' },
  unit: '项',
  periodType: 'snapshot',
  dimensions: ['domain'],
  aggregation: 'sum',
  compute: listedAchievements,
};
