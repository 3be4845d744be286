import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_SECRET, estimateSecretBits, loadConfig, secretWeakness } from './config.ts';

/** Output of `openssl rand -base64 48`, as the production message suggests. */
const STRONG = 'XuVP8pYJpsJK78mX+FA/DQmJMJBZoXrs79kKGdVAKF4sPF/RjrwQCJl4wVcroRjA';
const STRONG_AUDIT = 'n+wH6k6GNbdyrtqzOVwPzUsDCt6ceK8a0YP4Qcq3Ud5wdnnriPR687EXvrc2CE2F';

/** A production environment that passes every check; tests override one variable at a time. */
function production(overrides: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  return {
    QIXIAN_MODE: 'production',
    QIXIAN_SECRET: STRONG,
    QIXIAN_AUDIT_KEY: STRONG_AUDIT,
    QIXIAN_PUBLIC_URL: 'https://qixian.example.gov.cn',
    QIXIAN_TRUST_PROXY: '10.0.0.5',
    ...overrides,
  };
}

describe('config', () => {
  it('defaults to demo mode on SQLite under ./data, on loopback', () => {
    const c = loadConfig({});
    expect(c.mode).toBe('demo');
    expect(c.databaseUrl).toMatch(/^sqlite:.*data[/\\]qixian\.db$/);
    expect(c.port).toBe(3000);
    expect(c.host).toBe('127.0.0.1');
    expect(c.secureCookies).toBe(false);
  });

  it('takes PostgreSQL from DATABASE_URL and the data folder from QIXIAN_DATA_DIR', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db', QIXIAN_DATA_DIR: '/srv/qixian', PORT: '8080' });
    expect(c.databaseUrl).toBe('postgres://u@h:5432/db');
    expect(c.dataDir).toBe('/srv/qixian');
    expect(c.port).toBe(8080);
  });

  it('refuses unsafe production settings with every problem named', () => {
    expect(() => loadConfig({ QIXIAN_MODE: 'production' })).toThrow(
      /QIXIAN_SECRET[\s\S]*QIXIAN_PUBLIC_URL[\s\S]*QIXIAN_TRUST_PROXY/,
    );
    expect(() => loadConfig({ QIXIAN_MODE: 'production', QIXIAN_SECRET: DEMO_SECRET })).toThrow(/演示默认值/);
    const ok = loadConfig(production({ QIXIAN_TRUST_PROXY: '127.0.0.1' }));
    expect(ok).toMatchObject({ mode: 'production', secureCookies: true, host: '0.0.0.0', trustProxy: '127.0.0.1' });
  });

  it('rejects malformed values', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ QIXIAN_SECRET: 'short' })).toThrow(/QIXIAN_SECRET/);
    expect(() => loadConfig({ QIXIAN_MODE: 'chaos' })).toThrow(/QIXIAN_MODE/);
    expect(() => loadConfig({ QIXIAN_TRUST_PROXY: 'proxy.example' })).toThrow(/不是 IP 地址或 CIDR.*proxy\.example/);
    expect(() => loadConfig({ QIXIAN_TRUST_PROXY: '10.0.0.0/33' })).toThrow(/QIXIAN_TRUST_PROXY/);
  });
});

describe('production trusted proxy (finding 4)', () => {
  it.each([
    ['true', /QIXIAN_TRUST_PROXY=true[\s\S]*X-Forwarded-For/],
    ['*', /跳数或 \*/],
    ['1', /hop count/],
    ['0.0.0.0/0', /范围过宽[\s\S]*0\.0\.0\.0\/0/],
    ['::/0', /too wide[\s\S]*::\/0/],
    ['10.0.0.5, 0.0.0.0/0', /0\.0\.0\.0\/0/],
    ['0.0.0.0', /too wide/],
    ['::ffff:0.0.0.0/96', /too wide/],
    ['128.0.0.0/1', /too wide/],
    ['uniquelocal', /named ranges/],
  ])('refuses QIXIAN_TRUST_PROXY=%s in production', (value, message) => {
    expect(() => loadConfig(production({ QIXIAN_TRUST_PROXY: value }))).toThrow(message);
    expect(() => loadConfig(production({ QIXIAN_TRUST_PROXY: value }))).toThrow(/生产模式只能信任 TLS 代理的具体地址/);
  });

  it('accepts one or several specific proxy addresses and CIDRs, checked with node:net', () => {
    expect(loadConfig(production({ QIXIAN_TRUST_PROXY: '10.0.0.5' })).trustProxy).toBe('10.0.0.5');
    expect(loadConfig(production({ QIXIAN_TRUST_PROXY: ' 10.0.0.0/24 , 192.168.1.7,fd00::1/64 ' })).trustProxy).toBe(
      '10.0.0.0/24,192.168.1.7,fd00::1/64',
    );
    expect(loadConfig(production({ QIXIAN_TRUST_PROXY: '::1' })).trustProxy).toBe('::1');
  });

  it('keeps `true` and named ranges for demo and test servers', () => {
    expect(loadConfig({ QIXIAN_TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ QIXIAN_MODE: 'test', QIXIAN_TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
    expect(loadConfig({ QIXIAN_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });
});

describe('production secret strength (finding 4)', () => {
  it.each([
    ['32 x a', 'a'.repeat(32), /只有 1 种不同字符[\s\S]*openssl rand -base64 48/],
    ['one character dominating', `${'x'.repeat(16)}production-secret-0123456789`, /同一字符占了 16\/44 位/],
    ['a sequence', 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEF', /estimated entropy is only \d+ bits/],
    ['a repeated word', 'Password1!Password2@Password3#Password4$', /估计熵只有 \d+ 位/],
    ['a repeated digit run', '0123456789'.repeat(4), /estimated entropy/],
    ['alternating case', 'aAbBcCdDeEfFgGhHiIjJkKlLmMnNoOpP', /estimated entropy/],
  ])('refuses QIXIAN_SECRET = %s', (_name, secret, message) => {
    expect(() => loadConfig(production({ QIXIAN_SECRET: secret, QIXIAN_AUDIT_KEY: undefined }))).toThrow(
      /QIXIAN_SECRET 强度不足/,
    );
    expect(() => loadConfig(production({ QIXIAN_SECRET: secret }))).toThrow(message);
  });

  it('checks QIXIAN_AUDIT_KEY the same way', () => {
    expect(() => loadConfig(production({ QIXIAN_AUDIT_KEY: 'b'.repeat(40) }))).toThrow(
      /QIXIAN_AUDIT_KEY 强度不足[\s\S]*QIXIAN_AUDIT_KEY is too weak[\s\S]*openssl rand -base64 48/,
    );
  });

  it('accepts random keys from the usual generators', () => {
    const samples = [
      STRONG,
      STRONG_AUDIT,
      // openssl rand -hex 32
      '9b1f0c3e7a5d4f2688e1c0b7a93d5e4f1c2b7a8d9e0f1a2b3c4d5e6f7a8b9c0d',
      // two random UUIDs
      '3f2b8c1e-9d4a-4f6b-8e2c-7a1d5b9c3e4f0c7d2e8a-1b5f-4a9e-b3c6-8d2f7e1a4c5b',
    ];
    for (const s of samples) expect(secretWeakness(s), s).toBeNull();
    expect(estimateSecretBits(STRONG)).toBeGreaterThan(256);
    expect(estimateSecretBits('a'.repeat(32))).toBeLessThan(16);
  });

  it('keeps the demo and test defaults working outside production', () => {
    expect(loadConfig({}).secret).toBe(DEMO_SECRET);
    expect(loadConfig({ QIXIAN_MODE: 'test', QIXIAN_SECRET: 'a'.repeat(32) }).secret).toBe('a'.repeat(32));
  });
});

describe('audit witness location (finding 11)', () => {
  it('defaults to the data directory and can be moved with QIXIAN_AUDIT_WITNESS', () => {
    expect(loadConfig({ QIXIAN_DATA_DIR: '/srv/qixian' }).auditWitness).toBe(
      path.resolve('/srv/qixian/audit-witness.json'),
    );
    expect(loadConfig({ QIXIAN_AUDIT_WITNESS: '/mnt/worm/qixian-head.json' }).auditWitness).toBe(
      path.resolve('/mnt/worm/qixian-head.json'),
    );
  });
});
