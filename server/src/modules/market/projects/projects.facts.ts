/** `market.transfer_projects`: transfer projects now, per county where they are carried out, by stage (snapshot). */
import type { DbOrTrx } from '../../../db/database.ts';
import {
  invalidateFact,
  type FactComputeInput,
  type FactDefinition,
  type FactRow,
} from '../../../platform/metrics/index.ts';
import { countByDivisionAndStage } from './projects.repository.ts';

export const TRANSFER_PROJECTS = 'market.transfer_projects';

async function compute(db: DbOrTrx, input: FactComputeInput): Promise<FactRow[]> {
  const out: FactRow[] = [];
  for (let i = 0; i < input.divisionCodes.length; i += 500) {
    const rows = await countByDivisionAndStage(db, input.divisionCodes.slice(i, i + 500));
    for (const r of rows)
      out.push({ divisionCode: r.division_code, period: input.period, value: Number(r.n), dims: { stage: r.stage } });
  }
  return out;
}

export const TRANSFER_PROJECTS_FACT: FactDefinition = {
  name: TRANSFER_PROJECTS,
  title: { zh: '在跟踪的转化项目数（按阶段）', en: 'Transfer projects followed (by stage)' },
  unit: '项',
  periodType: 'snapshot',
  dimensions: ['stage'],
  aggregation: 'sum',
  compute,
};

export function invalidateProjectFacts(): void {
  invalidateFact(TRANSFER_PROJECTS);
}
