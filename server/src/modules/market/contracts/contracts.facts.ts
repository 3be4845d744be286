/**
 * Facts the technology-contract registry publishes through platform/metrics, per county and registration year
 * (summed up the division tree). Seller side (技术输出), buyer side (技术吸纳) and inflow (流入: buyer in the county,
 * seller outside it). Above county level, inflow is the sum of the counties' inflows (contracts between two counties
 * of one league count for the receiving county), which is what "technology flowing into counties" means.
 */
import type { DbOrTrx } from '../../../db/database.ts';
import {
  invalidateFact,
  type FactComputeInput,
  type FactDefinition,
  type FactRow,
} from '../../../platform/metrics/index.ts';
import { wan } from './contracts.presenter.ts';
import { sumBySide } from './contracts.repository.ts';

export const CONTRACT_FACTS = {
  count: 'market.contracts_count',
  countBuyer: 'market.contracts_count_buyer',
  countIn: 'market.contracts_count_in',
  turnover: 'market.contract_turnover',
  turnoverBuyer: 'market.contract_turnover_buyer',
  turnoverIn: 'market.contract_turnover_in',
} as const;

type Side = 'seller' | 'buyer' | 'inflow';

function compute(side: Side, measure: 'count' | 'turnover') {
  return async (db: DbOrTrx, input: FactComputeInput): Promise<FactRow[]> => {
    if (input.divisionCodes.length === 0) return [];
    const rows: FactRow[] = [];
    for (let i = 0; i < input.divisionCodes.length; i += 500) {
      const part = await sumBySide(db, side, input.divisionCodes.slice(i, i + 500), Number(input.period));
      for (const r of part)
        rows.push({
          divisionCode: r.division_code,
          period: input.period,
          value: measure === 'count' ? Number(r.n) : wan(r.turnover),
          dims: { type: r.type, field: r.field },
        });
    }
    return rows;
  };
}

function fact(name: string, zh: string, en: string, side: Side, measure: 'count' | 'turnover'): FactDefinition {
  return {
    name,
    title: { zh, en },
    unit: measure === 'count' ? '项' : '万元',
    periodType: 'year',
    dimensions: ['type', 'field'],
    aggregation: 'sum',
    compute: compute(side, measure),
  };
}

/** Listed in the market manifest. */
export const CONTRACT_FACT_DEFINITIONS: readonly FactDefinition[] = [
  fact(CONTRACT_FACTS.count, '登记技术合同数（卖方所在地）', 'Registered contracts (seller side)', 'seller', 'count'),
  fact(CONTRACT_FACTS.countBuyer, '吸纳技术合同数（买方所在地）', 'Contracts bought (buyer side)', 'buyer', 'count'),
  fact(CONTRACT_FACTS.countIn, '流入旗县的技术合同数', 'Contracts flowing into counties', 'inflow', 'count'),
  fact(CONTRACT_FACTS.turnover, '技术交易额（卖方所在地）', 'Technology turnover (seller side)', 'seller', 'turnover'),
  fact(
    CONTRACT_FACTS.turnoverBuyer,
    '吸纳技术交易额（买方所在地）',
    'Technology turnover (buyer side)',
    'buyer',
    'turnover',
  ),
  fact(
    CONTRACT_FACTS.turnoverIn,
    '流入旗县的技术交易额',
    'Technology turnover flowing into counties',
    'inflow',
    'turnover',
  ),
];

/** Drops the cached values after a write to the contract table. */
export function invalidateContractFacts(): void {
  for (const name of Object.values(CONTRACT_FACTS)) invalidateFact(name);
}
