/** mkt_tech_contract rows -> API shapes (contracts/market-contracts.ts). */
import {
  CONTRACT_TYPE_NAMES,
  REGISTRATION_AGENCIES,
  TECH_FIELD_NAMES,
  type Contract,
} from '../../../../../contracts/market-contracts.ts';
import type { ContractRow } from './contracts.repository.ts';
import { leagueOf, type DivisionInfo } from './division-info.ts';

const AGENCY_NAMES = new Map<string, string>(REGISTRATION_AGENCIES.map((a) => [a.code, a.name]));

/** Rounds a sum of 万元 amounts to 0.01 yuan. */
export function wan(v: number | string | null | undefined): number {
  return Math.round(Number(v ?? 0) * 1e6) / 1e6;
}

export function presentContract(row: ContractRow, info: ReadonlyMap<string, DivisionInfo>): Contract {
  const party = (uscc: string, name: string, divisionCode: string) => ({
    uscc,
    name,
    divisionCode,
    divisionName: info.get(divisionCode)?.name ?? divisionCode,
    leagueCode: leagueOf(info, divisionCode),
  });
  return {
    id: row.id,
    registrationNo: row.registration_no,
    agencyCode: row.agency_code,
    agencyName: AGENCY_NAMES.get(row.agency_code) ?? row.agency_code,
    title: row.title,
    type: row.type,
    typeName: CONTRACT_TYPE_NAMES[row.type],
    field: row.field,
    fieldName: TECH_FIELD_NAMES[row.field],
    seller: party(row.seller_uscc, row.seller_name, row.seller_division_code),
    buyer: party(row.buyer_uscc, row.buyer_name, row.buyer_division_code),
    divisionCode: row.home_division_code,
    contractValue: wan(row.contract_value),
    turnover: wan(row.turnover),
    signedOn: row.signed_on,
    appliedOn: row.applied_on,
    registeredOn: row.registered_on,
    year: row.year,
    registrationOverdue: row.is_overdue === 1,
    registrationDays: row.registration_days,
    taxReview: row.tax_review,
    dealId: row.deal_id,
    note: row.note,
    source: row.source,
    isDemo: row.is_demo === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
