/**
 * Facts the organisations module publishes through platform/metrics.
 *
 * `organisations.count` is a snapshot: the organisations whose status is `active` now, per division and type.
 * Status changes are not dated, so a count "at the end of 2025" could not be reconstructed honestly; monitoring reads
 * the snapshot when it collects a period and keeps that value.
 */
import type { DbOrTrx } from '../../db/database.ts';
import type { FactComputeInput, FactDefinition, FactRow } from '../../platform/metrics/index.ts';
import { countActiveByDivisionAndType } from './organisations.repository.ts';

export const ORGANISATIONS_COUNT = 'organisations.count';

async function countActiveOrganisations(db: DbOrTrx, input: FactComputeInput): Promise<FactRow[]> {
  if (input.divisionCodes.length === 0) return [];
  const rows = await countActiveByDivisionAndType(db, input.divisionCodes);
  return rows.map((r) => ({
    divisionCode: r.division_code,
    period: input.period,
    value: Number(r.n),
    dims: { type: r.type },
  }));
}

/** Listed in the module's manifest (index.ts). */
export const ORGANISATIONS_COUNT_FACT: FactDefinition = {
  name: ORGANISATIONS_COUNT,
  title: { zh: '在册单位数（按类型）', en: 'Active organisations (by type)' },
  unit: '个',
  periodType: 'snapshot',
  dimensions: ['type'],
  aggregation: 'sum',
  compute: countActiveOrganisations,
};
