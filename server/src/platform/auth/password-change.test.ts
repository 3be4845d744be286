import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, createTestApp, signIn, signInAdmin, TEST_PASSWORD, type TestApp } from '../../test/harness.ts';

const NEW_PASSWORD = 'Changed#Pass2026';

describe('POST /api/me/password', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  async function audits(action: string) {
    return t.db.db
      .selectFrom('audit_log')
      .select(['result', 'details', 'actor_username'])
      .where('action', '=', action)
      .orderBy('seq')
      .execute();
  }

  function login(username: string, password: string) {
    return t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  }

  it('answers 401 without a session and 403 without the CSRF token', async () => {
    const anon = await t.app.inject({
      method: 'POST',
      url: '/api/me/password',
      payload: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(anon.statusCode).toBe(401);
    await addUser(t, { username: 'officer', role: 'county-officer', division: '150102' });
    const agent = await signIn(t, 'officer');
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: { cookie: agent.cookie },
      payload: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('CSRF');
  });

  it('refuses malformed bodies, weak new passwords and an unchanged password with field details', async () => {
    await addUser(t, { username: 'officer', role: 'county-officer', division: '150102' });
    const agent = await signIn(t, 'officer');
    for (const body of [
      {},
      { currentPassword: TEST_PASSWORD },
      { currentPassword: TEST_PASSWORD, newPassword: 'short' },
      { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD, isAdmin: true },
    ]) {
      const res = await agent.request('POST', '/api/me/password', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
    }
    const weak = await agent.request('POST', '/api/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'aaaaaaaaaaaa',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.details).toEqual([
      { path: 'body.newPassword', message: '密码须包含大写字母、小写字母、数字、符号中的至少三类' },
      {
        path: 'body.newPassword',
        message:
          '密码容易被猜到（如常见单词或姓名加年份、键盘连续键、重复或连续字符），请换一个更长、更独特的密码，例如几个不相关的词加数字和符号',
      },
    ]);
    const withName = await agent.request('POST', '/api/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Officer#2026xyz',
    });
    expect(withName.json().error.details[0].message).toBe('密码不能包含用户名');
    const same = await agent.request('POST', '/api/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: TEST_PASSWORD,
    });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.details[0]).toMatchObject({
      path: 'body.newPassword',
      message: '新密码不能与当前密码相同',
    });
    // Nothing changed: the old password still signs in.
    expect((await login('officer', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('refuses a wrong current password in Chinese, audits it, and counts it towards no lockout', async () => {
    await addUser(t, { username: 'officer', role: 'county-officer', division: '150102' });
    const agent = await signIn(t, 'officer');
    for (let i = 0; i < 6; i++) {
      const res = await agent.request('POST', '/api/me/password', {
        currentPassword: `Wrong#Pass${i}xyz`,
        newPassword: NEW_PASSWORD,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'CURRENT_PASSWORD_WRONG',
        message: '当前密码不正确',
        messageEn: 'The current password is wrong',
        details: [{ path: 'body.currentPassword', message: '当前密码不正确' }],
      });
    }
    const rows = await audits('user.password_change');
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.result === 'failure' && r.actor_username === 'officer')).toBe(true);
    expect(rows.map((r) => r.details).join()).not.toContain('Wrong#Pass');
    // More than the five login failures that lock an account, yet the session lives and the password signs in.
    expect(await t.db.db.selectFrom('auth_throttle').selectAll().execute()).toEqual([]);
    expect((await agent.request('GET', '/api/auth/session')).statusCode).toBe(200);
    expect((await login('officer', TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('changes the password, ends the other sessions, rotates this one, and audits it', async () => {
    const id = await addUser(t, { username: 'officer', role: 'county-officer', division: '150102' });
    const other = await signIn(t, 'officer');
    const agent = await signIn(t, 'officer');
    const signedInExpiry = (await agent.request('GET', '/api/auth/session')).json().expiresAt;
    t.clock.advance(5 * 60_000);
    const res = await agent.request('POST', '/api/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(res.statusCode).toBe(200);
    const session = res.json();
    expect(session).toMatchObject({ user: { id, username: 'officer' }, mustChangePassword: false });
    // Rotated: a new cookie and CSRF token; the old id no longer works.
    const cookie = res.cookies.find((c) => c.name.endsWith('qx_session'));
    expect(cookie?.value).toBeDefined();
    expect(`${cookie?.name}=${cookie?.value}`).not.toBe(agent.cookie);
    expect(session.csrfToken).not.toBe(agent.csrf);
    expect((await agent.request('GET', '/api/auth/session')).statusCode).toBe(401);
    expect((await other.request('GET', '/api/auth/session')).statusCode).toBe(401);
    const rotated = await t.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      headers: { cookie: `${cookie?.name}=${cookie?.value}` },
    });
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json().csrfToken).toBe(session.csrfToken);
    // The absolute limit still counts from the original sign-in.
    expect(rotated.json().expiresAt).toBe(signedInExpiry);
    expect(await t.db.db.selectFrom('session').selectAll().where('user_id', '=', id).execute()).toHaveLength(1);

    expect((await login('officer', TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login('officer', NEW_PASSWORD)).statusCode).toBe(200);
    const rows = await audits('user.password_change');
    expect(rows).toHaveLength(1);
    expect(rows[0]?.result).toBe('success');
    expect(JSON.parse(rows[0]?.details ?? '{}')).toEqual({ otherSessionsEnded: 1, sessionRotated: true });
    expect(rows[0]?.details).not.toContain(NEW_PASSWORD);
  });

  it('needs the second factor first for administrators', async () => {
    await addUser(t, { username: 'sysadm', role: 'sys-admin', division: '150000' });
    const pending = await signIn(t, 'sysadm');
    const res = await pending.request('POST', '/api/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('MFA_REQUIRED');
    const admin = await signInAdmin(t, 'sysadm');
    const ok = await admin.request('POST', '/api/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(ok.statusCode).toBe(200);
    // The rotated session keeps the factor already given, and the admin idle timeout.
    expect(ok.json()).toMatchObject({ mfaRequired: false, idleTimeoutSeconds: 15 * 60 });
  });
});
