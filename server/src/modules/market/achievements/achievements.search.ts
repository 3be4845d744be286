/**
 * Achievements as a search source: title and the PUBLIC summary (summary, problem, advantage, scenarios, keywords) of
 * achievements in 公示 or later that are not private; found by `market:read` holders within their scope. The
 * confidential detail is never read here.
 */
import type { DbOrTrx } from '../../../db/database.ts';
import { removeDocument } from '../../../platform/search/search.service.ts';
import { defineSearchSource, indexRecords } from '../../../platform/search/sources.ts';
import { parseJson, parseStrings } from '../shared/json.ts';
import * as repo from './achievements.repository.ts';

export const ACHIEVEMENT_SOURCE = defineSearchSource({
  type: 'market_achievement',
  permission: 'market:read',
  table: 'mkt_achievement',
  async documents(db, opts) {
    const rows = await repo.searchRows(db, opts);
    return rows.map((r) => {
      const s = parseJson<Record<string, string>>(r.public_summary, {});
      return {
        sourceType: 'market_achievement' as const,
        sourceId: r.id,
        divisionCode: r.division_code,
        title: r.title,
        body: [parseStrings(r.keywords).join(' '), r.summary, s.problem, s.advantage, s.scenarios]
          .filter(Boolean)
          .join(' '),
        createdAt: r.created_at,
        updatedAt: r.updated_at,
      };
    });
  },
});

/** (Re)indexes achievements as they now stand (drops those no longer shown); call inside the writing transaction. */
export async function indexAchievements(trx: DbOrTrx, ids: readonly number[]): Promise<void> {
  await indexRecords(trx, ACHIEVEMENT_SOURCE, ids);
  const kept = new Set((await repo.searchRows(trx, { ids })).map((r) => r.id));
  for (const id of ids) if (!kept.has(id)) await removeDocument(trx, 'market_achievement', id);
}
