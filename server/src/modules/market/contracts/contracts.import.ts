/**
 * Technology contracts as an import kind (/api/imports/market-contracts): the registration agencies' xlsx exports.
 * Every row passes the create rules; registration numbers repeated in the file or already registered are row errors;
 * commit writes every row or none, each audited.
 */
import type { CreateContractRequest } from '../../../../../contracts/market-contracts.ts';
import { DEFAULT_REGION_CODE } from '../../../../../contracts/region.ts';
import { writeAudit } from '../../../platform/audit/audit.ts';
import { iso } from '../../../platform/clock.ts';
import type { ImportKind } from '../../../platform/spreadsheets/import-kind.ts';
import type { RowError } from '../../../platform/spreadsheets/sheet.ts';
import { checkContract } from './contract-rules.ts';
import { invalidateContractFacts } from './contracts.facts.ts';
import { inflowOf, notifyInflow } from './contracts.notify.ts';
import { existingRegistrationNos, insertContract } from './contracts.repository.ts';
import { contractColumns } from './contracts.service.ts';
import { COLUMN_OF_PATH, contractSheet } from './contracts.sheet.ts';
import { divisionInfo, regionCodes } from './division-info.ts';

const NO_HEADER = '登记号';

/**
 * The registering division of a row, as `checkContract` derives it: the seller's county when the seller lies in the
 * region, else the buyer's. Synchronous (the platform asks before any database check), so region membership is read
 * from the GB/T 2260 province digits; `check` then derives it from the division tree and refuses any disagreement.
 */
function homeOf(row: CreateContractRequest): string {
  const province = DEFAULT_REGION_CODE.slice(0, 2);
  return row.seller.divisionCode.startsWith(province) ? row.seller.divisionCode : row.buyer.divisionCode;
}

export const contractImport: ImportKind<CreateContractRequest> = {
  kind: 'market-contracts',
  permission: 'market:contract_register',
  sheet: contractSheet,
  templateName: '技术合同导入模板.xlsx',
  templateAsciiName: 'technology-contracts-template.xlsx',
  divisionOf: homeOf,
  async check(db, rows) {
    const errors: RowError[] = [];
    const info = await divisionInfo(db);
    const region = await regionCodes(db);
    const firstRow = new Map<string, number>();
    for (const r of rows) {
      const no = r.value.registrationNo;
      const first = firstRow.get(no);
      if (first !== undefined)
        errors.push({
          row: r.row,
          column: NO_HEADER,
          message: `登记号与第 ${first} 行重复`,
          messageEn: `Repeats row ${first}`,
        });
      else firstRow.set(no, r.row);
      const { issues, derived } = checkContract(r.value, info, region);
      for (const i of issues)
        errors.push({ row: r.row, column: COLUMN_OF_PATH[i.path] ?? '', message: i.message, messageEn: i.messageEn });
      if (derived && derived.homeDivisionCode !== homeOf(r.value))
        errors.push({
          row: r.row,
          column: '卖方所在旗县代码',
          message: '无法确定登记地',
          messageEn: 'Unclear home division',
        });
    }
    const existing = await existingRegistrationNos(db, [...firstRow.keys()]);
    for (const r of rows)
      if (existing.has(r.value.registrationNo) && firstRow.get(r.value.registrationNo) === r.row)
        errors.push({
          row: r.row,
          column: NO_HEADER,
          message: `登记号 ${r.value.registrationNo} 已登记，不能重复导入`,
          messageEn: 'This registration number is already registered',
        });
    return errors;
  },
  async commit(deps, caller, rows, finish) {
    const now = iso(deps.clock.now());
    const info = await divisionInfo(deps.db);
    const region = await regionCodes(deps.db);
    const n = await deps.db.transaction().execute(async (trx) => {
      await finish(trx);
      for (const { value } of rows) {
        const { derived } = checkContract(value, info, region);
        if (!derived) throw new Error('a validated row no longer passes the contract rules');
        const id = await insertContract(trx, {
          ...contractColumns(value, derived),
          source: 'import',
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
          details: { registrationNo: value.registrationNo, turnover: value.turnover, via: 'import' },
        });
      }
      await notifyInflow(trx, {
        contracts: rows.map((r) => inflowOf(r.value)),
        actorUserId: caller.principal.userId,
        at: deps.clock.now(),
      });
      return rows.length;
    });
    invalidateContractFacts();
    return n;
  },
};
