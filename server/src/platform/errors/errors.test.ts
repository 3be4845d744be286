/** Error bodies, input limits and security headers on every route (T17). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT_BYTES } from '../../app.ts';
import { addUser, createTestApp, signIn, type Agent, type TestApp } from '../../test/harness.ts';

describe('errors and headers', () => {
  let t: TestApp;
  let agent: Agent;
  beforeAll(async () => {
    t = await createTestApp();
    await addUser(t, { username: 'county', role: 'county-officer', division: '150102' });
    agent = await signIn(t, 'county');
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 400 with Chinese and English messages and field paths', async () => {
    const res = await agent.request('POST', '/api/organisations', { name: 'x', type: 'nonsense', divisionCode: '15' });
    expect(res.statusCode).toBe(400);
    const { error } = res.json();
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toBe('请求参数有误');
    expect(error.messageEn).toBe('The request is invalid');
    const paths = error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['body.divisionCode', 'body.name', 'body.type']);
    expect(error.details.find((d: { path: string }) => d.path === 'body.name').message).toContain('过小');
  });

  it('answers malformed JSON with 400 and no internals', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "a", ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toMatch(/at .*\.(ts|js):\d+/);
    expect(res.json().error.code).toBe('VALIDATION');
  });

  it('refuses bodies over the limit with 413 and changes nothing', async () => {
    const before = await t.db.db.selectFrom('organisation').select('id').execute();
    const res = await agent.request('POST', '/api/organisations', {
      name: 'x'.repeat(BODY_LIMIT_BYTES + 10),
      type: 'government',
      divisionCode: '150102',
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await t.db.db.selectFrom('organisation').select('id').execute()).toHaveLength(before.length);
  });

  it('ignores prototype-pollution keys (strict schemas refuse them)', async () => {
    const res = await agent.request(
      'POST',
      '/api/organisations',
      JSON.parse('{"name":"原型污染","type":"government","divisionCode":"150102","__proto__":{"admin":true}}'),
    );
    expect([201, 400]).toContain(res.statusCode);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('sends the security headers on every route, and no-store on API answers', async () => {
    const missing: string[] = [];
    for (const r of t.app.routeInventory.filter((x) => x.method === 'GET')) {
      const url = r.url.replace(':id', '1').replace(':code', '150102');
      const res = await agent.request('GET', url);
      for (const h of [
        'content-security-policy',
        'strict-transport-security',
        'x-content-type-options',
        'referrer-policy',
      ]) {
        if (!res.headers[h]) missing.push(`${url}: ${h}`);
      }
      if (res.headers['x-content-type-options'] !== 'nosniff') missing.push(`${url}: nosniff`);
      if (url.startsWith('/api/') && !url.startsWith('/api/docs') && res.headers['cache-control'] !== 'no-store')
        missing.push(`${url}: no-store`);
    }
    expect(missing).toEqual([]);
  });

  it('sets the session cookie HttpOnly and SameSite=Strict', async () => {
    await addUser(t, { username: 'cookie', role: 'farmer', division: '150102' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'cookie', password: 'Qixian#Test2026' },
    });
    const c = res.cookies.find((x) => x.name.endsWith('qx_session'));
    expect(c).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  });
});
