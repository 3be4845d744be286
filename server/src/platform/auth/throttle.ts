/**
 * Sign-in throttles (issue 9, findings 3 and 7), all in the `auth_throttle` table so they survive a restart and hold
 * across app nodes. Every check (password or one-time code) is claimed BEFORE it is made, in one atomic statement per
 * counter, so parallel guesses can never exceed a limit; a check that turns out right gives its claim back.
 *
 * - `pair:` per (account, client): a client is the device cookie's id when the request carries a valid one for that
 *   account, otherwise the client IP. MAX_FAILURES failures lock that pair (only) for LOCKOUT_MS, so strangers can
 *   lock only themselves out, never the holder on another address or on a known device.
 * - `acct:` per account, failures from clients WITHOUT a valid device cookie: after SLOWDOWN_AFTER of them (a run
 *   lasts until LOCKOUT_MS pass without one), the next untrusted check waits 2^(n - SLOWDOWN_AFTER) s, capped at
 *   SLOWDOWN_CAP_MS. Rotating addresses therefore buy no more than this budget of checks. Checks made with a valid
 *   device cookie never count here, so the holder on a known device is never slowed by an attack.
 * - `mfa:` per account, wrong one-time codes: MFA_MAX_FAILURES lock the second factor for LOCKOUT_MS. Only a right
 *   code (or a password reset) clears it — a new password sign-in does not, so re-signing in gains no extra codes.
 *
 * Keys never hold a client address in clear: pair keys are `pair:<sha256(account)>:<sha256(account|client)>`.
 */
import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DbOrTrx } from '../../db/database.ts';
import { iso } from '../clock.ts';
import type { Deps } from '../deps.ts';
import * as repo from './throttle.repository.ts';

/** Failures per (account, client) before that pair is locked; also wrong one-time codes per account. */
export const MAX_FAILURES = 5;
export const LOCKOUT_MS = 30 * 60 * 1000;
/** Untrusted failures per account before the slow-down starts. */
export const SLOWDOWN_AFTER = 10;
export const SLOWDOWN_CAP_MS = 15 * 60 * 1000;
export const MFA_MAX_FAILURES = 5;
/** A device cookie is honoured this long after it was last issued (every sign-in on the device renews it). */
export const DEVICE_TTL_MS = 180 * 24 * 60 * 60 * 1000;
/** Accounts remembered per browser (one token each in the device cookie). */
const DEVICE_TOKENS_MAX = 5;

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function pairKey(account: string, client: { device: string } | { ip: string }): string {
  const c = 'device' in client ? `dev:${client.device}` : `ip:${client.ip}`;
  return `pair:${sha256(account)}:${sha256(`${account}|${c}`)}`;
}
export function accountKey(account: string): string {
  return `acct:${account}`;
}
export function mfaKey(account: string): string {
  return `mfa:${account}`;
}

/** Wait imposed after the n-th untrusted failure of a run (null: none). */
export function slowDownDelayMs(n: number): number | null {
  if (n < SLOWDOWN_AFTER) return null;
  // 2^20 s is far past the cap: stop doubling there so the number stays small.
  return Math.min(2 ** Math.min(n - SLOWDOWN_AFTER, 20) * 1000, SLOWDOWN_CAP_MS);
}

/**
 * Claims one check against a locking counter: counts it as a failure up front, and locks the key for LOCKOUT_MS when
 * this is the `max`-th failure of the run. Returns false (nothing counted) while the key is locked. A run restarts
 * only after LOCKOUT_MS without a failure (`first_failure_at` holds the latest failure), so no LOCKOUT_MS span ever
 * holds more than `max` checks.
 */
export async function claimLock(db: DbOrTrx, key: string, now: Date, max: number): Promise<boolean> {
  const windowStart = iso(new Date(now.getTime() - LOCKOUT_MS));
  const lockUntil = iso(new Date(now.getTime() + LOCKOUT_MS));
  for (let pass = 0; pass < 2; pass++) {
    if (await repo.countLockFailure(db, { key, now: iso(now), windowStart, lockUntil, max })) return true;
    const firstFailure = {
      key,
      failures: 1,
      first_failure_at: iso(now),
      locked_until: max <= 1 ? lockUntil : null,
      next_allowed_at: null,
    };
    if (await repo.insertFirstFailure(db, firstFailure)) return true;
    // The row exists but the update did not match: locked, or inserted concurrently just now (then try once more).
  }
  return false;
}

/**
 * Claims one untrusted check against the account's slow-down: refused (nothing counted) before `next_allowed_at`;
 * otherwise counted, and the n-th failure of a run (n >= SLOWDOWN_AFTER) sets the next allowed time. One statement:
 * the wait for each count is spelled out as a CASE, so no engine needs a power function.
 */
export async function claimSlowDown(db: DbOrTrx, key: string, now: Date): Promise<boolean> {
  const nowIso = iso(now);
  const windowStart = iso(new Date(now.getTime() - LOCKOUT_MS));
  const at = (n: number): string | null => {
    const d = slowDownDelayMs(n);
    return d === null ? null : iso(new Date(now.getTime() + d));
  };
  // The count before a claim is failures; the claim makes it failures + 1 (or 1 in a new run).
  const steps: { failures: number; at: string | null }[] = [];
  let n = SLOWDOWN_AFTER;
  for (; slowDownDelayMs(n) !== SLOWDOWN_CAP_MS; n++) steps.push({ failures: n - 1, at: at(n) });
  const schedule = { newRunAt: at(1), steps, freeBelow: SLOWDOWN_AFTER - 1, cappedAt: at(n) };
  for (let pass = 0; pass < 2; pass++) {
    if (await repo.countSlowDownFailure(db, { key, now: nowIso, windowStart, schedule })) return true;
    const firstFailure = { key, failures: 1, first_failure_at: nowIso, locked_until: null, next_allowed_at: at(1) };
    if (await repo.insertFirstFailure(db, firstFailure)) return true;
  }
  return false;
}

export type CheckClaim = 'ok' | 'locked' | 'slowed';

/**
 * Claims a password check for `account` from `client` (device cookie id, or IP without one): the pair's lock, then —
 * for untrusted clients — the account's slow-down, both or neither (one transaction).
 */
export async function claimPasswordCheck(
  deps: Deps,
  account: string,
  client: { device: string } | { ip: string },
): Promise<CheckClaim> {
  const now = deps.clock.now();
  const slowed = new Error('slowed');
  try {
    return await deps.db.transaction().execute(async (trx) => {
      if (!(await claimLock(trx, pairKey(account, client), now, MAX_FAILURES))) return 'locked' as const;
      if ('device' in client) return 'ok' as const;
      // Refused by the slow-down: roll the pair's claim back too (nothing was checked).
      if (!(await claimSlowDown(trx, accountKey(account), now))) throw slowed;
      return 'ok' as const;
    });
  } catch (err) {
    if (err === slowed) return 'slowed';
    throw err;
  }
}

/** A right password gives its claims back: the pair starts afresh, the account's slow-down count drops by one. */
export async function releasePasswordCheck(
  trx: DbOrTrx,
  account: string,
  client: { device: string } | { ip: string },
): Promise<void> {
  await repo.deleteThrottle(trx, pairKey(account, client));
  if ('device' in client) return;
  await repo.giveBackFailure(trx, accountKey(account));
}

/**
 * Clears every counter of an account (all its clients, the slow-down and the second factor), e.g. when its password
 * is reset. Pair keys start with the account's hash, so they are found without knowing the clients.
 */
export async function clearThrottle(trx: DbOrTrx, username: string): Promise<void> {
  const account = username.trim().toLowerCase().slice(0, 64);
  await repo.deleteThrottles(trx, {
    keys: [accountKey(account), mfaKey(account)],
    keyPrefix: `pair:${sha256(account)}:`,
  });
}

// --- Device cookies ------------------------------------------------------------------------------------------------

/** One remembered account on a device. */
export interface DeviceToken {
  account: string;
  /** Random id of this device for this account (the `pair:` client). */
  id: string;
  issuedAtS: number;
}

export function deviceCookieName(deps: Deps): string {
  return deps.config.secureCookies ? '__Host-qx_device' : 'qx_device';
}

const deviceKeys = new WeakMap<Deps['config'], Buffer>();
function deviceKey(deps: Deps): Buffer {
  let key = deviceKeys.get(deps.config);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', deps.config.secret, 'qixian', 'device-cookie-v1', 32));
    deviceKeys.set(deps.config, key);
  }
  return key;
}

function mac(deps: Deps, payload: string): string {
  return createHmac('sha256', deviceKey(deps)).update(`v1.${payload}`).digest('base64url');
}

function encodeToken(deps: Deps, t: DeviceToken): string {
  const payload = `${Buffer.from(t.account, 'utf8').toString('base64url')}.${t.id}.${t.issuedAtS}`;
  return `v1.${payload}.${mac(deps, payload)}`;
}

/** The valid, unexpired tokens of a device cookie value (forged, altered or expired tokens are dropped). */
export function parseDeviceCookie(deps: Deps, value: string | undefined): DeviceToken[] {
  if (!value || value.length > 4096) return [];
  const nowS = Math.floor(deps.clock.now().getTime() / 1000);
  const tokens: DeviceToken[] = [];
  for (const raw of value.split('~').slice(0, DEVICE_TOKENS_MAX)) {
    const parts = raw.split('.');
    if (parts.length !== 5 || parts[0] !== 'v1') continue;
    const [, acct, id, issued, sig] = parts as [string, string, string, string, string];
    const expected = Buffer.from(mac(deps, `${acct}.${id}.${issued}`));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) continue;
    const issuedAtS = Number(issued);
    if (!Number.isSafeInteger(issuedAtS) || issuedAtS > nowS + 300 || (nowS - issuedAtS) * 1000 > DEVICE_TTL_MS)
      continue;
    tokens.push({ account: Buffer.from(acct, 'base64url').toString('utf8'), id, issuedAtS });
  }
  return tokens;
}

/** The device cookie value after a successful sign-in of `account`: its token renewed (same id) or added first. */
export function renewDeviceCookie(deps: Deps, tokens: DeviceToken[], account: string): string {
  const issuedAtS = Math.floor(deps.clock.now().getTime() / 1000);
  const mine = tokens.find((t) => t.account === account);
  const renewed: DeviceToken = { account, id: mine?.id ?? randomBytes(16).toString('base64url'), issuedAtS };
  return [renewed, ...tokens.filter((t) => t.account !== account)]
    .slice(0, DEVICE_TOKENS_MAX)
    .map((t) => encodeToken(deps, t))
    .join('~');
}
