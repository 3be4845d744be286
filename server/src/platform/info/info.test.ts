import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../modules/users/users.admin.ts';
import { addUser, createTestApp, signIn, type TestApp } from '../../test/harness.ts';

describe('GET /api/auth/current', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await addUser(t, { username: 'current-county', role: 'county-officer', division: '150102' });
  });
  afterAll(() => t.close());

  it('answers 200 with null when nobody is signed in, or the cookie is stale', async () => {
    const anon = await t.app.inject({ method: 'GET', url: '/api/auth/current' });
    expect(anon.statusCode).toBe(200);
    expect(anon.json()).toEqual({ session: null });
    const stale = await t.app.inject({
      method: 'GET',
      url: '/api/auth/current',
      cookies: { qx_session: 'not-a-session' },
    });
    expect(stale.statusCode).toBe(200);
    expect(stale.json()).toEqual({ session: null });
  });

  it('returns the same session as GET /api/auth/session when signed in', async () => {
    const agent = await signIn(t, 'current-county');
    const current = await agent.request('GET', '/api/auth/current');
    const session = await agent.request('GET', '/api/auth/session');
    expect(current.statusCode).toBe(200);
    expect(current.json<{ session: unknown }>().session).toEqual(session.json());
    expect(current.headers['cache-control']).toBe('no-store');
  });
});

describe('GET /api/platform/info', () => {
  it('lists no accounts outside demo mode', async () => {
    const t = await createTestApp();
    try {
      const res = await t.app.inject({ method: 'GET', url: '/api/platform/info' });
      expect(res.json()).toEqual({ mode: 'test', demo: null });
    } finally {
      await t.close();
    }
  });

  it('lists active demo accounts in demo mode, three county accounts only, never real ones', async () => {
    const t = await createTestApp({ config: { mode: 'demo' } });
    try {
      const base = {
        password: 'Demo#2026qx-long',
        skipPolicy: true,
        actor: { userId: null, username: 'seed', ip: null },
      };
      for (const [username, role, division, isDemo] of [
        ['region', 'region-officer', '150000', true],
        ['county-150102', 'county-officer', '150102', true],
        ['county-150105', 'county-officer', '150105', true],
        ['real-officer', 'county-officer', '150105', false],
      ] as const)
        await createUser(t.app.deps, {
          ...base,
          username,
          displayName: username,
          roles: [{ role, divisionCode: division }],
          divisionCode: division,
          orgId: null,
          phone: null,
          idNumber: null,
          isDemo,
        });
      const res = await t.app.inject({ method: 'GET', url: '/api/platform/info' });
      const body = res.json<{ mode: string; demo: { accounts: { username: string; divisionName: string }[] } }>();
      expect(body.mode).toBe('demo');
      expect(body.demo.accounts.map((a) => a.username)).toEqual(['region', 'county-150102']);
      expect(body.demo.accounts[1]?.divisionName).toBe('新城区');
    } finally {
      await t.close();
    }
  });
});
