/**
 * 技术合同 use cases. Reading: contracts with the seller or the buyer inside the caller's scope (`market:contract_read`).
 * Writing: the registering division (seller's county when inside the region, else the buyer's) inside the caller's
 * `market:contract_register` scope (region and league officers). Each write is one transaction with its audit row.
 */
import type {
  CreateContractRequest,
  ListContractsQuery,
  UpdateContractRequest,
} from '../../../../../contracts/market-contracts.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import { isUniqueViolation } from '../../../db/dialect.ts';
import { isWithinScope, scopeRoots } from '../../../platform/access/scope.ts';
import { writeAudit } from '../../../platform/audit/audit.ts';
import { iso } from '../../../platform/clock.ts';
import type { Caller, Deps } from '../../../platform/deps.ts';
import { descendantCodes } from '../../../platform/divisions/index.ts';
import { AppError } from '../../../platform/errors/errors.ts';
import { checkContract, type Derived } from './contract-rules.ts';
import { invalidateContractFacts } from './contracts.facts.ts';
import { inflowOf, notifyInflow } from './contracts.notify.ts';
import { presentContract } from './contracts.presenter.ts';
import * as repo from './contracts.repository.ts';
import { divisionInfo, regionCodes } from './division-info.ts';

/** The caller's area for a permission: its scope, narrowed to `division` when given (never widened). */
export async function areaOf(
  db: DbOrTrx,
  caller: Caller,
  permission: 'market:contract_read' | 'market:contract_register',
  division?: string,
): Promise<string[]> {
  const scope = await descendantCodes(db, scopeRoots(caller.principal, permission));
  if (!division) return scope;
  const inDivision = new Set(await descendantCodes(db, [division]));
  return scope.filter((c) => inDivision.has(c));
}

export async function listContracts(deps: Deps, caller: Caller, query: ListContractsQuery) {
  const { page, pageSize, division, direction, ...filters } = query;
  const area = await areaOf(deps.db, caller, 'market:contract_read', division);
  const { rows, total } = await repo.listContracts(deps.db, deps.engine, area, direction, filters, { page, pageSize });
  const info = await divisionInfo(deps.db);
  return { items: rows.map((r) => presentContract(r, info)), total, page, pageSize };
}

export async function getContract(deps: Deps, caller: Caller, id: number) {
  const row = await repo.findContract(deps.db, await areaOf(deps.db, caller, 'market:contract_read'), id);
  if (!row) throw new AppError('NOT_FOUND');
  return presentContract(row, await divisionInfo(deps.db));
}

/** Checks a whole contract against the division tree; throws 400 with every issue (paths under `body`). */
export async function deriveOrThrow(db: DbOrTrx, c: CreateContractRequest): Promise<Derived> {
  const { issues, derived } = checkContract(c, await divisionInfo(db), await regionCodes(db));
  if (!derived || issues.length > 0)
    throw new AppError('VALIDATION', {
      zh: issues[0]?.message ?? '请求参数有误',
      en: issues[0]?.messageEn ?? 'The request is invalid',
      details: issues.map((i) => ({ path: `body.${i.path}`, message: i.message, messageEn: i.messageEn })),
    });
  return derived;
}

/** The stored columns of a checked contract. */
export function contractColumns(c: CreateContractRequest, d: Derived) {
  return {
    registration_no: c.registrationNo,
    agency_code: c.agencyCode,
    title: c.title,
    type: c.type,
    field: c.field,
    seller_uscc: c.seller.uscc,
    seller_name: c.seller.name,
    seller_division_code: c.seller.divisionCode,
    buyer_uscc: c.buyer.uscc,
    buyer_name: c.buyer.name,
    buyer_division_code: c.buyer.divisionCode,
    home_division_code: d.homeDivisionCode,
    contract_value: c.contractValue,
    turnover: c.turnover,
    signed_on: c.signedOn,
    applied_on: c.appliedOn ?? null,
    registered_on: c.registeredOn,
    year: d.year,
    registration_days: d.registrationDays,
    is_overdue: d.isOverdue ? 1 : 0,
    tax_review: c.taxReview,
    deal_id: c.dealId ?? null,
    note: c.note,
  };
}

const DUPLICATE = { zh: '该登记号已登记', en: 'This registration number is already registered' };

async function assertRegistrable(deps: Deps, caller: Caller, home: string): Promise<void> {
  if (!(await isWithinScope(deps.db, scopeRoots(caller.principal, 'market:contract_register'), home)))
    throw new AppError('FORBIDDEN', {
      zh: '不能登记管辖范围以外的技术合同（登记地为卖方所在旗县，卖方在区外时为买方所在旗县）',
      en: 'The contract registers outside your divisions',
    });
}

export async function createContract(deps: Deps, caller: Caller, body: CreateContractRequest) {
  const derived = await deriveOrThrow(deps.db, body);
  await assertRegistrable(deps, caller, derived.homeDivisionCode);
  const now = iso(deps.clock.now());
  try {
    const id = await deps.db.transaction().execute(async (trx) => {
      const id = await repo.insertContract(trx, {
        ...contractColumns(body, derived),
        source: 'manual',
        is_demo: 0,
        created_by: caller.principal.userId,
        created_at: now,
        updated_at: now,
      });
      await writeAudit(trx, deps.audit, caller.actor, {
        action: 'market.contract.create',
        targetType: 'tech_contract',
        targetId: id,
        divisionCode: derived.homeDivisionCode,
        details: { registrationNo: body.registrationNo, turnover: body.turnover, overdue: derived.isOverdue },
      });
      await notifyInflow(trx, {
        contracts: [inflowOf(body)],
        actorUserId: caller.principal.userId,
        at: deps.clock.now(),
      });
      return id;
    });
    invalidateContractFacts();
    return getContract(deps, caller, id);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('DUPLICATE', DUPLICATE);
    throw err;
  }
}

/** The contract as a create request (to merge a partial update into). */
function asRequest(row: repo.ContractRow): CreateContractRequest {
  return {
    registrationNo: row.registration_no,
    agencyCode: row.agency_code,
    title: row.title,
    type: row.type,
    field: row.field,
    seller: { uscc: row.seller_uscc, name: row.seller_name, divisionCode: row.seller_division_code },
    buyer: { uscc: row.buyer_uscc, name: row.buyer_name, divisionCode: row.buyer_division_code },
    contractValue: row.contract_value,
    turnover: row.turnover,
    signedOn: row.signed_on,
    appliedOn: row.applied_on,
    registeredOn: row.registered_on,
    taxReview: row.tax_review,
    dealId: row.deal_id,
    note: row.note,
  };
}

/** A contract the caller may change: registered in its `market:contract_register` scope. */
async function findWritable(deps: Deps, caller: Caller, id: number): Promise<repo.ContractRow> {
  const row = await repo.findContract(deps.db, await areaOf(deps.db, caller, 'market:contract_register'), id);
  if (!row) throw new AppError('NOT_FOUND');
  await assertRegistrable(deps, caller, row.home_division_code);
  return row;
}

export async function updateContract(deps: Deps, caller: Caller, id: number, body: UpdateContractRequest) {
  const row = await findWritable(deps, caller, id);
  const merged: CreateContractRequest = { ...asRequest(row), ...body };
  const derived = await deriveOrThrow(deps.db, merged);
  await assertRegistrable(deps, caller, derived.homeDivisionCode);
  try {
    await deps.db.transaction().execute(async (trx) => {
      await repo.updateContract(trx, id, { ...contractColumns(merged, derived), updated_at: iso(deps.clock.now()) });
      await writeAudit(trx, deps.audit, caller.actor, {
        action: 'market.contract.update',
        targetType: 'tech_contract',
        targetId: id,
        divisionCode: derived.homeDivisionCode,
        details: { changed: Object.keys(body) },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('DUPLICATE', DUPLICATE);
    throw err;
  }
  invalidateContractFacts();
  return getContract(deps, caller, id);
}

export async function deleteContract(deps: Deps, caller: Caller, id: number): Promise<{ ok: true }> {
  const row = await findWritable(deps, caller, id);
  await deps.db.transaction().execute(async (trx) => {
    await repo.deleteContract(trx, id);
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'market.contract.delete',
      targetType: 'tech_contract',
      targetId: id,
      divisionCode: row.home_division_code,
      // The record is gone: the audit row keeps what identified it.
      details: { registrationNo: row.registration_no, title: row.title, turnover: row.turnover },
    });
  });
  invalidateContractFacts();
  return { ok: true };
}
