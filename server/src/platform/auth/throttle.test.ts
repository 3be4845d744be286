/**
 * Issue 9, finding 7: anyone could lock any account (five anonymous failures locked the username for 30 minutes).
 * Failures now count per (account, client) — the client being the device cookie of an earlier sign-in, or the address
 * without one — plus a per-account slow-down of clients without a device cookie. Strangers lock only themselves out;
 * the holder on a known device is never slowed; brute force from rotating addresses still gets 0 successes.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, createTestApp, TEST_PASSWORD, type TestApp } from '../../test/harness.ts';
import { clearThrottle } from './auth.service.ts';
import { DEVICE_TTL_MS, LOCKOUT_MS, MAX_FAILURES, SLOWDOWN_AFTER, accountKey, pairKey } from './throttle.ts';

const WRONG = 'Wrong#Password1';
const HOLDER_IP = '192.0.2.10';

let ipCounter = 0;
function nextIp(): string {
  ipCounter++;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

function attempt(
  t: TestApp,
  username: string,
  password: string,
  opts: { ip?: string; device?: string } = {},
): Promise<LightMyRequestResponse> {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    remoteAddress: opts.ip ?? nextIp(),
    ...(opts.device ? { cookies: { qx_device: opts.device } } : {}),
  });
}

function deviceCookieOf(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'qx_device');
  if (!c) throw new Error(`no device cookie (status ${res.statusCode})`);
  return c.value;
}

/** What a client sees, except the Date header and the per-address rate-limit counters. */
function visible(res: LightMyRequestResponse): unknown {
  const headers: Record<string, unknown> = { ...res.headers };
  delete headers.date;
  delete headers['x-ratelimit-remaining'];
  delete headers['x-ratelimit-reset'];
  return { status: res.statusCode, headers, body: res.body };
}

async function loginReasons(t: TestApp, username: string): Promise<string[]> {
  const rows = await t.db.db
    .selectFrom('audit_log')
    .select(['result', 'details'])
    .where('action', '=', 'auth.login')
    .where('actor_username', '=', username)
    .orderBy('seq')
    .execute();
  return rows.map((r) =>
    r.result === 'success' ? 'success' : (JSON.parse(r.details ?? '{}') as { reason: string }).reason,
  );
}

describe('finding 7: strangers cannot lock the holder out', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
    await addUser(t, { username: 'holder', role: 'county-officer', division: '150102' });
  });
  afterEach(async () => {
    await t.close();
  });

  it('5 bad attempts from address A do not lock the holder signing in from address B', async () => {
    for (let i = 0; i < MAX_FAILURES + 2; i++)
      expect((await attempt(t, 'holder', WRONG, { ip: '203.0.113.1' })).statusCode).toBe(401);
    // A is locked, even with the right password.
    expect((await attempt(t, 'holder', TEST_PASSWORD, { ip: '203.0.113.1' })).statusCode).toBe(401);
    // B is not.
    const b = await attempt(t, 'holder', TEST_PASSWORD, { ip: HOLDER_IP });
    expect(b.statusCode).toBe(200);
    expect(b.json()).toMatchObject({ user: { username: 'holder' } });
  });

  it('sets a signed, HttpOnly, SameSite=Strict, long-lived device cookie on success only', async () => {
    const fail = await attempt(t, 'holder', WRONG);
    expect(fail.cookies).toEqual([]);
    const ok = await attempt(t, 'holder', TEST_PASSWORD);
    const cookie = ok.cookies.find((c) => c.name === 'qx_device');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', maxAge: DEVICE_TTL_MS / 1000 });
    expect(cookie?.value).not.toContain('holder'); // the account name is encoded and signed, not a bare label
    // A second sign-in on the same device keeps the device id (so its own counter follows it).
    const again = await attempt(t, 'holder', TEST_PASSWORD, { device: cookie?.value });
    expect(deviceCookieOf(again).split('.')[2]).toBe(cookie?.value.split('.')[2]);
  });

  it('lets the holder with a device cookie sign in while 100 attackers from rotating addresses hammer the account', async () => {
    const device = deviceCookieOf(await attempt(t, 'holder', TEST_PASSWORD, { ip: HOLDER_IP }));
    t.clock.advance(60_000);
    // 100 attackers, in parallel, each from its own address; the clock stands still, so the slow-down holds.
    const attacks = await Promise.all(Array.from({ length: 100 }, (_, i) => attempt(t, 'holder', `${WRONG}${i}`)));
    expect(attacks.every((r) => r.statusCode === 401)).toBe(true);
    const reasons = await loginReasons(t, 'holder');
    expect(reasons.filter((r) => r === 'bad-credentials')).toHaveLength(SLOWDOWN_AFTER);
    expect(reasons.filter((r) => r === 'slowed')).toHaveLength(100 - SLOWDOWN_AFTER);
    // The account is slowed for clients without a device cookie — the holder's own new browser included ...
    const newBrowser = await attempt(t, 'holder', TEST_PASSWORD, { ip: HOLDER_IP });
    expect(newBrowser.statusCode).toBe(401);
    expect(visible(newBrowser)).toEqual(visible(attacks[0]!));
    // ... but the known device signs in at once, from any address, during the attack.
    const known = await attempt(t, 'holder', TEST_PASSWORD, { ip: nextIp(), device });
    expect(known.statusCode).toBe(200);
    // And attackers keep hammering while the holder signs in again on the known device.
    const [again, ...more] = await Promise.all([
      attempt(t, 'holder', TEST_PASSWORD, { ip: HOLDER_IP, device }),
      ...Array.from({ length: 20 }, (_, i) => attempt(t, 'holder', `${WRONG}x${i}`)),
    ]);
    expect(again!.statusCode).toBe(200);
    expect(more.every((r) => r.statusCode === 401)).toBe(true);
  });

  it('gives brute force from rotating addresses 0 successes and at most the slow-down budget of checks', async () => {
    // A dictionary of 100 guesses holding the right password at position 60, each from a new address.
    const guesses = Array.from({ length: 100 }, (_, i) => (i === 60 ? TEST_PASSWORD : `${WRONG}${i}`));
    const responses: LightMyRequestResponse[] = [];
    for (const g of guesses) responses.push(await attempt(t, 'holder', g));
    expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(0);
    const reasons = await loginReasons(t, 'holder');
    expect(reasons.filter((r) => r === 'bad-credentials')).toHaveLength(SLOWDOWN_AFTER);
    expect(reasons.filter((r) => r === 'slowed')).toHaveLength(100 - SLOWDOWN_AFTER);
    expect(reasons).not.toContain('success');
  });

  it('counts checks with a device cookie only per device: 5 failures lock that device, never the account', async () => {
    const device = deviceCookieOf(await attempt(t, 'holder', TEST_PASSWORD, { ip: HOLDER_IP }));
    for (let i = 0; i < MAX_FAILURES; i++)
      expect((await attempt(t, 'holder', WRONG, { ip: HOLDER_IP, device })).statusCode).toBe(401);
    expect((await attempt(t, 'holder', TEST_PASSWORD, { ip: HOLDER_IP, device })).statusCode).toBe(401);
    expect(await loginReasons(t, 'holder')).toEqual([
      'success',
      ...Array<string>(MAX_FAILURES).fill('bad-credentials'),
      'locked',
    ]);
    // Nothing was counted for the account's slow-down, and the same address without the cookie still signs in.
    const acct = await t.db.db
      .selectFrom('auth_throttle')
      .selectAll()
      .where('key', '=', accountKey('holder'))
      .executeTakeFirst();
    expect(acct).toBeUndefined();
    expect((await attempt(t, 'holder', TEST_PASSWORD, { ip: HOLDER_IP })).statusCode).toBe(200);
    // The device's lock ends after LOCKOUT_MS.
    t.clock.advance(LOCKOUT_MS);
    expect((await attempt(t, 'holder', TEST_PASSWORD, { ip: HOLDER_IP, device })).statusCode).toBe(200);
  });

  it('ignores forged, altered, foreign and expired device cookies (they count as unknown clients)', async () => {
    await addUser(t, { username: 'other', role: 'county-officer', division: '150102' });
    const mine = deviceCookieOf(await attempt(t, 'holder', TEST_PASSWORD, { ip: HOLDER_IP }));
    const foreign = deviceCookieOf(await attempt(t, 'other', TEST_PASSWORD, { ip: HOLDER_IP }));
    const parts = mine.split('.');
    const altered = [...parts.slice(0, 2), 'AAAAAAAAAAAAAAAAAAAAAA', ...parts.slice(3)].join('.');
    // Exhaust the slow-down from rotating addresses, then try each cookie: only the genuine one passes.
    for (let i = 0; i < SLOWDOWN_AFTER; i++) await attempt(t, 'holder', WRONG);
    for (const device of [altered, foreign, 'v1.aG9sZGVy.x.1.y', `${mine}x`])
      expect((await attempt(t, 'holder', TEST_PASSWORD, { device })).statusCode).toBe(401);
    expect((await loginReasons(t, 'holder')).slice(-4)).toEqual(['slowed', 'slowed', 'slowed', 'slowed']);
    expect((await attempt(t, 'holder', TEST_PASSWORD, { device: mine })).statusCode).toBe(200);
    // Past its lifetime the cookie is just another unknown client.
    t.clock.advance(DEVICE_TTL_MS + 1000);
    for (let i = 0; i < SLOWDOWN_AFTER; i++) await attempt(t, 'holder', WRONG);
    expect((await attempt(t, 'holder', TEST_PASSWORD, { device: mine })).statusCode).toBe(401);
    expect((await loginReasons(t, 'holder')).at(-1)).toBe('slowed');
  });

  it('answers slowed, locked, wrong and unknown byte for byte alike, without cookies', async () => {
    const wrong = await attempt(t, 'holder', WRONG, { ip: '203.0.113.5' });
    const unknown = await attempt(t, 'nobody', WRONG, { ip: '203.0.113.6' });
    for (let i = 0; i < MAX_FAILURES; i++) await attempt(t, 'holder', WRONG, { ip: '203.0.113.7' });
    const locked = await attempt(t, 'holder', TEST_PASSWORD, { ip: '203.0.113.7' });
    for (let i = 0; i < SLOWDOWN_AFTER; i++) await attempt(t, 'holder', WRONG);
    const slowed = await attempt(t, 'holder', TEST_PASSWORD, { ip: '203.0.113.8' });
    const reasons = await loginReasons(t, 'holder');
    expect(reasons).toContain('locked');
    expect(reasons.at(-1)).toBe('slowed');
    for (const r of [unknown, locked, slowed]) {
      expect(visible(r)).toEqual(visible(wrong));
      expect(r.cookies).toEqual([]);
    }
  });

  it('clearThrottle (password reset) clears every counter of the account and no other', async () => {
    await addUser(t, { username: 'bystander', role: 'county-officer', division: '150102' });
    for (let i = 0; i < MAX_FAILURES; i++) {
      await attempt(t, 'holder', WRONG, { ip: '203.0.113.1' });
      await attempt(t, 'bystander', WRONG, { ip: '203.0.113.1' });
    }
    for (let i = 0; i < 3; i++) await attempt(t, 'holder', WRONG);
    await t.db.db.transaction().execute((trx) => clearThrottle(trx, 'Holder'));
    const keys = (await t.db.db.selectFrom('auth_throttle').select('key').execute()).map((r) => r.key).sort();
    expect(keys).toEqual([accountKey('bystander'), pairKey('bystander', { ip: '203.0.113.1' })].sort());
    expect((await attempt(t, 'holder', TEST_PASSWORD, { ip: '203.0.113.1' })).statusCode).toBe(200);
  });
});
