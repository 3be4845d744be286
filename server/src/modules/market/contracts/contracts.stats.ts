/** Statistics by county, league, field, year or type, and the export of the contract list. */
import type { z } from 'zod';
import {
  CONTRACT_TYPES,
  CONTRACT_TYPE_NAMES,
  REGISTRATION_AGENCIES,
  REGISTRATION_LIMIT_DAYS,
  TAX_REVIEW_NAMES,
  TAX_REVIEW_STATES,
  TECH_FIELDS,
  TECH_FIELD_NAMES,
  ZListContractsQuery,
  type ContractStats,
  type ContractStatsQuery,
} from '../../../../../contracts/market-contracts.ts';
import { scopeRoots } from '../../../platform/access/scope.ts';
import { writeAudit } from '../../../platform/audit/audit.ts';
import type { Caller, Deps } from '../../../platform/deps.ts';
import { keysetPages, writeExport, type ExportFormat } from '../../../platform/spreadsheets/export.ts';
import { contractStats } from './contract-stats.ts';
import { presentContract } from './contracts.presenter.ts';
import { listContractsForExport, listForStats } from './contracts.repository.ts';
import { areaOf } from './contracts.service.ts';
import { contractExportColumns } from './contracts.sheet.ts';
import { divisionInfo } from './division-info.ts';

export async function getContractStats(deps: Deps, caller: Caller, q: ContractStatsQuery): Promise<ContractStats> {
  const area = await areaOf(deps.db, caller, 'market:contract_read', q.division);
  const rows = await listForStats(deps.db, area, q);
  const info = await divisionInfo(deps.db);
  const { rows: groups, total } = contractStats(
    rows.map((r) => ({
      seller: r.seller_division_code,
      buyer: r.buyer_division_code,
      value: Number(r.contract_value),
      turnover: Number(r.turnover),
      year: r.year,
      type: r.type,
      field: r.field,
    })),
    { groupBy: q.groupBy, area: new Set(area), info },
  );
  const roots = q.division ? [q.division] : scopeRoots(caller.principal, 'market:contract_read');
  return { groupBy: q.groupBy, area: area.length > 0 ? roots : [], rows: groups, total, unit: '万元' };
}

export function contractCodeLists() {
  return {
    types: CONTRACT_TYPES.map((code) => ({ code, name: CONTRACT_TYPE_NAMES[code] })),
    fields: TECH_FIELDS.map((code) => ({ code, name: TECH_FIELD_NAMES[code] })),
    agencies: REGISTRATION_AGENCIES.map((a) => ({ code: a.code, name: a.name, divisionCode: a.divisionCode })),
    taxReview: TAX_REVIEW_STATES.map((code) => ({ code, name: TAX_REVIEW_NAMES[code] })),
    registrationLimitDays: REGISTRATION_LIMIT_DAYS,
  };
}

export const ZContractExportQuery = ZListContractsQuery.omit({ page: true, pageSize: true });
export const EXPORT_CAP = 100_000;

/** The list with its filters as a file; audited with the filter and the row count. */
export async function exportContracts(
  deps: Deps,
  caller: Caller,
  format: ExportFormat,
  query: z.infer<typeof ZContractExportQuery>,
): Promise<{ buffer: Buffer; count: number }> {
  const { division, direction, ...filters } = query;
  const area = await areaOf(deps.db, caller, 'market:contract_read', division);
  const info = await divisionInfo(deps.db);
  const out = await writeExport(format, {
    sheetName: '技术合同',
    columns: contractExportColumns,
    rows: keysetPages(async (after, limit) => {
      const rows = await listContractsForExport(deps.db, deps.engine, area, direction, filters, after, limit);
      return rows.map((r) => presentContract(r, info));
    }, EXPORT_CAP),
  });
  await deps.db.transaction().execute((trx) =>
    writeAudit(trx, deps.audit, caller.actor, {
      action: 'market.contract.export',
      targetType: 'tech_contract',
      divisionCode: caller.principal.divisionCode,
      details: { format, filter: query, rows: out.count },
    }),
  );
  return out;
}
