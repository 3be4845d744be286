/**
 * 技术流入通知: when contracts are registered whose buyer's county differs from the seller's, the officers who watch
 * that county (a role carrying `market:contract_read` granted at the county itself) are told, in the writer's
 * transaction: one notification per county per write (an import of many contracts sums them up).
 */
import type { DbOrTrx } from '../../../db/database.ts';
import { notify } from '../../../platform/notifications/index.ts';
import { activePermissionHoldersAt } from '../../users/index.ts';

export const INFLOW_KIND = 'market.contract.inflow';

export interface InflowContract {
  title: string;
  sellerName: string;
  sellerDivisionCode: string;
  buyerDivisionCode: string;
  turnover: number;
}

/** The part of a contract request the notification needs. */
export function inflowOf(c: {
  title: string;
  turnover: number;
  seller: { name: string; divisionCode: string };
  buyer: { divisionCode: string };
}): InflowContract {
  return {
    title: c.title,
    sellerName: c.seller.name,
    sellerDivisionCode: c.seller.divisionCode,
    buyerDivisionCode: c.buyer.divisionCode,
    turnover: c.turnover,
  };
}

async function officersOf(db: DbOrTrx, county: string, exceptUserId: number): Promise<number[]> {
  return (await activePermissionHoldersAt(db, 'market:contract_read', county)).filter((id) => id !== exceptUserId);
}

/** Notifies each receiving county's officers of the contracts flowing into it (the others are skipped). */
export async function notifyInflow(
  trx: DbOrTrx,
  opts: { contracts: readonly InflowContract[]; actorUserId: number; at: Date },
): Promise<void> {
  const byCounty = new Map<string, InflowContract[]>();
  for (const c of opts.contracts) {
    if (c.buyerDivisionCode === c.sellerDivisionCode) continue;
    const list = byCounty.get(c.buyerDivisionCode) ?? [];
    list.push(c);
    byCounty.set(c.buyerDivisionCode, list);
  }
  for (const [county, list] of byCounty) {
    const userIds = await officersOf(trx, county, opts.actorUserId);
    if (userIds.length === 0) continue;
    const turnover = Math.round(list.reduce((s, c) => s + c.turnover, 0) * 1e4) / 1e4;
    const first = list[0]!;
    await notify(trx, {
      userIds,
      kind: INFLOW_KIND,
      title:
        list.length === 1
          ? { zh: `技术流入：${first.title}`, en: `Technology bought in: ${first.title}` }
          : { zh: `技术流入：${list.length} 项技术合同`, en: `Technology bought in: ${list.length} contracts` },
      body: {
        zh:
          list.length === 1
            ? `本旗县企业向${first.sellerName}购买技术，技术交易额 ${turnover} 万元，已登记。`
            : `本旗县企业购买技术的 ${list.length} 项合同已登记，技术交易额合计 ${turnover} 万元。`,
        en: `${list.length} contract(s) buying technology into the county registered; turnover ${turnover} (10k yuan).`,
      },
      at: opts.at,
    });
  }
}
