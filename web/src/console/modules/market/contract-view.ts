/** 技术合同 views' pure parts: direction names, year choices, the statistics table's rows. */
import type { Text } from '../../../shared/i18n.ts';

export const DIRECTION_NAMES: Readonly<Record<string, Text>> = {
  seller: { zh: '卖方在区内（输出）', en: 'Seller inside (out)' },
  buyer: { zh: '买方在区内（吸纳）', en: 'Buyer inside (in)' },
  inflow: { zh: '流入（买方在内、卖方在外）', en: 'Inflow' },
  outflow: { zh: '流出（卖方在内、买方在外）', en: 'Outflow' },
  local: { zh: '区内互相交易', en: 'Both inside' },
};

export const GROUP_NAMES: Readonly<Record<string, Text>> = {
  county: { zh: '按旗县', en: 'By county' },
  league: { zh: '按盟市', en: 'By league' },
  field: { zh: '按技术领域', en: 'By field' },
  year: { zh: '按年度', en: 'By year' },
  type: { zh: '按合同类型', en: 'By type' },
};

/** The last ten years, newest first. */
export function yearOptions(thisYear: number): { value: string; label: string }[] {
  return Array.from({ length: 10 }, (_, i) => String(thisYear - i)).map((y) => ({ value: y, label: y }));
}

interface Side {
  count: number;
  contractValue: number;
  turnover: number;
}
export interface StatsRow {
  key: string;
  name: string;
  seller: Side;
  buyer: Side;
  inflow: Side;
  outflow: Side;
}

/** Rows with any contract, largest 技术交易额 (seller + buyer sides) first; the total row stays apart. */
export function statsRows(rows: readonly StatsRow[], groupBy: string): StatsRow[] {
  const busy = rows.filter((r) => r.seller.count + r.buyer.count + r.inflow.count + r.outflow.count > 0);
  if (groupBy === 'year') return [...busy].sort((a, b) => (a.key < b.key ? 1 : -1));
  return [...busy].sort(
    (a, b) => b.seller.turnover + b.buyer.turnover - (a.seller.turnover + a.buyer.turnover) || (a.key < b.key ? -1 : 1),
  );
}

/** The centres that follow the listed projects, by name. */
export function centresOf(
  items: readonly { centreOrgId: number; centreName: string }[],
): { value: number; label: string }[] {
  const m = new Map<number, string>();
  for (const p of items) m.set(p.centreOrgId, p.centreName);
  return [...m].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'zh'));
}

/**
 * The contract figures the county map can show: each is a `market.*` fact the market publishes to platform/metrics
 * (server/src/modules/market/contracts/contracts.facts.ts), read through `GET /api/metrics/:fact` per county.
 */
export const MAP_MEASURES = {
  turnover: { fact: 'market.contract_turnover', zh: '技术交易额（卖方所在地）', en: 'Turnover (seller side)' },
  turnoverBuyer: {
    fact: 'market.contract_turnover_buyer',
    zh: '吸纳技术交易额（买方所在地）',
    en: 'Turnover (buyer side)',
  },
  turnoverIn: { fact: 'market.contract_turnover_in', zh: '流入旗县的技术交易额', en: 'Turnover flowing in' },
  count: { fact: 'market.contracts_count', zh: '技术合同数（卖方所在地）', en: 'Contracts (seller side)' },
  countBuyer: {
    fact: 'market.contracts_count_buyer',
    zh: '吸纳技术合同数（买方所在地）',
    en: 'Contracts (buyer side)',
  },
  countIn: { fact: 'market.contracts_count_in', zh: '流入旗县的技术合同数', en: 'Contracts flowing in' },
} as const satisfies Readonly<Record<string, Text & { fact: string }>>;
export type MapMeasure = keyof typeof MAP_MEASURES;

/** The map's measure from the URL; anything else is the seller-side 技术交易额. */
export function parseMapMeasure(value: string | null): MapMeasure {
  return value !== null && Object.hasOwn(MAP_MEASURES, value) ? (value as MapMeasure) : 'turnover';
}
