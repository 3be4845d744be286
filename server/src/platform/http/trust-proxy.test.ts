/**
 * Finding 4 (issue 9): behind a trusted proxy, only that proxy may name the client in X-Forwarded-For. Every
 * QIXIAN_TRUST_PROXY value production accepts must leave a client that is not the proxy unable to pick its own
 * audit address or rate-limit key: the 31st login a minute from one real client gets 429 whatever X-Forwarded-For
 * it sends, and the audit records its real address.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { addUser, createTestApp, type TestApp } from '../../test/harness.ts';

const PROXY = '10.0.0.5';
const CLIENT = '203.0.113.7';
/** Values an operator might try; production must refuse the ones that trust every peer. */
const CANDIDATES = ['true', '0.0.0.0/0', '::/0', '1', '*', PROXY, `${PROXY},10.1.0.0/16`];

function forged(i: number): string {
  return `198.51.100.${(i % 250) + 1}`;
}

/** The trust-proxy settings loadConfig lets a production server start with. */
function productionAccepted(): string[] {
  const accepted: string[] = [];
  for (const value of CANDIDATES) {
    try {
      const c = loadConfig({
        QIXIAN_MODE: 'production',
        QIXIAN_SECRET: 'XuVP8pYJpsJK78mX+FA/DQmJMJBZoXrs79kKGdVAKF4sPF/RjrwQCJl4wVcroRjA',
        QIXIAN_PUBLIC_URL: 'https://qixian.example.gov.cn',
        QIXIAN_TRUST_PROXY: value,
      });
      accepted.push(String(c.trustProxy));
    } catch {
      // refused at start-up
    }
  }
  return accepted;
}

describe('trusted proxy (finding 4)', () => {
  let t: TestApp | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  it('production accepts only settings that name the proxy', () => {
    expect(productionAccepted()).toEqual([PROXY, `${PROXY},10.1.0.0/16`]);
  });

  it('a client that is not the proxy cannot choose its rate-limit key or audit address with X-Forwarded-For', async () => {
    for (const trustProxy of productionAccepted()) {
      t = await createTestApp({ config: { trustProxy: trustProxy === 'true' ? true : trustProxy } });
      await addUser(t, { username: 'xff.user', role: 'county-officer', division: '150102' });

      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: CLIENT,
          headers: { 'x-forwarded-for': forged(i) },
          payload: { username: i === 0 ? 'xff.user' : `nobody-${i}`, password: 'Wrong#Password1' },
        });
        statuses.push(res.statusCode);
      }
      expect(statuses[30], `trustProxy=${trustProxy}: ${statuses.join(',')}`).toBe(429);

      const audit = await t.app.deps.db
        .selectFrom('audit_log')
        .select(['ip'])
        .where('action', '=', 'auth.login')
        .where('actor_username', '=', 'xff.user')
        .execute();
      expect(audit.map((a) => a.ip)).toEqual([CLIENT]);
      await t.close();
      t = null;
    }
  });

  it('the named proxy still forwards each client address (audit and rate-limit key)', async () => {
    t = await createTestApp({ config: { trustProxy: PROXY } });
    await addUser(t, { username: 'xff.user', role: 'county-officer', division: '150102' });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: PROXY,
        headers: { 'x-forwarded-for': `${CLIENT}, ${forged(i)}` },
        payload: { username: i === 0 ? 'xff.user' : `nobody-${i}`, password: 'Wrong#Password1' },
      });
      statuses.push(res.statusCode);
    }
    // Each request came through the proxy from a different client: no single client went over 30 a minute.
    expect(statuses.filter((s) => s === 429)).toEqual([]);
    const audit = await t.app.deps.db
      .selectFrom('audit_log')
      .select(['ip'])
      .where('action', '=', 'auth.login')
      .where('actor_username', '=', 'xff.user')
      .execute();
    // The proxy appends the peer it saw (the right-most entry); whatever the client wrote before it is not trusted.
    expect(audit.map((a) => a.ip)).toEqual([forged(0)]);
  });
});
