/**
 * What a deal changes in the other parts of the market, inside the deal's transaction: the achievement's status
 * (listed -> negotiating when a deal opens, back to listed when the last open deal ends, transferred when signed) and
 * the technology contract (技术合同) record a signed deal produces. Both go through the functions those parts export
 * (their repository, rules and search index); the deal part writes none of their tables with its own SQL.
 */
import type { CreateContractRequest, ContractType, TechField } from '../../../../../contracts/market-contracts.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import { updateAchievement, type AchievementRow } from '../achievements/achievements.repository.ts';
import { indexAchievements } from '../achievements/achievements.search.ts';
import { checkContract } from '../contracts/contract-rules.ts';
import { insertContract } from '../contracts/contracts.repository.ts';
import { contractColumns } from '../contracts/contracts.service.ts';
import { divisionInfo, regionCodes } from '../contracts/division-info.ts';
import { AppError } from '../../../platform/errors/errors.ts';
import { insertEvent } from '../shared/events.repository.ts';
import { nextAchievementStatus } from '../shared/market.policy.ts';

/** Moves the achievement by an owner step on behalf of a deal; a step not allowed from its status changes nothing. */
export async function moveAchievement(
  trx: DbOrTrx,
  a: Pick<AchievementRow, 'id' | 'status'>,
  step: 'negotiating' | 'transferred' | 'relist',
  o: { dealId: number; actorUserId: number; at: string },
): Promise<boolean> {
  const to = nextAchievementStatus(step, a.status);
  if (!to) return false;
  await updateAchievement(trx, a.id, { status: to, status_reason: '', updated_at: o.at });
  await insertEvent(trx, {
    recordType: 'achievement',
    recordId: a.id,
    action: step,
    fromStatus: a.status,
    toStatus: to,
    comment: `交易洽谈 #${o.dealId}`,
    actorUserId: o.actorUserId,
    at: o.at,
  });
  await indexAchievements(trx, [a.id]);
  return true;
}

/** The county (旗县) of a division at or below county level, else null. */
export async function countyOf(db: DbOrTrx, code: string): Promise<string | null> {
  const info = await divisionInfo(db);
  let cur: string | null | undefined = code;
  while (cur) {
    const d = info.get(cur);
    if (!d) return null;
    if (d.level === 'county') return cur;
    if (d.level === 'prefecture' || d.level === 'province' || d.level === 'country') return null;
    cur = d.parent;
  }
  return null;
}

/** 技术合同类型 from the agreed transfer mode. */
export function contractTypeOf(mode: string): ContractType {
  if (mode.startsWith('license_')) return 'licence';
  if (mode === 'joint_development') return 'development';
  if (mode === 'service') return 'service';
  return 'transfer'; // 转让, 作价入股 (an assignment of the technology against equity)
}

const FIELD_OF_DOMAIN: Record<string, TechField> = {
  seed: 'agriculture',
  crop: 'agriculture',
  livestock: 'agriculture',
  dairy: 'agriculture',
  grassland: 'environment',
  sand: 'environment',
  rare_earth: 'materials',
  energy: 'energy',
  medicine: 'bio_medicine',
  coal_chemical: 'energy',
  food: 'agriculture',
  information: 'electronics',
};

export interface SignedDeal {
  dealId: number;
  title: string;
  domain: string;
  mode: string;
  amount: number;
  signedOn: string;
  seller: { uscc: string | null; name: string; divisionCode: string };
  buyer: { uscc: string | null; name: string; divisionCode: string };
  actorUserId: number;
  at: string;
}

/**
 * The contract record of a signed deal, inside the deal's transaction, so that it counts in the contract statistics
 * (seller and buyer counties, inflow). It is not yet registered: the agency is the region's centre (the seller's
 * county lies in the region), the registration number is a marker `待登记-D<deal>` that the registering officer
 * replaces, and the certified 技术交易额 (turnover) is 0 until certified.
 */
export async function createDealContract(trx: DbOrTrx, d: SignedDeal): Promise<number> {
  const request: CreateContractRequest = {
    registrationNo: `待登记-D${d.dealId}`,
    agencyCode: 'NM-REGION',
    title: `${d.title}（交易洽谈 #${d.dealId}）`.slice(0, 300),
    type: contractTypeOf(d.mode),
    field: FIELD_OF_DOMAIN[d.domain] ?? 'urban_social',
    seller: { uscc: d.seller.uscc ?? '', name: d.seller.name, divisionCode: d.seller.divisionCode },
    buyer: { uscc: d.buyer.uscc ?? '', name: d.buyer.name, divisionCode: d.buyer.divisionCode },
    contractValue: d.amount,
    turnover: 0,
    signedOn: d.signedOn,
    appliedOn: null,
    registeredOn: d.signedOn,
    taxReview: 'none',
    dealId: d.dealId,
    note: '经平台交易洽谈签约，尚未认定登记；登记号、登记日期与技术交易额由登记机构认定后填写。',
  };
  // Unknown credit codes (a researcher without a unit) must not read as "the same party" to the rules.
  const forCheck = {
    ...request,
    seller: { ...request.seller, uscc: d.seller.uscc ?? 'unknown-seller' },
    buyer: { ...request.buyer, uscc: d.buyer.uscc ?? 'unknown-buyer' },
  };
  const { issues, derived } = checkContract(forCheck, await divisionInfo(trx), await regionCodes(trx));
  if (!derived || issues.length > 0)
    throw new AppError('INVALID_STATE', {
      zh: `无法生成技术合同记录：${issues[0]?.message ?? '参数有误'}`,
      en: `The contract record cannot be made: ${issues[0]?.messageEn ?? 'invalid'}`,
    });
  return insertContract(trx, {
    ...contractColumns(request, derived),
    source: 'manual',
    is_demo: 0,
    created_by: d.actorUserId,
    created_at: d.at,
    updated_at: d.at,
  });
}
