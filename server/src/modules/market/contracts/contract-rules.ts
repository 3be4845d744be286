/**
 * Pure core of a contract's derived fields and the rules that need the division tree: both parties in existing
 * counties, at least one inside the region, the registering division, the agency's coverage and the 30-day check.
 */
import {
  REGISTRATION_AGENCIES,
  REGISTRATION_LIMIT_DAYS,
  contractRuleIssues,
  type AgencyCode,
} from '../../../../../contracts/market-contracts.ts';
import type { DivisionInfo } from './division-info.ts';

export interface ContractInput {
  agencyCode: AgencyCode;
  signedOn: string;
  appliedOn?: string | null;
  registeredOn: string;
  contractValue: number;
  turnover: number;
  seller: { uscc: string; divisionCode: string };
  buyer: { uscc: string; divisionCode: string };
}

export interface Derived {
  homeDivisionCode: string;
  year: number;
  registrationDays: number;
  isOverdue: boolean;
}

export interface RuleIssue {
  /** Field path inside the contract (`seller.divisionCode`). */
  path: string;
  message: string;
  messageEn: string;
}

function split(m: string): { message: string; messageEn: string } {
  const [zh, en] = m.split(' / ');
  return { message: zh ?? m, messageEn: en ?? m };
}

/** Whole days from `from` to `to` (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Checks a whole contract and derives its stored fields; `issues` is empty when it may be written. `region` holds
 * the region's division codes; `info` every division.
 */
export function checkContract(
  c: ContractInput,
  info: ReadonlyMap<string, DivisionInfo>,
  region: ReadonlySet<string>,
): { issues: RuleIssue[]; derived: Derived | null } {
  const issues: RuleIssue[] = contractRuleIssues(c).map((i) => ({ path: i.path, ...split(i.message) }));
  for (const side of ['seller', 'buyer'] as const) {
    const code = c[side].divisionCode;
    if (info.get(code)?.level !== 'county')
      issues.push({
        path: `${side}.divisionCode`,
        message: `行政区划 ${code} 不存在或不是旗县级单位`,
        messageEn: `Division ${code} does not exist or is not a county`,
      });
  }
  if (issues.some((i) => i.path.endsWith('divisionCode'))) return { issues, derived: null };
  const sellerIn = region.has(c.seller.divisionCode);
  const buyerIn = region.has(c.buyer.divisionCode);
  if (!sellerIn && !buyerIn)
    issues.push({
      path: 'buyer.divisionCode',
      message: '买卖双方至少一方须在本区域内',
      messageEn: 'At least one party must lie inside the region',
    });
  const agency = REGISTRATION_AGENCIES.find((a) => a.code === c.agencyCode);
  if (agency) {
    const covers = sellerIn
      ? agency.divisionCode !== '' && covering(info, agency.divisionCode, c.seller.divisionCode)
      : agency.code === 'OUTSIDE';
    if (!covers)
      issues.push({
        path: 'agencyCode',
        message: sellerIn
          ? `${agency.name}不受理卖方所在地区（${info.get(c.seller.divisionCode)?.name ?? ''}）的合同登记`
          : '卖方在区外的合同，登记机构应为“区外登记机构”',
        messageEn: sellerIn
          ? 'This agency does not register contracts of the seller’s area'
          : 'A seller outside the region registers with an agency outside the region',
      });
  }
  if (issues.length > 0) return { issues, derived: null };
  const registrationDays = daysBetween(c.appliedOn ?? c.signedOn, c.registeredOn);
  return {
    issues,
    derived: {
      homeDivisionCode: sellerIn ? c.seller.divisionCode : c.buyer.divisionCode,
      year: Number(c.registeredOn.slice(0, 4)),
      registrationDays,
      isOverdue: registrationDays > REGISTRATION_LIMIT_DAYS,
    },
  };
}

/** Whether `ancestor` is `code` or one of its ancestors. */
function covering(info: ReadonlyMap<string, DivisionInfo>, ancestor: string, code: string): boolean {
  let cur: string | null | undefined = code;
  while (cur) {
    if (cur === ancestor) return true;
    cur = info.get(cur)?.parent;
  }
  return false;
}
