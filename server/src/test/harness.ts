/** Test harness: a fresh database per test on the engine named by DATABASE_URL (SQLite by default). */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import { DEMO_SECRET, isPostgresUrl, loadConfig, type Config } from '../config.ts';
import { connect } from '../db/connect.ts';
import type { DbHandle } from '../db/database.ts';
import { createManualClock, type Clock } from '../platform/clock.ts';
import { createUser } from '../modules/users/users.admin.ts';
import type { RoleCode } from '../../../contracts/access.ts';

export function testEngine(): 'sqlite' | 'postgres' {
  const url = process.env.DATABASE_URL;
  return url && isPostgresUrl(url) ? 'postgres' : 'sqlite';
}

/** A fresh, migrated database with reference data, cloned from the run's template. */
export async function freshDatabase(): Promise<TestDatabase> {
  const template = process.env.QIXIAN_TEST_TEMPLATE;
  if (!template) throw new Error('QIXIAN_TEST_TEMPLATE is not set: run tests through vitest (global setup)');
  const url = process.env.DATABASE_URL;
  if (url && isPostgresUrl(url)) {
    const name = `qx_t_${process.env.QIXIAN_TEST_RUN ?? 'x'}_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database ${name} template ${template}`);
        break;
      } catch (err) {
        if (attempt >= 20) throw err;
        await new Promise((r) => setTimeout(r, 100 + attempt * 50));
      }
    }
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    const h = connect({ url: u.toString(), poolSize: 4 });
    return {
      ...h,
      url: u.toString(),
      async drop() {
        await h.destroy();
        const a = new pg.Client({ connectionString: url });
        await a.connect();
        // Let the pool's ending connections leave by themselves: forcing them out makes pg emit errors on clients
        // that are already closing. Force only as a last resort.
        for (let attempt = 0; ; attempt++) {
          try {
            await a.query(`drop database if exists ${name}${attempt >= 40 ? ' with (force)' : ''}`);
            break;
          } catch (err) {
            if (attempt >= 40) throw err;
            await new Promise((r) => setTimeout(r, 50));
          }
        }
        await a.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qixian-db-'));
  const file = path.join(dir, 'test.db');
  fs.copyFileSync(template, file);
  const h = connect({ url: `sqlite:${file}`, sqliteSynchronous: 'NORMAL' });
  return {
    ...h,
    url: `sqlite:${file}`,
    async drop() {
      await h.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ QIXIAN_MODE: 'test', QIXIAN_SECRET: DEMO_SECRET, LOG_LEVEL: 'silent' }), ...overrides };
}

export type TestDatabase = DbHandle & { url: string; drop(): Promise<void> };

export interface TestApp {
  app: FastifyInstance;
  db: TestDatabase;
  clock: Clock & { advance(ms: number): void };
  close(): Promise<void>;
}

/** A built app over a fresh database with a manual clock. */
export async function createTestApp(opts: { config?: Partial<Config> } = {}): Promise<TestApp> {
  const db = await freshDatabase();
  const clock = createManualClock(new Date());
  const app = await buildApp({ config: testConfig(opts.config), database: db, clock, logger: false });
  await app.ready();
  return {
    app,
    db,
    clock,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

export const TEST_PASSWORD = 'Qixian#Test2026';

/** Creates an active user with one role scoped to a division. */
export async function addUser(
  t: TestApp,
  opts: { username: string; role: RoleCode; division: string; orgId?: number; phone?: string; idNumber?: string },
): Promise<number> {
  return createUser(t.app.deps, {
    username: opts.username,
    password: TEST_PASSWORD,
    displayName: opts.username,
    roles: [{ role: opts.role, divisionCode: opts.division }],
    divisionCode: opts.division,
    orgId: opts.orgId ?? null,
    phone: opts.phone ?? null,
    idNumber: opts.idNumber ?? null,
    actor: { userId: null, username: 'test', ip: '127.0.0.1' },
  });
}

export interface Agent {
  csrf: string;
  cookie: string;
  request(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse>;
}

function sessionCookie(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name.endsWith('qx_session'));
  if (!c) throw new Error(`no session cookie (status ${res.statusCode}: ${res.body})`);
  return `${c.name}=${c.value}`;
}

/** Signs in (no second factor) and returns an agent that sends the cookie and CSRF token. */
export async function signIn(t: TestApp, username: string, password = TEST_PASSWORD): Promise<Agent> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const agent: Agent = {
    csrf: res.json<{ csrfToken: string }>().csrfToken,
    cookie: sessionCookie(res),
    request(method, url, body) {
      return t.app.inject({
        method,
        url,
        headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf },
        ...(body === undefined ? {} : { payload: body as object }),
      });
    },
  };
  return agent;
}

/** TOTP secrets enrolled by signInAdmin, per test app and username, so an admin can sign in again. */
const adminSecrets = new WeakMap<TestApp, Map<string, string>>();

/**
 * Signs in an admin (三员) account: password, then TOTP (enrolment on first use) with a generated code. A code is
 * accepted once (its time-step must be later than the last accepted one), so when this admin's last step is the
 * current one the manual clock moves on to the next step first.
 */
export async function signInAdmin(t: TestApp, username: string): Promise<Agent> {
  const { Secret, TOTP } = await import('otpauth');
  const pending = await signIn(t, username);
  let secrets = adminSecrets.get(t);
  if (!secrets) adminSecrets.set(t, (secrets = new Map<string, string>()));
  const account = username.trim().toLowerCase();
  const row = await t.app.deps.db
    .selectFrom('app_user')
    .select(['totp_enabled', 'totp_last_step'])
    .where('username', '=', account)
    .executeTakeFirstOrThrow();
  let secret = secrets.get(account);
  if (row.totp_enabled !== 1) {
    const setup = await pending.request('GET', '/api/auth/totp/setup');
    if (setup.statusCode !== 200) throw new Error(`totp setup failed: ${setup.body}`);
    secret = setup.json<{ secret: string }>().secret;
    secrets.set(account, secret);
  }
  if (!secret) throw new Error(`${username} enrolled TOTP outside signInAdmin: its secret is unknown`);
  const step = Math.floor(t.clock.now().getTime() / 30_000);
  if (row.totp_last_step !== null && row.totp_last_step >= step)
    t.clock.advance((row.totp_last_step - step + 1) * 30_000);
  const totp = new TOTP({ secret: Secret.fromBase32(secret) });
  const res = await pending.request('POST', '/api/auth/totp', {
    code: totp.generate({ timestamp: t.clock.now().getTime() }),
  });
  if (res.statusCode !== 200) throw new Error(`totp verify failed: ${res.body}`);
  pending.csrf = res.json<{ csrfToken: string }>().csrfToken;
  pending.cookie = sessionCookie(res);
  return pending;
}
