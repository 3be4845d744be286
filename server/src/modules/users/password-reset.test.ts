import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkPasswordPolicy } from '../../platform/auth/passwords.ts';
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

  it('returns a one-time password, ends the sessions, forces a change at the next sign-in, and audits it', async () => {
    const target = await addUser(t, { username: 'farmer', role: 'farmer', division: '150102' });
    const victimSession = await signIn(t, 'farmer');
    // A few failed logins first: the reset lifts the lockout counter with the old password.
    for (let i = 0; i < 3; i++) await login('farmer', 'Wrong#Pass2026');
    await addUser(t, { username: 'sec', role: 'sec-admin', division: '150000' });
    const sec = await signInAdmin(t, 'sec');
    const res = await sec.request('POST', `/api/users/${target}/reset-password`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const { user, temporaryPassword } = res.json();
    expect(user).toMatchObject({ id: target, username: 'farmer', status: 'active' });
    expect(checkPasswordPolicy(temporaryPassword, 'dengbao', 'farmer')).toEqual([]);
    expect(await t.db.db.selectFrom('login_throttle').selectAll().execute()).toEqual([]);

    const audit = await t.db.db
      .selectFrom('audit_log')
      .select(['actor_username', 'target_id', 'division_code', 'details'])
      .where('action', '=', 'user.password_reset')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_username: 'sec', target_id: String(target), division_code: '150102' });
    expect(JSON.parse(audit[0]?.details ?? '{}')).toEqual({ mustChangePassword: true, sessionsEnded: 1 });
    expect(audit[0]?.details).not.toContain(temporaryPassword);

    expect((await victimSession.request('GET', '/api/auth/session')).statusCode).toBe(401);
    expect((await login('farmer', TEST_PASSWORD)).statusCode).toBe(401);
    const first = await login('farmer', temporaryPassword);
    expect(first.statusCode).toBe(200);
    expect(first.json().mustChangePassword).toBe(true);

    // Until the change, only the session, the own account, preferences and the change itself answer.
    const agent = await signIn(t, 'farmer', temporaryPassword);
    const blocked = await agent.request('GET', '/api/organisations');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error).toMatchObject({
      code: 'PASSWORD_CHANGE_REQUIRED',
      message: '密码已被管理员重置，请先修改密码',
    });
    expect((await agent.request('GET', '/api/search?q=%E4%B9%B3%E4%B8%9A')).statusCode).toBe(403);
    expect((await agent.request('GET', '/api/auth/session')).json().mustChangePassword).toBe(true);
    expect((await agent.request('GET', '/api/me')).statusCode).toBe(200);
    expect((await agent.request('PATCH', '/api/me/preferences', { locale: 'en-US' })).statusCode).toBe(200);

    const changed = await agent.request('POST', '/api/me/password', {
      currentPassword: temporaryPassword,
      newPassword: 'Grassland#2026pw',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().mustChangePassword).toBe(false);
    const cookie = changed.cookies.find((c) => c.name.endsWith('qx_session'));
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/search?q=%E4%B9%B3%E4%B8%9A',
      headers: { cookie: `${cookie?.name}=${cookie?.value}` },
    });
    expect(after.statusCode).toBe(200);
    expect((await login('farmer', 'Grassland#2026pw')).json().mustChangePassword).toBe(false);
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
        password: 'Register#2026',
        displayName: '巴特尔',
        phone: '13712345678',
        divisionCode: '150121',
      },
    });
    const pending = await agent.request('POST', `/api/users/${reg.json().id}/reset-password`);
    expect(pending.statusCode).toBe(409);
    expect(pending.json().error.code).toBe('INVALID_STATE');
  });

  it('keeps 三员分立: an administrator without a TOTP device cannot be reset by another; an enrolled one keeps it', async () => {
    await addUser(t, { username: 'sys', role: 'sys-admin', division: '150000' });
    const audit = await addUser(t, { username: 'auditor', role: 'audit-admin', division: '150000' });
    const sys = await signInAdmin(t, 'sys');
    const refused = await sys.request('POST', `/api/users/${audit}/reset-password`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('SEPARATION_OF_DUTIES');
    expect((await login('auditor', TEST_PASSWORD)).statusCode).toBe(200);

    await signInAdmin(t, 'auditor'); // enrols a TOTP device
    const ok = await sys.request('POST', `/api/users/${audit}/reset-password`);
    expect(ok.statusCode).toBe(200);
    // The temporary password alone does not open the account: the auditor's own device is still required.
    const first = await login('auditor', ok.json().temporaryPassword);
    expect(first.json()).toMatchObject({ mfaRequired: true, mfaEnrolled: true, mustChangePassword: true });
    const agent = await signIn(t, 'auditor', ok.json().temporaryPassword);
    const setup = await agent.request('GET', '/api/auth/totp/setup');
    expect(setup.statusCode).toBe(409);
    const change = await agent.request('POST', '/api/me/password', {
      currentPassword: ok.json().temporaryPassword,
      newPassword: 'Auditor#Own2026pw',
    });
    expect(change.json().error.code).toBe('MFA_REQUIRED');
  });
});
