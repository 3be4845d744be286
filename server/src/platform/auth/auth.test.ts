import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TOTP, Secret } from 'otpauth';
import { addUser, createTestApp, signIn, TEST_PASSWORD, type TestApp } from '../../test/harness.ts';

describe('auth', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('logs in, returns the session with a CSRF token, and logs out server-side', async () => {
    await addUser(t, { username: 'officer1', role: 'county-officer', division: '150102' });
    const agent = await signIn(t, 'officer1');
    const s = await agent.request('GET', '/api/auth/session');
    expect(s.statusCode).toBe(200);
    expect(s.json()).toMatchObject({
      user: { username: 'officer1', divisionCode: '150102', divisionName: '新城区' },
      mfaRequired: false,
    });
    const out = await agent.request('POST', '/api/auth/logout');
    expect(out.statusCode).toBe(200);
    const after = await agent.request('GET', '/api/auth/session');
    expect(after.statusCode).toBe(401);
  });

  it('gives the same answer for unknown users and wrong passwords', async () => {
    await addUser(t, { username: 'known', role: 'farmer', division: '150102' });
    const a = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'known', password: 'wrong-password' },
    });
    const b = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'wrong-password' },
    });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(a.body).toBe(b.body);
  });

  it('requires CSRF token on state-changing requests', async () => {
    await addUser(t, { username: 'officer2', role: 'county-officer', division: '150102' });
    const agent = await signIn(t, 'officer2');
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: agent.cookie } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF');
  });

  it('rotates the session id at login', async () => {
    await addUser(t, { username: 'rot', role: 'farmer', division: '150102' });
    const first = await signIn(t, 'rot');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: first.cookie },
      payload: { username: 'rot', password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const second = res.cookies.find((c) => c.name.endsWith('qx_session'))?.value;
    expect(second).toBeDefined();
    expect(`qx_session=${second}`).not.toBe(first.cookie);
    const old = await first.request('GET', '/api/auth/session');
    expect(old.statusCode).toBe(401);
  });

  it('expires idle sessions after 30 minutes and all sessions after 12 hours', async () => {
    await addUser(t, { username: 'idle', role: 'county-officer', division: '150102' });
    const agent = await signIn(t, 'idle');
    t.clock.advance(29 * 60 * 1000);
    expect((await agent.request('GET', '/api/auth/session')).statusCode).toBe(200);
    t.clock.advance(31 * 60 * 1000);
    const expired = await agent.request('GET', '/api/auth/session');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('SESSION_EXPIRED');

    const b = await signIn(t, 'idle');
    for (let i = 0; i < 25; i++) {
      t.clock.advance(29 * 60 * 1000);
      const r = await b.request('GET', '/api/auth/session');
      if (i < 24) expect(r.statusCode).toBe(200);
      else expect(r.statusCode).toBe(401); // 25 x 29 min = 12 h 5 min > 12 h absolute
    }
  });

  it('requires TOTP for the admin roles: enrol, then verify on the next login', async () => {
    await addUser(t, { username: 'secadmin', role: 'sec-admin', division: '150000' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'secadmin', password: TEST_PASSWORD },
    });
    expect(res.json()).toMatchObject({ mfaRequired: true, mfaEnrolled: false, permissions: [] });
    const cookie = res.cookies.find((c) => c.name.endsWith('qx_session'));
    const headers = { cookie: `${cookie?.name}=${cookie?.value}`, 'x-csrf-token': res.json().csrfToken as string };
    // Nothing else is allowed while the second factor is owed.
    const blocked = await t.app.inject({ method: 'GET', url: '/api/users', headers });
    expect(blocked.statusCode).toBe(401);
    expect(blocked.json().error.code).toBe('MFA_REQUIRED');
    const setup = await t.app.inject({ method: 'GET', url: '/api/auth/totp/setup', headers });
    expect(setup.statusCode).toBe(200);
    const totp = new TOTP({ secret: Secret.fromBase32(setup.json().secret as string) });
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp',
      headers,
      payload: { code: '000000' === totp.generate({ timestamp: t.clock.now().getTime() }) ? '111111' : '000000' },
    });
    expect(bad.statusCode).toBe(401);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp',
      headers,
      payload: { code: totp.generate({ timestamp: t.clock.now().getTime() }) },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ mfaRequired: false, mfaEnrolled: true });
    expect(ok.json().permissions).toContain('role:assign');
    // The session id changed when the second factor was given.
    const newCookie = ok.cookies.find((c) => c.name.endsWith('qx_session'));
    expect(newCookie?.value).not.toBe(cookie?.value);
  });
});

describe('production mode', () => {
  it('refuses demo accounts with the ordinary login failure', async () => {
    const t = await createTestApp({ config: { mode: 'production', secureCookies: true } });
    try {
      const id = await addUser(t, { username: 'demo-officer', role: 'county-officer', division: '150102' });
      await addUser(t, { username: 'real-officer', role: 'county-officer', division: '150102' });
      await t.db.db.updateTable('app_user').set({ is_demo: 1 }).where('id', '=', id).execute();
      const demo = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'demo-officer', password: TEST_PASSWORD },
      });
      expect(demo.statusCode).toBe(401);
      expect(demo.json().error.code).toBe('LOGIN_FAILED');
      const real = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'real-officer', password: TEST_PASSWORD },
      });
      expect(real.statusCode).toBe(200);
      const cookie = real.cookies.find((c) => c.name === '__Host-qx_session');
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict', path: '/' });
    } finally {
      await t.close();
    }
  });
});
