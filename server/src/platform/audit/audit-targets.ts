/**
 * Readable audit targets: the audit log stores a target as a type and an id (`user`, `3`); the list shows it as its
 * kind's name and the record's name (账户 张三（zhangsan）). Every module declares the target types it writes in its
 * manifest (`auditTargets`) with a lookup of names by id; the lookup runs when the log is listed, so the chain and
 * its stored rows never change. A name is what the staff pages already show (an account's name and username, an
 * organisation's name, a form's county and period): never a phone or an identity number. A record deleted since
 * keeps its kind's name and its id.
 */
import type { Db, DbOrTrx } from '../../db/database.ts';

export interface AuditTargetKind {
  /** The stored target_type, e.g. `user`, `mon_submission`. */
  type: string;
  zh: string;
  en: string;
  /** Names of the records with these ids (ids that no longer exist are left out); absent for kinds without ids. */
  names?: (db: DbOrTrx, ids: readonly number[]) => Promise<ReadonlyMap<number, string>>;
}

/** Declares a target kind (typed identity). */
export function defineAuditTarget(kind: AuditTargetKind): AuditTargetKind {
  return kind;
}

/** A target as the audit page shows it. */
export interface AuditTargetView {
  kindZh: string;
  kindEn: string;
  /** The record's name, or null when it has none or no longer exists. */
  name: string | null;
}

/** Numeric ids only: every target kind keys its records by an integer id. */
function numericId(id: string | null): number | null {
  return id !== null && /^\d{1,15}$/.test(id) ? Number(id) : null;
}

/**
 * The readable target of each row (by position; null for rows without a target). Kinds nobody declared show their
 * stored type as the name of the kind. One lookup per kind present on the page.
 */
export async function describeTargets(
  db: Db,
  kinds: ReadonlyMap<string, AuditTargetKind>,
  rows: readonly { target_type: string | null; target_id: string | null }[],
): Promise<(AuditTargetView | null)[]> {
  const idsByType = new Map<string, Set<number>>();
  for (const r of rows) {
    const id = numericId(r.target_id);
    if (r.target_type === null || id === null) continue;
    const set = idsByType.get(r.target_type) ?? new Set<number>();
    set.add(id);
    idsByType.set(r.target_type, set);
  }
  const names = new Map<string, ReadonlyMap<number, string>>();
  for (const [type, ids] of idsByType) {
    const lookup = kinds.get(type)?.names;
    if (lookup) names.set(type, await lookup(db, [...ids]));
  }
  return rows.map((r) => {
    if (r.target_type === null) return null;
    const kind = kinds.get(r.target_type);
    const id = numericId(r.target_id);
    return {
      kindZh: kind?.zh ?? r.target_type,
      kindEn: kind?.en ?? r.target_type,
      name: id === null ? null : (names.get(r.target_type)?.get(id) ?? null),
    };
  });
}

/** `rows` as a map from id to name (the usual shape of a lookup's query result). */
export function namesById<R extends { id: number | string }>(
  rows: readonly R[],
  name: (row: R) => string,
): ReadonlyMap<number, string> {
  return new Map(rows.map((r) => [Number(r.id), name(r)]));
}
