/**
 * SQL of the sign-in throttles (table `auth_throttle`); throttle.ts holds the rules: which keys, which limits, when a
 * claim is made or given back. Each claim is one atomic statement, so parallel checks never exceed a limit.
 */
import type { Insertable } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import type { AuthThrottleTable } from '../platform.tables.ts';

/**
 * Counts one failure against an existing, currently unlocked lock counter: the run continues while its latest failure
 * is after `windowStart` (else it restarts at 1), and the `max`-th failure of a run locks the key until `lockUntil`.
 * False when nothing was counted (no row, or the key is locked).
 */
export async function countLockFailure(
  db: DbOrTrx,
  opts: { key: string; now: string; windowStart: string; lockUntil: string; max: number },
): Promise<boolean> {
  const { windowStart } = opts;
  const updated = await db
    .updateTable('auth_throttle')
    .set((eb) => ({
      failures: eb
        .case()
        .when('first_failure_at', '>', windowStart)
        .then(eb('failures', '+', 1))
        .else(1)
        .end(),
      locked_until: eb
        .case()
        .when(eb.and([eb('first_failure_at', '>', windowStart), eb('failures', '>=', opts.max - 1)]))
        .then(opts.lockUntil)
        .else(null)
        .end(),
      first_failure_at: opts.now,
    }))
    .where('key', '=', opts.key)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', opts.now)]))
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/** The wait a slow-down claim sets, by the count of failures before it (see claimSlowDown in throttle.ts). */
export interface SlowDownSchedule {
  /** Next allowed time when the claim starts a new run. */
  newRunAt: string | null;
  /** Next allowed time when the count before the claim is exactly `failures`, in this order. */
  steps: readonly { failures: number; at: string | null }[];
  /** Counts before the claim below this set no wait. */
  freeBelow: number;
  /** Next allowed time for every other count (the capped wait). */
  cappedAt: string | null;
}

/**
 * Counts one failure against an existing slow-down counter whose next allowed time has come, and sets the next one
 * from `schedule` (spelled out as a CASE, so no engine needs a power function). False when nothing was counted.
 */
export async function countSlowDownFailure(
  db: DbOrTrx,
  opts: { key: string; now: string; windowStart: string; schedule: SlowDownSchedule },
): Promise<boolean> {
  const { windowStart, schedule } = opts;
  const updated = await db
    .updateTable('auth_throttle')
    .set((eb) => {
      // `failures` is the count before this claim: the claim makes it failures + 1 (or 1 in a new run).
      let next = eb.case().when('first_failure_at', '<=', windowStart).then(schedule.newRunAt);
      for (const step of schedule.steps) next = next.when('failures', '=', step.failures).then(step.at);
      next = next.when('failures', '<', schedule.freeBelow).then(null);
      return {
        failures: eb
          .case()
          .when('first_failure_at', '>', windowStart)
          .then(eb('failures', '+', 1))
          .else(1)
          .end(),
        next_allowed_at: next.else(schedule.cappedAt).end(),
        first_failure_at: opts.now,
      };
    })
    .where('key', '=', opts.key)
    .where((eb) => eb.or([eb('next_allowed_at', 'is', null), eb('next_allowed_at', '<=', opts.now)]))
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/** Inserts the first failure of a key; false when a row for the key exists already (nothing written). */
export async function insertFirstFailure(db: DbOrTrx, row: Insertable<AuthThrottleTable>): Promise<boolean> {
  const inserted = await db
    .insertInto('auth_throttle')
    .values(row)
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Clears one throttle row (e.g. the second-factor lock after an accepted code). */
export async function deleteThrottle(db: DbOrTrx, key: string): Promise<void> {
  await db.deleteFrom('auth_throttle').where('key', '=', key).execute();
}

/** Takes one failure off a counter, and removes the counter once it holds none. */
export async function giveBackFailure(db: DbOrTrx, key: string): Promise<void> {
  await db
    .updateTable('auth_throttle')
    .set((eb) => ({ failures: eb('failures', '-', 1) }))
    .where('key', '=', key)
    .where('failures', '>', 0)
    .execute();
  await db.deleteFrom('auth_throttle').where('key', '=', key).where('failures', '<=', 0).execute();
}

/** Removes the rows of these keys and of every key starting with `keyPrefix` (which must hold no LIKE wildcard). */
export async function deleteThrottles(db: DbOrTrx, opts: { keys: string[]; keyPrefix: string }): Promise<void> {
  await db
    .deleteFrom('auth_throttle')
    .where((eb) => eb.or([eb('key', 'in', opts.keys), eb('key', 'like', `${opts.keyPrefix}%`)]))
    .execute();
}
