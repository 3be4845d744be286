/**
 * Facts the users module publishes through platform/metrics.
 *
 * `experts.count` (科技特派员/专家数) is a snapshot: active accounts holding the `expert` role, counted at the division
 * each expert role is granted for (normally the county the commissioner serves). An account with expert grants in
 * two counties counts in both. Monitoring binds indicator D3.4 (县级以上科技特派员数) to it as a live provisional value.
 */
import type { DbOrTrx } from '../../db/database.ts';
import { defineFact, type FactComputeInput, type FactRow } from '../../platform/metrics/index.ts';

export const EXPERTS_COUNT = 'experts.count';

async function countExperts(db: DbOrTrx, input: FactComputeInput): Promise<FactRow[]> {
  if (input.divisionCodes.length === 0) return [];
  const rows = await db
    .selectFrom('user_role')
    .innerJoin('app_user', 'app_user.id', 'user_role.user_id')
    .select(['user_role.division_code', (eb) => eb.fn.count<number | string>('user_role.user_id').distinct().as('n')])
    .where('user_role.role_code', '=', 'expert')
    .where('app_user.status', '=', 'active')
    .where('user_role.division_code', 'in', [...input.divisionCodes])
    .groupBy('user_role.division_code')
    .execute();
  return rows.map((r) => ({ divisionCode: r.division_code, period: input.period, value: Number(r.n) }));
}

/** Registers the module's facts (idempotent; called from the module's front door). */
export function registerUserFacts(): void {
  defineFact({
    name: EXPERTS_COUNT,
    title: { zh: '专家/科技特派员数', en: 'Experts / S&T commissioners' },
    unit: '人',
    periodType: 'snapshot',
    aggregation: 'sum',
    compute: countExperts,
  });
}
