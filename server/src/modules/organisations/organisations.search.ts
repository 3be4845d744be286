/**
 * Organisations as a search source: title = name, body = type label (企业, 事业单位 …) and division name, found by
 * `org:read` holders within their scope.
 */
import type { DbOrTrx } from '../../db/database.ts';
import { defineSearchSource, indexRecords } from '../../platform/search/sources.ts';
import * as repo from './organisations.repository.ts';
import { TYPE_LABELS } from './organisations.sheet.ts';

export const ORGANISATION_SOURCE = defineSearchSource({
  type: 'organisation',
  permission: 'org:read',
  table: 'organisation',
  async documents(db, opts) {
    const rows = await repo.searchRows(db, opts);
    return rows.map((r) => ({
      sourceType: 'organisation' as const,
      sourceId: r.id,
      divisionCode: r.division_code,
      title: r.name,
      body: `${TYPE_LABELS[r.type]} ${r.division_name}`,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  },
});

/** (Re)indexes organisations as they now stand; call inside the transaction that wrote them. */
export function indexOrganisations(trx: DbOrTrx, ids: readonly number[]): Promise<void> {
  return indexRecords(trx, ORGANISATION_SOURCE, ids);
}
