/**
 * Facts the users module publishes through platform/metrics.
 *
 * `experts.count` (科技特派员/专家数) is a snapshot: active accounts holding the `expert` role, counted at the division
 * each expert role is granted for (normally the county the commissioner serves). An account with expert grants in
 * two counties counts in both. Monitoring binds indicator D3.4 (县级以上科技特派员数) to it as a live provisional value.
 */
import type { DbOrTrx } from '../../db/database.ts';
import type { FactComputeInput, FactDefinition, FactRow } from '../../platform/metrics/index.ts';
import { countActiveHoldersByDivision } from './users.repository.ts';

export const EXPERTS_COUNT = 'experts.count';

async function countExperts(db: DbOrTrx, input: FactComputeInput): Promise<FactRow[]> {
  if (input.divisionCodes.length === 0) return [];
  const rows = await countActiveHoldersByDivision(db, 'expert', input.divisionCodes);
  return rows.map((r) => ({ divisionCode: r.division_code, period: input.period, value: Number(r.n) }));
}

/** Listed in the module's manifest (index.ts). */
export const EXPERTS_COUNT_FACT: FactDefinition = {
  name: EXPERTS_COUNT,
  title: { zh: '专家/科技特派员数', en: 'Experts / S&T commissioners' },
  unit: '人',
  periodType: 'snapshot',
  aggregation: 'sum',
  compute: countExperts,
};
