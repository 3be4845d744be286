/** Shapes division rows into the API contract (camelCase; rows never leave the module). */
import type { CountyAttribute, Division, DivisionCodeChange, DivisionDetail } from '../../../../contracts/divisions.ts';
import type {
  CountyAttributeRow,
  DivisionCodeHistoryRow,
  DivisionPathRow,
  DivisionRow,
} from './divisions.repository.ts';

/** A division row as the API's division. */
export function presentDivision(row: DivisionRow): Division {
  return { code: row.code, name: row.name, level: row.level, type: row.type, parentCode: row.parent_code };
}

/** A division with its path from the root down (the division itself last). */
export function presentDivisionDetail(row: DivisionRow, path: DivisionPathRow[]): DivisionDetail {
  return { ...presentDivision(row), path: path.map((p) => ({ code: p.code, name: p.name, level: p.level })) };
}

/** A county attribute row; numbers are coerced because drivers may return numeric columns as strings. */
export function presentAttribute(row: CountyAttributeRow): CountyAttribute {
  return {
    attribute: row.attribute,
    valueText: row.value_text,
    valueNumber: row.value_number === null ? null : Number(row.value_number),
    year: Number(row.year),
    source: row.source,
  };
}

/** A code-history crosswalk row. */
export function presentCodeChange(row: DivisionCodeHistoryRow): DivisionCodeChange {
  return {
    oldCode: row.old_code,
    oldName: row.old_name,
    newCode: row.new_code,
    newName: row.new_name,
    changeType: row.change_type,
    effectiveDate: row.effective_date,
    share: row.share === null ? null : Number(row.share),
    source: row.source,
    note: row.note,
  };
}
