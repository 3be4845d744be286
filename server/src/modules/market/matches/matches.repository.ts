/**
 * Reads for the people-side match indexes: who owns the records on offer (achievements -> their owner accounts, for
 * experts) and who asked (published demands -> their organisations, for enterprises). PUBLIC columns only: the
 * confidential detail is never selected.
 */
import type { DbOrTrx } from '../../../db/database.ts';
import { ACHIEVEMENT_MATCHABLE, DEMAND_MATCHABLE } from '../shared/market.policy.ts';

/** Public text of the matchable achievements owned by `userIds` (an expert's track record on the market). */
export async function achievementsOwnedBy(db: DbOrTrx, userIds: readonly number[]) {
  const out: {
    owner_user_id: number;
    title: string;
    summary: string;
    keywords: string;
    domain: string;
    division_code: string;
  }[] = [];
  for (let i = 0; i < userIds.length; i += 500) {
    const rows = await db
      .selectFrom('mkt_achievement')
      .select(['owner_user_id', 'title', 'summary', 'keywords', 'domain', 'division_code'])
      .where('owner_user_id', 'in', userIds.slice(i, i + 500))
      .where('status', 'in', [...ACHIEVEMENT_MATCHABLE])
      .where('visibility', '<>', 'private')
      .orderBy('id')
      .execute();
    for (const r of rows) if (r.owner_user_id !== null) out.push({ ...r, owner_user_id: r.owner_user_id });
  }
  return out;
}

/** Public text of the published demands that name an organisation (an enterprise's stated needs). */
export async function demandsWithOrganisation(db: DbOrTrx) {
  const rows = await db
    .selectFrom('mkt_demand')
    .select(['org_id', 'title', 'description', 'keywords', 'domain', 'division_code'])
    .where('status', 'in', [...DEMAND_MATCHABLE])
    .where('org_id', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.flatMap((r) => (r.org_id === null ? [] : [{ ...r, org_id: r.org_id }]));
}
