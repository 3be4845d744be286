/** Test fixtures of technology contracts: valid requests and direct inserts (no audit, for access cases). */
import type { CreateContractRequest } from '../../../../../contracts/market-contracts.ts';
import type { TestApp } from '../../../test/harness.ts';
import { demoCreditCode } from './demo-parties.ts';

let serial = 0;

/** A valid contract request from `seller` county to `buyer` county (agency derived unless given). */
export function contractBody(
  seller: string,
  buyer: string,
  overrides: Partial<CreateContractRequest> = {},
): CreateContractRequest {
  const n = ++serial;
  const agency = !seller.startsWith('15')
    ? 'OUTSIDE'
    : seller.startsWith('1501')
      ? 'NM-HOHHOT'
      : seller.startsWith('1502')
        ? 'NM-BAOTOU'
        : seller.startsWith('1506')
          ? 'NM-ORDOS'
          : 'NM-REGION';
  return {
    registrationNo: `T${Date.now().toString(36)}${n}`.toUpperCase(),
    agencyCode: agency,
    title: `测试技术合同${n}`,
    type: 'development',
    field: 'agriculture',
    seller: { uscc: demoCreditCode('12', seller, `seller${n}`), name: `卖方单位${n}`, divisionCode: seller },
    buyer: { uscc: demoCreditCode('91', buyer, `buyer${n}`), name: `买方企业${n}`, divisionCode: buyer },
    contractValue: 100,
    turnover: 80,
    signedOn: '2024-03-01',
    appliedOn: '2024-03-05',
    registeredOn: '2024-03-20',
    taxReview: 'none',
    note: '',
    ...overrides,
  };
}

/** Inserts a contract straight into the table (bypassing the service: no audit row). */
export async function insertContractRow(
  t: TestApp,
  seller: string,
  buyer: string,
  home: string = seller,
): Promise<number> {
  const b = contractBody(seller, buyer);
  const now = new Date().toISOString();
  const row = await t.db.db
    .insertInto('mkt_tech_contract')
    .values({
      registration_no: b.registrationNo,
      agency_code: b.agencyCode,
      title: b.title,
      type: b.type,
      field: b.field,
      seller_uscc: b.seller.uscc,
      seller_name: b.seller.name,
      seller_division_code: seller,
      buyer_uscc: b.buyer.uscc,
      buyer_name: b.buyer.name,
      buyer_division_code: buyer,
      home_division_code: home,
      contract_value: b.contractValue,
      turnover: b.turnover,
      signed_on: b.signedOn,
      applied_on: b.appliedOn ?? null,
      registered_on: b.registeredOn,
      year: 2024,
      registration_days: 15,
      is_overdue: 0,
      tax_review: 'none',
      deal_id: null,
      note: '',
      source: 'manual',
      is_demo: 0,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
