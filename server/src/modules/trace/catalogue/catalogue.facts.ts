/**
 * Facts the trace catalogue publishes through platform/metrics (snapshots, per county): `trace.traced_batches`
 * (batches carrying a platform trace code, by status) and `trace.operators` (registered operators, by kind).
 * Demo records count like any other in a demo installation.
 */
import type { DbOrTrx } from '../../../db/database.ts';
import {
  invalidateFact,
  type FactComputeInput,
  type FactDefinition,
  type FactRow,
} from '../../../platform/metrics/index.ts';

export const TRACED_BATCHES = 'trace.traced_batches';
export const OPERATORS = 'trace.operators';

async function tracedBatches(db: DbOrTrx, input: FactComputeInput): Promise<FactRow[]> {
  if (input.divisionCodes.length === 0) return [];
  const rows = await db
    .selectFrom('trace_batch')
    .select(['division_code', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('division_code', 'in', input.divisionCodes)
    .groupBy(['division_code', 'status'])
    .execute();
  return rows.map((r) => ({
    divisionCode: r.division_code,
    period: input.period,
    value: Number(r.n),
    dims: { status: r.status },
  }));
}

async function operators(db: DbOrTrx, input: FactComputeInput): Promise<FactRow[]> {
  if (input.divisionCodes.length === 0) return [];
  const rows = await db
    .selectFrom('trace_operator')
    .select(['division_code', 'kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('division_code', 'in', input.divisionCodes)
    .groupBy(['division_code', 'kind'])
    .execute();
  return rows.map((r) => ({
    divisionCode: r.division_code,
    period: input.period,
    value: Number(r.n),
    dims: { kind: r.kind },
  }));
}

export const TRACED_BATCHES_FACT: FactDefinition = {
  name: TRACED_BATCHES,
  title: { zh: '赋追溯码批次数（按状态）', en: 'Batches with a trace code (by status)' },
  unit: '批',
  periodType: 'snapshot',
  dimensions: ['status'],
  aggregation: 'sum',
  compute: tracedBatches,
};

export const OPERATORS_FACT: FactDefinition = {
  name: OPERATORS,
  title: { zh: '追溯经营主体数（按类型）', en: 'Traceability operators (by kind)' },
  unit: '家',
  periodType: 'snapshot',
  dimensions: ['kind'],
  aggregation: 'sum',
  compute: operators,
};

/** After a write: the next read of the facts recomputes them. */
export function invalidateCatalogueFacts(): void {
  invalidateFact(TRACED_BATCHES);
  invalidateFact(OPERATORS);
}
