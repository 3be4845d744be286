/**
 * Live indicator values (实时暂估值): indicators bound to a platform fact (spec.fact, e.g. D3.4 -> experts.count) read
 * the fact per county straight from the owning module's tables, between the annual statistical releases. The values
 * are provisional: data collection shows them as suggestions (flag `provisional`), runs with includeUnapproved use
 * them where no entered value exists. Snapshot facts describe the present, so any period receives today's figure.
 */
import type { Framework } from '../../../../../contracts/monitoring.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import { aggregateRows } from '../../../platform/metrics/aggregate.ts';
import { findFact, type FactDefinition, type FactRow } from '../../../platform/metrics/registry.ts';
import { monitoredCounties } from './counties.repository.ts';

export interface LiveValue {
  divisionCode: string;
  indicatorCode: string;
  /** The fact's value for the county (0 when the fact has no rows there: a count of none). */
  value: number;
  fact: string;
  /** The fact period read: `current` for snapshots, else the year. */
  factPeriod: string;
}

function factPeriod(fact: FactDefinition, period: number): string {
  return fact.periodType === 'snapshot' ? 'current' : String(period);
}

function matches(row: FactRow, filter: Readonly<Record<string, string>> | undefined): boolean {
  if (!filter) return true;
  return Object.entries(filter).every(([k, v]) => row.dims?.[k] === v);
}

/**
 * Provisional values per county for every indicator of `framework` bound to a registered fact, for `period` (a
 * year). `divisionCodes` defaults to the region's 103 banners; one entry per county x bound indicator, ordered by
 * indicator then county. Indicators whose fact is not registered are left out. No scope check: callers check it.
 */
export async function liveValues(
  db: DbOrTrx,
  framework: Pick<Framework, 'nodes'>,
  period: number,
  divisionCodes?: readonly string[],
): Promise<LiveValue[]> {
  const counties = divisionCodes ? [...divisionCodes] : await monitoredCounties(db);
  if (counties.length === 0) return [];
  const inSet = new Set(counties);
  const out: LiveValue[] = [];
  for (const node of framework.nodes) {
    const binding = node.kind === 'indicator' ? node.spec?.fact : null;
    const fact = binding ? findFact(binding.fact) : undefined;
    if (!binding || !fact) continue;
    const p = factPeriod(fact, period);
    const rows = (await fact.compute(db, { period: p, divisionCodes: counties })).filter(
      (r) => inSet.has(r.divisionCode) && matches(r, binding.filter),
    );
    const cells = aggregateRows(rows, {
      aggregation: fact.aggregation,
      groups: counties,
      groupOf: (c) => (inSet.has(c) ? c : undefined),
    });
    for (const c of counties)
      out.push({
        divisionCode: c,
        indicatorCode: node.code,
        value: cells.get(c)?.value ?? 0,
        fact: fact.name,
        factPeriod: p,
      });
  }
  return out;
}
