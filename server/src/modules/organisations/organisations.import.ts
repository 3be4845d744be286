/** Organisations as an import kind: duplicate credit codes are row errors; commit writes every row or none. */
import { writeAudit } from '../../platform/audit/audit.ts';
import { iso } from '../../platform/clock.ts';
import type { ImportKind } from '../../platform/spreadsheets/import-kind.ts';
import type { RowError } from '../../platform/spreadsheets/sheet.ts';
import { existingUsccs, insertOrganisation } from './organisations.repository.ts';
import { organisationSheet, type OrganisationImportRow } from './organisations.sheet.ts';
import { ORGANISATIONS_COUNT } from './organisations.facts.ts';
import { invalidateFact } from '../../platform/metrics/index.ts';
import { indexOrganisations } from './organisations.search.ts';

const USCC_HEADER = '统一社会信用代码';

export const organisationImport: ImportKind<OrganisationImportRow> = {
  kind: 'organisations',
  permission: 'org:create',
  sheet: organisationSheet,
  templateName: '单位导入模板.xlsx',
  templateAsciiName: 'organisations-template.xlsx',
  divisionOf: (row) => row.divisionCode,
  async check(db, rows) {
    const errors: RowError[] = [];
    const firstRow = new Map<string, number>();
    for (const r of rows) {
      const code = r.value.uscc;
      if (!code) continue;
      const first = firstRow.get(code);
      if (first !== undefined)
        errors.push({
          row: r.row,
          column: USCC_HEADER,
          message: `统一社会信用代码与第 ${first} 行重复`,
          messageEn: `Credit code repeats row ${first}`,
        });
      else firstRow.set(code, r.row);
    }
    const existing = await existingUsccs(db, [...firstRow.keys()]);
    for (const r of rows)
      if (r.value.uscc && existing.has(r.value.uscc) && firstRow.get(r.value.uscc) === r.row)
        errors.push({
          row: r.row,
          column: USCC_HEADER,
          message: '该统一社会信用代码已登记',
          messageEn: 'This credit code is already registered',
        });
    return errors;
  },
  commit(deps, caller, rows, finish) {
    const now = iso(deps.clock.now());
    const committed = deps.db.transaction().execute(async (trx) => {
      await finish(trx);
      const ids: number[] = [];
      for (const { value } of rows) {
        const { id } = await insertOrganisation(trx, {
          name: value.name,
          type: value.type,
          uscc: value.uscc ?? null,
          divisionCode: value.divisionCode,
          status: 'active',
          isDemo: false,
          now,
        });
        await writeAudit(trx, deps.audit, caller.actor, {
          action: 'organisation.create',
          targetType: 'organisation',
          targetId: id,
          divisionCode: value.divisionCode,
          details: { name: value.name, type: value.type, via: 'import' },
        });
        ids.push(id);
      }
      // Searchable in the same transaction as the rows themselves.
      await indexOrganisations(trx, ids);
      return rows.length;
    });
    return committed.then((n) => {
      invalidateFact(ORGANISATIONS_COUNT);
      return n;
    });
  },
};
