/**
 * Pure core of the contract statistics: count, contract value and technology turnover per group, for the seller side
 * (输出), the buyer side (吸纳), inflow (buyer in the group's area, seller outside: 流入) and outflow (流出).
 * County and league groups are areas themselves; field, year and type groups are read against the request's area.
 * The total is relative to the whole area (so its inflow is what enters the area from outside, not the sum of the
 * counties' inflows).
 */
import {
  CONTRACT_TYPE_NAMES,
  TECH_FIELD_NAMES,
  type ContractStatsRow,
  type ContractType,
  type SideTotals,
  type StatsGroup,
  type TechField,
} from '../../../../../contracts/market-contracts.ts';
import type { DivisionInfo } from './division-info.ts';
import { leagueOf } from './division-info.ts';

export interface StatsInput {
  seller: string;
  buyer: string;
  value: number;
  turnover: number;
  year: number;
  type: ContractType;
  field: TechField;
}

const zero = (): SideTotals => ({ count: 0, contractValue: 0, turnover: 0 });
const emptyRow = (key: string, name: string): ContractStatsRow => ({
  key,
  name,
  seller: zero(),
  buyer: zero(),
  inflow: zero(),
  outflow: zero(),
});

function add(t: SideTotals, c: StatsInput): void {
  t.count++;
  t.contractValue += c.value;
  t.turnover += c.turnover;
}

function tally(row: ContractStatsRow, c: StatsInput, sellerIn: boolean, buyerIn: boolean): void {
  if (sellerIn) add(row.seller, c);
  if (buyerIn) add(row.buyer, c);
  if (buyerIn && !sellerIn) add(row.inflow, c);
  if (sellerIn && !buyerIn) add(row.outflow, c);
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;
function rounded(row: ContractStatsRow): ContractStatsRow {
  for (const side of [row.seller, row.buyer, row.inflow, row.outflow]) {
    side.contractValue = round(side.contractValue);
    side.turnover = round(side.turnover);
  }
  return row;
}

/** Statistics of `contracts` (each touching `area`) grouped by `groupBy`. */
export function contractStats(
  contracts: readonly StatsInput[],
  opts: { groupBy: StatsGroup; area: ReadonlySet<string>; info: ReadonlyMap<string, DivisionInfo> },
): { rows: ContractStatsRow[]; total: ContractStatsRow } {
  const { area, info, groupBy } = opts;
  const total = emptyRow('total', '合计');
  const rows = new Map<string, ContractStatsRow>();
  const row = (key: string, name: string) => {
    let r = rows.get(key);
    if (!r) rows.set(key, (r = emptyRow(key, name)));
    return r;
  };
  const divisionGroup = (code: string): string | null => {
    if (!area.has(code)) return null;
    return groupBy === 'county' ? code : leagueOf(info, code);
  };
  if (groupBy === 'county' || groupBy === 'league')
    for (const code of [...area].sort()) {
      const d = info.get(code);
      if (groupBy === 'county' && d?.level === 'county') row(code, d.name);
      if (groupBy === 'league' && d?.level === 'prefecture') row(code, d.name);
    }
  for (const c of contracts) {
    const sellerIn = area.has(c.seller);
    const buyerIn = area.has(c.buyer);
    if (!sellerIn && !buyerIn) continue;
    tally(total, c, sellerIn, buyerIn);
    if (groupBy === 'county' || groupBy === 'league') {
      const gs = divisionGroup(c.seller);
      const gb = divisionGroup(c.buyer);
      for (const g of new Set([gs, gb])) {
        if (g === null) continue;
        tally(row(g, info.get(g)?.name ?? g), c, gs === g, gb === g);
      }
    } else {
      const key = groupBy === 'year' ? String(c.year) : groupBy === 'type' ? c.type : c.field;
      const name =
        groupBy === 'year'
          ? `${c.year}年`
          : groupBy === 'type'
            ? CONTRACT_TYPE_NAMES[c.type]
            : TECH_FIELD_NAMES[c.field];
      tally(row(key, name), c, sellerIn, buyerIn);
    }
  }
  const sorted = [...rows.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { rows: sorted.map(rounded), total: rounded(total) };
}
