import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isMemoryCourier } from '../../platform/delivery/courier.ts';
import { addUser, createTestApp, signIn, signInAdmin, TEST_PASSWORD, type TestApp } from '../../test/harness.ts';

describe('POST /api/users/:id/reset-password', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  function login(username: string, password: string) {
    return t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  }

  it('answers 401 without a session, 403 without user:update, 404 outside the scope, 400 on a bad id', async () => {
    const target = await addUser(t, { username: 'farmer', role: 'farmer', division: '150203' });
    expect((await t.app.inject({ method: 'POST', url: `/api/users/${target}/reset-password` })).statusCode).toBe(401);
    await addUser(t, { username: 'county', role: 'county-officer', division: '150203' });
    const county = await signIn(t, 'county');
    const denied = await county.request('POST', `/api/users/${target}/reset-password`);
    expect(denied.statusCode).toBe(403);
    // A security administrator of 呼和浩特市 does not reach 昆都仑区 of 包头市: outside the scope answers 404.
    await addUser(t, { username: 'sec-hohhot', role: 'sec-admin', division: '150100' });
    const hohhot = await signInAdmin(t, 'sec-hohhot');
    expect((await hohhot.request('POST', `/api/users/${target}/reset-password`)).statusCode).toBe(404);
    expect((await hohhot.request('POST', '/api/users/abc/reset-password')).statusCode).toBe(400);
    expect((await hohhot.request('POST', '/api/users/0/reset-password')).statusCode).toBe(400);
    // Nothing changed.
    expect((await login('farmer', TEST_PASSWORD)).statusCode).toBe(200);
    expect(
      await t.db.db.selectFrom('audit_log').select('seq').where('action', '=', 'user.password_reset').execute(),
    ).toEqual([]);
  });

  /** The one-time link the holder received (test courier), as its token. */
  function lastLinkToken(username: string): string {
    const c = t.app.deps.courier;
    if (!isMemoryCourier(c)) throw new Error('test mode uses the memory courier');
    const m = [...c.sent].reverse().find((x) => x.username === username);
    if (!m) throw new Error(`no link for ${username}`);
    return new URL(m.link).hash.replace('#t=', '');
  }

  it('never hands the resetter a credential: the old password stops, sessions end, the link reaches the holder only', async () => {
    const target = await addUser(t, { username: 'farmer', role: 'farmer', division: '150102', phone: '13900001234' });
    const victimSession = await signIn(t, 'farmer');
    for (let i = 0; i < 3; i++) await login('farmer', 'Wrong#Pass2026');
    await addUser(t, { username: 'sec', role: 'sec-admin', division: '150000' });
    const sec = await signInAdmin(t, 'sec');
    const res = await sec.request('POST', `/api/users/${target}/reset-password`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body.user).toMatchObject({ id: target, username: 'farmer', status: 'active' });
    expect(body.delivery).toMatchObject({ channel: 'memory', recipient: '139****1234' });
    expect(body.sessionsEnded).toBe(1);
    expect(body).not.toHaveProperty('temporaryPassword');
    const token = lastLinkToken('farmer');
    // Nothing the resetter received or the audit holds carries the token.
    expect(res.body).not.toContain(token);
    expect((await victimSession.request('GET', '/api/me')).statusCode).toBe(401);
    expect((await login('farmer', TEST_PASSWORD)).statusCode).toBe(401);
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select(['actor_username', 'target_id', 'division_code', 'details'])
      .where('action', '=', 'user.password_reset')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_username: 'sec', target_id: String(target), division_code: '150102' });
    expect(audit[0]?.details).not.toContain(token);

    // The holder opens the link and sets a password of their own.
    const info = await t.app.inject({ method: 'POST', url: '/api/password-reset/inspect', payload: { token } });
    expect(info.json()).toMatchObject({ username: 'farmer', totpRequired: false });
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/password-reset/redeem',
      payload: { token, newPassword: 'Password12' },
    });
    expect(weak.statusCode).toBe(400);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/password-reset/redeem',
      payload: { token, newPassword: 'Grassland#Herd2026pw' },
    });
    expect(ok.statusCode).toBe(200);
    const signed = await login('farmer', 'Grassland#Herd2026pw');
    expect(signed.statusCode).toBe(200);
    expect(signed.json().mustChangePassword).toBe(false);
    // Single use.
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/password-reset/redeem',
      payload: { token, newPassword: 'Another#Herd2026pw' },
    });
    expect(again.statusCode).toBe(404);
    const set = await t.db.db
      .selectFrom('audit_log')
      .select('actor_username')
      .where('action', '=', 'user.password_set')
      .execute();
    expect(set).toEqual([{ actor_username: 'farmer' }]);
  });

  it('expires the link after 24 hours and withdraws an older link when a new reset is made', async () => {
    const target = await addUser(t, { username: 'farmer', role: 'farmer', division: '150102' });
    await addUser(t, { username: 'sec', role: 'sec-admin', division: '150000' });
    const sec = await signInAdmin(t, 'sec');
    await sec.request('POST', `/api/users/${target}/reset-password`);
    const first = lastLinkToken('farmer');
    await sec.request('POST', `/api/users/${target}/reset-password`);
    const second = lastLinkToken('farmer');
    const redeem = (token: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/password-reset/redeem',
        payload: { token, newPassword: 'Grassland#Herd2026pw' },
      });
    expect((await redeem(first)).statusCode).toBe(404);
    t.clock.advance(24 * 60 * 60 * 1000 + 1000);
    const late = await redeem(second);
    expect(late.statusCode).toBe(404);
    expect(late.json().error.message).toContain('过期');
  });

  it('follows the disable rules: never oneself, never a pending registration', async () => {
    const sec = await addUser(t, { username: 'sec', role: 'sec-admin', division: '150000' });
    const agent = await signInAdmin(t, 'sec');
    const self = await agent.request('POST', `/api/users/${sec}/reset-password`);
    expect(self.statusCode).toBe(403);
    expect(self.json().error.message).toContain('修改密码');
    const reg = await t.app.inject({
      method: 'POST',
      url: '/api/registrations',
      payload: {
        role: 'farmer',
        password: 'Register#2026x',
        displayName: '巴特尔',
        phone: '13712345678',
        divisionCode: '150121',
      },
    });
    expect(reg.statusCode).toBe(201);
    const { id } = await t.db.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', '13712345678')
      .executeTakeFirstOrThrow();
    const pending = await agent.request('POST', `/api/users/${id}/reset-password`);
    expect(pending.statusCode).toBe(409);
    expect(pending.json().error.code).toBe('INVALID_STATE');
  });

  it('keeps 三员分立: an administrator of another kind is never reset; a same-kind reset still needs the TOTP device', async () => {
    await addUser(t, { username: 'sys', role: 'sys-admin', division: '150000' });
    const audit = await addUser(t, { username: 'auditor', role: 'audit-admin', division: '150000' });
    await addUser(t, { username: 'auditor2', role: 'audit-admin', division: '150000' });
    const sys = await signInAdmin(t, 'sys');
    const refused = await sys.request('POST', `/api/users/${audit}/reset-password`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('SEPARATION_OF_DUTIES');
    expect((await login('auditor', TEST_PASSWORD)).statusCode).toBe(200);
    // Nor disabled by the system administrator.
    expect((await sys.request('POST', `/api/users/${audit}/disable`)).json().error.code).toBe('SEPARATION_OF_DUTIES');

    await signInAdmin(t, 'auditor'); // enrols a TOTP device
    const peer = await signInAdmin(t, 'auditor2');
    // auditor2 has no user:update: resets of audit administrators are for the CLI operator or a same-kind holder.
    expect((await peer.request('POST', `/api/users/${audit}/reset-password`)).statusCode).toBe(403);
  });
});
