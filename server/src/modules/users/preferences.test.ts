import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, createTestApp, signIn, TEST_PASSWORD, type TestApp } from '../../test/harness.ts';

describe('PATCH /api/me/preferences and the session locale', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('answers 401 without a session and 403 without the CSRF token', async () => {
    const anon = await t.app.inject({ method: 'PATCH', url: '/api/me/preferences', payload: { locale: 'en-US' } });
    expect(anon.statusCode).toBe(401);
    await addUser(t, { username: 'farmer', role: 'farmer', division: '150102' });
    const agent = await signIn(t, 'farmer');
    const noCsrf = await t.app.inject({
      method: 'PATCH',
      url: '/api/me/preferences',
      headers: { cookie: agent.cookie },
      payload: { locale: 'en-US' },
    });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('refuses unknown locales and unknown fields', async () => {
    const id = await addUser(t, { username: 'farmer', role: 'farmer', division: '150102' });
    const agent = await signIn(t, 'farmer');
    for (const body of [{}, { locale: 'fr-FR' }, { locale: 'en-US', userId: 1 }, { locale: 'mn-Mong' }]) {
      const res = await agent.request('PATCH', '/api/me/preferences', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const row = await t.db.db.selectFrom('app_user').select('locale').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.locale).toBe('zh-CN');
  });

  it('stores the language, reports it in the session and at the next login, and audits the change', async () => {
    const id = await addUser(t, { username: 'farmer', role: 'farmer', division: '150102' });
    await addUser(t, { username: 'neighbour', role: 'farmer', division: '150102' });
    const agent = await signIn(t, 'farmer');
    expect((await agent.request('GET', '/api/auth/session')).json()).toMatchObject({
      user: { locale: 'zh-CN' },
      mustChangePassword: false,
    });
    const res = await agent.request('PATCH', '/api/me/preferences', { locale: 'en-US' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ locale: 'en-US' });
    expect((await agent.request('GET', '/api/auth/session')).json().user.locale).toBe('en-US');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'farmer', password: TEST_PASSWORD },
    });
    expect(login.json().user.locale).toBe('en-US');
    // Only the caller's own account changed.
    const neighbour = await signIn(t, 'neighbour');
    expect((await neighbour.request('GET', '/api/auth/session')).json().user.locale).toBe('zh-CN');
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select(['target_id', 'details', 'division_code'])
      .where('action', '=', 'user.preferences_update')
      .execute();
    expect(audit).toEqual([{ target_id: String(id), details: '{"locale":"en-US"}', division_code: '150102' }]);
  });
});
