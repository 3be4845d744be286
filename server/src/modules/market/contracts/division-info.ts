/**
 * Division facts the contract and project code needs: name, level and parent of any division (GB/T 2260 tree of
 * China, reference data), loaded once per database handle; and the region's subtree. Reads the platform's
 * `division` table (reference data written only by the seed).
 */
import { DEFAULT_REGION_CODE } from '../../../../../contracts/region.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import { descendantCodes } from '../../../platform/divisions/index.ts';

export interface DivisionInfo {
  name: string;
  level: string;
  parent: string | null;
}

const cache = new WeakMap<object, Promise<Map<string, DivisionInfo>>>();

/** Every division by code. */
export function divisionInfo(db: DbOrTrx): Promise<Map<string, DivisionInfo>> {
  let p = cache.get(db);
  if (!p) {
    p = db
      .selectFrom('division')
      .select(['code', 'name', 'level', 'parent_code'])
      .execute()
      .then((rows) => new Map(rows.map((r) => [r.code, { name: r.name, level: r.level, parent: r.parent_code }])));
    p.catch(() => cache.delete(db));
    cache.set(db, p);
  }
  return p;
}

/** The region's divisions (itself, its leagues and counties). */
export async function regionCodes(db: DbOrTrx): Promise<Set<string>> {
  return new Set(await descendantCodes(db, [DEFAULT_REGION_CODE]));
}

/** The league (盟市) of a county inside the region, the league itself for a league, else null. */
export function leagueOf(info: ReadonlyMap<string, DivisionInfo>, code: string): string | null {
  const d = info.get(code);
  if (!d) return null;
  if (d.level === 'prefecture') return code;
  if (d.level === 'county') return d.parent;
  return null;
}
