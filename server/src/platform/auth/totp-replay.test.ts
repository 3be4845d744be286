/**
 * Issue 9, finding 3: a TOTP code could be replayed within its window in new sessions. The last accepted time-step is
 * stored per account and a code at a step not later than it is refused, atomically (parallel verifications of one
 * code: exactly one succeeds); wrong codes lock the second factor after MFA_MAX_FAILURES, and signing in again with
 * the password does not reset that count.
 */
import type { LightMyRequestResponse } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, createTestApp, signInAdmin, TEST_PASSWORD, type TestApp } from '../../test/harness.ts';
import { consumeTotpCode } from './auth.service.ts';
import { LOCKOUT_MS, MFA_MAX_FAILURES } from './throttle.ts';

interface Pending {
  headers: Record<string, string>;
  verify(code: string): Promise<LightMyRequestResponse>;
}

describe('finding 3: TOTP codes work once', () => {
  let t: TestApp;
  let userId: number;
  let totp: TOTP;

  async function pendingSession(): Promise<Pending> {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'sec', password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const c = res.cookies.find((x) => x.name === 'qx_session');
    const headers = { cookie: `qx_session=${c?.value}`, 'x-csrf-token': res.json<{ csrfToken: string }>().csrfToken };
    return {
      headers,
      verify: (code) => t.app.inject({ method: 'POST', url: '/api/auth/totp', headers, payload: { code } }),
    };
  }

  const codeNow = (): string => totp.generate({ timestamp: t.clock.now().getTime() });

  async function totpReasons(): Promise<string[]> {
    const rows = await t.db.db
      .selectFrom('audit_log')
      .select(['action', 'result', 'details'])
      .where('action', 'in', ['auth.totp', 'auth.totp_enrol'])
      .orderBy('seq')
      .execute();
    return rows.map((r) =>
      r.result === 'success' ? r.action : (JSON.parse(r.details ?? '{}') as { reason: string }).reason,
    );
  }

  beforeEach(async () => {
    t = await createTestApp();
    userId = await addUser(t, { username: 'sec', role: 'sec-admin', division: '150000' });
    // Enrol: the first code accepted is the enrolment's.
    const first = await pendingSession();
    const setup = await t.app.inject({ method: 'GET', url: '/api/auth/totp/setup', headers: first.headers });
    totp = new TOTP({ secret: Secret.fromBase32(setup.json<{ secret: string }>().secret) });
    expect((await first.verify(codeNow())).statusCode).toBe(200);
    t.clock.advance(30_000);
  });
  afterEach(async () => {
    await t.close();
  });

  it('refuses a code already accepted, in a new session, for its whole window', async () => {
    const code = codeNow();
    expect((await (await pendingSession()).verify(code)).statusCode).toBe(200);
    // The same code, same moment, new session: refused.
    const replay = await (await pendingSession()).verify(code);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('MFA_INVALID');
    // Still inside its ±1 step window 30 s later: refused; the code of the new step works.
    t.clock.advance(30_000);
    const late = await pendingSession();
    expect((await late.verify(code)).statusCode).toBe(401);
    expect((await late.verify(codeNow())).statusCode).toBe(200);
    // An older code (previous step, within the window) is refused too: steps only move forward.
    t.clock.advance(30_000);
    const older = totp.generate({ timestamp: t.clock.now().getTime() - 30_000 });
    const current = codeNow();
    const s = await pendingSession();
    if (older !== current) expect((await s.verify(older)).statusCode).toBe(401);
    expect((await s.verify(current)).statusCode).toBe(200);
    expect(await totpReasons()).toEqual([
      'auth.totp_enrol',
      'auth.totp',
      'replayed',
      'replayed',
      'auth.totp',
      ...(older !== current ? ['replayed'] : []),
      'auth.totp',
    ]);
  });

  it('lets exactly one of parallel verifications of the same code succeed', async () => {
    const sessions: Pending[] = [];
    for (let i = 0; i < 6; i++) sessions.push(await pendingSession());
    const code = codeNow();
    const results = await Promise.all(sessions.map((s) => s.verify(code)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401, 401, 401, 401, 401]);
    const row = await t.db.db
      .selectFrom('app_user')
      .select('totp_last_step')
      .where('id', '=', userId)
      .executeTakeFirstOrThrow();
    expect(row.totp_last_step).toBe(Math.floor(t.clock.now().getTime() / 30_000));
  });

  it('locks the second factor after a burst of wrong codes; a new password sign-in does not reset it', async () => {
    const s = await pendingSession();
    const right = codeNow();
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < MFA_MAX_FAILURES; i++) expect((await s.verify(wrong)).statusCode).toBe(401);
    // Locked: the right code is refused with the same answer, unchecked (so it is not consumed either).
    const refused = await s.verify(right);
    expect(refused.statusCode).toBe(401);
    expect(refused.body).toBe((await s.verify(wrong)).body);
    // Signing in again with the password gives no new tries.
    const again = await pendingSession();
    expect((await again.verify(right)).statusCode).toBe(401);
    expect((await totpReasons()).slice(1)).toEqual([
      ...Array<string>(MFA_MAX_FAILURES).fill('wrong'),
      'locked',
      'locked',
      'locked',
    ]);
    // After the lock, a fresh code works (the admin's pending session idles out after 15 minutes: sign in anew).
    t.clock.advance(LOCKOUT_MS);
    expect((await (await pendingSession()).verify(codeNow())).statusCode).toBe(200);
  });

  it('shares the last step with other uses of the code (consumeTotpCode, e.g. a password reset link)', async () => {
    const code = codeNow();
    expect(await consumeTotpCode(t.app.deps, userId, 'sec', code)).toBe(true);
    expect(await consumeTotpCode(t.app.deps, userId, 'sec', code)).toBe(false);
    expect((await (await pendingSession()).verify(code)).statusCode).toBe(401);
  });

  it('signs the same admin in twice at one clock time through the harness (it moves to a fresh step)', async () => {
    await addUser(t, { username: 'sys', role: 'sys-admin', division: '150000' });
    const a = await signInAdmin(t, 'sys');
    const b = await signInAdmin(t, 'sys');
    expect((await a.request('GET', '/api/auth/session')).json()).toMatchObject({ mfaRequired: false });
    expect((await b.request('GET', '/api/auth/session')).json()).toMatchObject({ mfaRequired: false });
  });
});
