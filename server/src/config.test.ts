import { describe, expect, it } from 'vitest';
import { DEMO_SECRET, loadConfig } from './config.ts';

const STRONG = 'x'.repeat(16) + 'production-secret-0123456789';

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
    const ok = loadConfig({
      QIXIAN_MODE: 'production',
      QIXIAN_SECRET: STRONG,
      QIXIAN_AUDIT_KEY: `${STRONG}-audit`,
      QIXIAN_PUBLIC_URL: 'https://qixian.example.gov.cn',
      QIXIAN_TRUST_PROXY: '127.0.0.1',
    });
    expect(ok).toMatchObject({ mode: 'production', secureCookies: true, host: '0.0.0.0', trustProxy: '127.0.0.1' });
  });

  it('rejects malformed values', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ QIXIAN_SECRET: 'short' })).toThrow(/QIXIAN_SECRET/);
    expect(() => loadConfig({ QIXIAN_MODE: 'chaos' })).toThrow(/QIXIAN_MODE/);
  });
});
