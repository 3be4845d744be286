/** API tokens through the HTTP API: create, use as the owner without CSRF, refusals, revocation, throttling. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, createTestApp, signIn, signInAdmin, type Agent, type TestApp } from '../../test/harness.ts';
import { API_TOKEN_PATTERN } from '../../../../contracts/api-tokens.ts';
import {
  BEARER_MAX_FAILURES,
  TOUCH_INTERVAL_MS,
  bearerCredentials,
  generateApiToken,
  hashApiToken,
} from './api-tokens.ts';
import { MAX_TOKENS_PER_USER, createApiToken } from './api-tokens.service.ts';
import { LOCKOUT_MS } from './throttle.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

describe('API tokens', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  function bearer(token: string, method: Method, url: string, body?: object, headers: Record<string, string> = {}) {
    return t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, ...headers },
      ...(body === undefined ? {} : { payload: body }),
    });
  }

  async function create(agent: Agent, body: object = { name: '电子秤 1 号' }) {
    const res = await agent.request('POST', '/api/tokens', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: number; token: string; prefix: string; status: string; expiresAt: string | null }>();
  }

  it('formats: qx_ + 40 base32 characters, distinct, hashed with SHA-256; Bearer parsing', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const { token, hash, prefix } = generateApiToken();
      expect(token).toMatch(API_TOKEN_PATTERN);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(hash).toBe(hashApiToken(token));
      expect(token.startsWith(prefix)).toBe(true);
      expect(prefix).toHaveLength(11);
      seen.add(token);
    }
    expect(seen.size).toBe(200);
    expect(bearerCredentials('Bearer qx_abc')).toBe('qx_abc');
    expect(bearerCredentials('bearer   qx_abc ')).toBe('qx_abc');
    expect(bearerCredentials('Bearer')).toBe('');
    expect(bearerCredentials('Basic dXNlcjpwYXNz')).toBeNull();
    expect(bearerCredentials(undefined)).toBeNull();
  });

  it('a token acts as its owner on a GET and a POST route without a CSRF header, and never beyond its scope', async () => {
    await addUser(t, { username: 'officer1', role: 'county-officer', division: '150102' });
    const agent = await signIn(t, 'officer1');
    const created = await create(agent, { name: '称重终端', expiresInDays: 30 });
    expect(created.token).toMatch(API_TOKEN_PATTERN);
    expect(created.status).toBe('active');
    expect(created.expiresAt).not.toBeNull();

    // The list never carries the secret.
    const list = await agent.request('GET', '/api/tokens');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(created.token);
    expect(list.json()).toMatchObject({
      total: 1,
      items: [{ id: created.id, prefix: created.prefix, lastUsedAt: null }],
    });

    const made = await bearer(created.token, 'POST', '/api/organisations', {
      name: '新城区测试合作社',
      type: 'social',
      divisionCode: '150102',
    });
    expect(made.statusCode, made.body).toBe(201);
    // Outside the owner's county: refused exactly as for the session.
    const foreign = await bearer(created.token, 'POST', '/api/organisations', {
      name: '昆都仑区测试合作社',
      type: 'social',
      divisionCode: '150203',
    });
    const foreignBySession = await agent.request('POST', '/api/organisations', {
      name: '昆都仑区测试合作社',
      type: 'social',
      divisionCode: '150203',
    });
    expect(foreign.statusCode).toBe(foreignBySession.statusCode);
    expect(foreign.statusCode).toBeGreaterThanOrEqual(400);

    const read = await bearer(created.token, 'GET', '/api/organisations?pageSize=50');
    expect(read.statusCode).toBe(200);
    const items = read.json<{ items: { divisionCode: string; name: string }[] }>().items;
    expect(items.some((o) => o.name === '新城区测试合作社')).toBe(true);
    expect(items.every((o) => o.divisionCode === '150102')).toBe(true);

    // The write is audited as the owner.
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select(['actor_username'])
      .where('action', '=', 'organisation.create')
      .execute();
    expect(audit.map((a) => a.actor_username)).toEqual(['officer1']);

    // Used: last_used_at is set, and written again only after a minute.
    const row1 = await t.db.db
      .selectFrom('api_token')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row1.last_used_at).not.toBeNull();
    t.clock.advance(10_000);
    await bearer(created.token, 'GET', '/api/organisations');
    const row2 = await t.db.db
      .selectFrom('api_token')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row2.last_used_at).toBe(row1.last_used_at);
    t.clock.advance(TOUCH_INTERVAL_MS);
    await bearer(created.token, 'GET', '/api/organisations');
    const row3 = await t.db.db
      .selectFrom('api_token')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(row3.last_used_at).not.toBe(row1.last_used_at);
  });

  it('a token never grants more than its user: a farmer token is refused an officer route', async () => {
    await addUser(t, { username: 'farmer1', role: 'farmer', division: '150102' });
    const agent = await signIn(t, 'farmer1');
    const { token } = await create(agent);
    const bySession = await agent.request('GET', '/api/organisations');
    const byToken = await bearer(token, 'GET', '/api/organisations');
    expect(bySession.statusCode).toBe(403);
    expect(byToken.statusCode).toBe(403);
    // What the farmer may do, the token may do too.
    const me = await bearer(token, 'GET', '/api/me');
    expect(me.statusCode).toBe(200);
  });

  it('refuses unknown, malformed, revoked and expired tokens, and a disabled owner, with 401 and WWW-Authenticate', async () => {
    await addUser(t, { username: 'officer2', role: 'county-officer', division: '150102' });
    const agent = await signIn(t, 'officer2');
    const a = await create(agent, { name: 'A' });
    const b = await create(agent, { name: 'B', expiresInDays: 1 });
    const c = await create(agent, { name: 'C' });
    const cases: [string, string][] = [
      ['unknown', generateApiToken().token],
      ['malformed', 'qx_short'],
      ['empty', ''],
      ['other prefix', `gh_${'a'.repeat(40)}`],
    ];
    for (const [label, token] of cases) {
      const res = await bearer(token, 'GET', '/api/organisations');
      expect(res.statusCode, label).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
      expect(res.json()).toMatchObject({ error: { message: expect.stringContaining('API 令牌') } });
      expect(res.json<{ error: { messageEn: string } }>().error.messageEn).toMatch(/API token/);
    }

    expect((await bearer(a.token, 'GET', '/api/organisations')).statusCode).toBe(200);
    const revoked = await agent.request('DELETE', `/api/tokens/${a.id}`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ status: 'revoked' });
    expect((await bearer(a.token, 'GET', '/api/organisations')).statusCode).toBe(401);
    expect((await agent.request('DELETE', `/api/tokens/${a.id}`)).statusCode).toBe(409);

    expect((await bearer(b.token, 'GET', '/api/organisations')).statusCode).toBe(200);
    t.clock.advance(86_400_000 + 1000);
    expect((await bearer(b.token, 'GET', '/api/organisations')).statusCode).toBe(401);
    const again = await signIn(t, 'officer2'); // the first session is idle past its timeout by now
    const live = await again.request('GET', '/api/tokens');
    expect(live.json<{ items: { name: string }[] }>().items.map((i) => i.name)).toEqual(['C']);
    const all = await again.request('GET', '/api/tokens?all=1');
    expect(all.json<{ items: { name: string; status: string }[] }>().items.map((i) => i.status)).toEqual([
      'active',
      'expired',
      'revoked',
    ]);

    // The owner disabled: the token stops working (and works again once the account is active).
    await t.db.db.updateTable('app_user').set({ status: 'disabled' }).where('username', '=', 'officer2').execute();
    expect((await bearer(c.token, 'GET', '/api/organisations')).statusCode).toBe(401);
    await t.db.db.updateTable('app_user').set({ status: 'active' }).where('username', '=', 'officer2').execute();
    expect((await bearer(c.token, 'GET', '/api/organisations')).statusCode).toBe(200);
  });

  it('stores only the hash: no row or audit detail holds the secret', async () => {
    await addUser(t, { username: 'officer3', role: 'county-officer', division: '150102' });
    const agent = await signIn(t, 'officer3');
    const { token, id } = await create(agent);
    const row = await t.db.db.selectFrom('api_token').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashApiToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const audits = await t.db.db.selectFrom('audit_log').selectAll().execute();
    expect(JSON.stringify(audits)).not.toContain(token);
    expect(audits.filter((a) => a.action === 'token.create')).toHaveLength(1);
  });

  it('bearer wins over a cookie; a bad bearer never falls back to the cookie; sessionOnly routes refuse tokens', async () => {
    await addUser(t, { username: 'officer4', role: 'county-officer', division: '150102' });
    await addUser(t, { username: 'farmer4', role: 'farmer', division: '150102' });
    const officer = await signIn(t, 'officer4');
    const farmer = await signIn(t, 'farmer4');
    const farmerToken = (await create(farmer)).token;
    // Officer's cookie + farmer's token: the request is the farmer's.
    const mixed = await bearer(farmerToken, 'GET', '/api/organisations', undefined, { cookie: officer.cookie });
    expect(mixed.statusCode).toBe(403);
    const bad = await bearer(generateApiToken().token, 'GET', '/api/organisations', undefined, {
      cookie: officer.cookie,
    });
    expect(bad.statusCode).toBe(401);
    // A token cannot mint a token, sign out, change the password or touch the second factor.
    for (const [method, url, body] of [
      ['POST', '/api/tokens', { name: 'x' }],
      ['POST', '/api/auth/logout', undefined],
      ['POST', '/api/me/password', { currentPassword: 'a', newPassword: 'Qixian#New2026x' }],
      ['GET', '/api/auth/session', undefined],
    ] as const) {
      const res = await bearer(farmerToken, method, url, body);
      expect(res.statusCode, url).toBe(403);
      expect(res.json<{ error: { message: string } }>().error.message).toContain('API 令牌');
    }
    // But it may list and revoke (itself, e.g. on decommissioning a scale).
    const own = await bearer(farmerToken, 'GET', '/api/tokens');
    expect(own.statusCode).toBe(200);
    const id = own.json<{ items: { id: number }[] }>().items[0]!.id;
    expect((await bearer(farmerToken, 'DELETE', `/api/tokens/${id}`)).statusCode).toBe(200);
    expect((await bearer(farmerToken, 'GET', '/api/tokens')).statusCode).toBe(401);
  });

  it('validates the request and caps live tokens per account; another account’s token is 404', async () => {
    await addUser(t, { username: 'officer5', role: 'county-officer', division: '150102' });
    await addUser(t, { username: 'officer6', role: 'county-officer', division: '150102' });
    const agent = await signIn(t, 'officer5');
    const other = await signIn(t, 'officer6');
    for (const body of [
      {},
      { name: '' },
      { name: 'x'.repeat(61) },
      { name: 'a', expiresInDays: 0 },
      { name: 'a', expiresInDays: 366 },
      { name: 'a', userId: 1 },
    ]) {
      const res = await agent.request('POST', '/api/tokens', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await t.db.db.selectFrom('api_token').selectAll().execute()).toHaveLength(0);
    const theirs = await create(other);
    expect((await agent.request('DELETE', `/api/tokens/${theirs.id}`)).statusCode).toBe(404);
    const userId = (
      await t.db.db.selectFrom('app_user').select('id').where('username', '=', 'officer5').executeTakeFirstOrThrow()
    ).id;
    // Made through the use case (the route's own rate limit allows 20 a minute per client).
    const actor = { userId, username: 'officer5', ip: '127.0.0.1' };
    for (let i = 0; i < MAX_TOKENS_PER_USER; i++)
      await createApiToken(t.app.deps, { userId, name: `t${i}`, createdBy: userId, actor });
    expect((await agent.request('POST', '/api/tokens', { name: 'one more' })).statusCode).toBe(409);
  });

  it('administrators hold no tokens; sys-admin and sec-admin list and revoke within scope; audit-admin cannot', async () => {
    await addUser(t, { username: 'sys', role: 'sys-admin', division: '150000' });
    await addUser(t, { username: 'sec', role: 'sec-admin', division: '150000' });
    await addUser(t, { username: 'aud', role: 'audit-admin', division: '150000' });
    await addUser(t, { username: 'officer7', role: 'county-officer', division: '150102' });
    const sys = await signInAdmin(t, 'sys');
    const sec = await signInAdmin(t, 'sec');
    const aud = await signInAdmin(t, 'aud');
    expect((await sys.request('POST', '/api/tokens', { name: 'x' })).statusCode).toBe(403);
    const officer = await signIn(t, 'officer7');
    const tok = await create(officer);
    const listed = await sys.request('GET', '/api/admin/tokens?username=officer7');
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(tok.token);
    expect(listed.json()).toMatchObject({
      total: 1,
      items: [{ id: tok.id, username: 'officer7', divisionCode: '150102' }],
    });
    expect((await aud.request('GET', '/api/admin/tokens')).statusCode).toBe(403);
    expect((await aud.request('DELETE', `/api/admin/tokens/${tok.id}`)).statusCode).toBe(403);
    const revoked = await sec.request('DELETE', `/api/admin/tokens/${tok.id}`);
    expect(revoked.statusCode).toBe(200);
    expect((await bearer(tok.token, 'GET', '/api/organisations')).statusCode).toBe(401);
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select(['actor_username', 'target_type', 'target_id'])
      .where('action', '=', 'token.revoke')
      .execute();
    expect(audit).toEqual([{ actor_username: 'sec', target_type: 'api_token', target_id: String(tok.id) }]);

    // An account that became an administrator after making a token: the token stops working.
    const tok2 = await create(officer, { name: 'second' });
    await t.db.db
      .updateTable('user_role')
      .set({ role_code: 'sys-admin' })
      .where(
        'user_id',
        '=',
        (await t.db.db.selectFrom('app_user').select('id').where('username', '=', 'officer7').executeTakeFirstOrThrow())
          .id,
      )
      .execute();
    expect((await bearer(tok2.token, 'GET', '/api/tokens')).statusCode).toBe(401);
  });

  it('counts failed bearer checks per client and locks that client (429), surviving the lockout window only', async () => {
    await addUser(t, { username: 'officer8', role: 'county-officer', division: '150102' });
    const agent = await signIn(t, 'officer8');
    const { token } = await create(agent);
    for (let i = 0; i < BEARER_MAX_FAILURES; i++)
      expect((await bearer(generateApiToken().token, 'GET', '/api/tokens')).statusCode).toBe(401);
    // The table holds the lock; the next failure tells this node, and from then on the client is refused.
    expect((await bearer(generateApiToken().token, 'GET', '/api/tokens')).statusCode).toBe(401);
    expect((await bearer(token, 'GET', '/api/tokens')).statusCode).toBe(429);
    const row = await t.db.db
      .selectFrom('auth_throttle')
      .selectAll()
      .where('key', 'like', 'bearer:%')
      .executeTakeFirstOrThrow();
    expect(row.locked_until).not.toBeNull();
    expect(row.key).not.toContain('127.0.0.1');
    t.clock.advance(LOCKOUT_MS + 1000);
    expect((await bearer(token, 'GET', '/api/tokens')).statusCode).toBe(200);
  });
});
