/** Demands as a search source: title, description, requirements and keywords of published (and closed) demands. */
import type { DbOrTrx } from '../../../db/database.ts';
import { removeDocument } from '../../../platform/search/search.service.ts';
import { defineSearchSource, indexRecords } from '../../../platform/search/sources.ts';
import { parseStrings } from '../shared/json.ts';
import * as repo from './demands.repository.ts';

export const DEMAND_SOURCE = defineSearchSource({
  type: 'market_demand',
  permission: 'market:read',
  table: 'mkt_demand',
  async documents(db, opts) {
    const rows = await repo.searchRows(db, opts);
    return rows.map((r) => ({
      sourceType: 'market_demand' as const,
      sourceId: r.id,
      divisionCode: r.division_code,
      title: r.title,
      body: [parseStrings(r.keywords).join(' '), r.description, r.requirements].filter(Boolean).join(' '),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  },
});

/** (Re)indexes demands as they now stand (drops those no longer published); call inside the writing transaction. */
export async function indexDemands(trx: DbOrTrx, ids: readonly number[]): Promise<void> {
  await indexRecords(trx, DEMAND_SOURCE, ids);
  const kept = new Set((await repo.searchRows(trx, { ids })).map((r) => r.id));
  for (const id of ids) if (!kept.has(id)) await removeDocument(trx, 'market_demand', id);
}
