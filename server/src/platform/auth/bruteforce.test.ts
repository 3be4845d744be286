/**
 * T4: brute force, restart mid-lockout, user enumeration. Five failures from one client lock that (account, client)
 * pair for 30 minutes (issue 9, finding 7: no longer the whole account, so strangers cannot lock the holder out); the
 * lock lives in the database (so it survives a restart), the answer never tells a known account from an unknown one,
 * no client gets more than five password checks per account in any 30 minutes, and rotating addresses buy no more than
 * the account's slow-down budget (throttle.test.ts covers device cookies and the holder's view).
 */
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { connect } from '../../db/connect.ts';
import type { DbHandle } from '../../db/database.ts';
import { addUser, createTestApp, TEST_PASSWORD, testConfig, type TestApp } from '../../test/harness.ts';
import { LOCKOUT_MS, MAX_FAILURES } from './auth.service.ts';
import { SLOWDOWN_AFTER, SLOWDOWN_CAP_MS, accountKey, pairKey } from './throttle.ts';

const MINUTE = 60_000;
const WRONG = 'Wrong#Password1';

/**
 * The one client address of the attacks that test the per-(account, client) lock. The per-IP rate limit (30 a minute,
 * in real time) allows it 30 attempts per test.
 */
const ATTACKER = '203.0.113.9';

let ipCounter = 0;
/** A fresh source address per request: rotating addresses, which only the account's slow-down holds back. */
function nextIp(): string {
  ipCounter++;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

function attempt(
  app: FastifyInstance,
  username: string,
  password: string,
  ip = nextIp(),
): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });
}

/**
 * Everything a client can see of a response except the Date header and the per-address rate-limit counters (they
 * count this address's requests to the route whatever the username: a test that sends several from one address sees
 * them go down).
 */
function visible(res: LightMyRequestResponse): { status: number; headers: Record<string, unknown>; body: string } {
  const headers: Record<string, unknown> = { ...res.headers };
  delete headers.date;
  delete headers['x-ratelimit-remaining'];
  delete headers['x-ratelimit-reset'];
  return { status: res.statusCode, headers, body: res.body };
}

/** createTestApp's database is a freshDatabase(): it has the URL and drop() that a restart test needs. */
function testDatabase(t: TestApp): DbHandle & { url: string; drop(): Promise<void> } {
  return t.db as DbHandle & { url: string; drop(): Promise<void> };
}

const LOGIN_FAILED_BODY = JSON.stringify({
  error: {
    code: 'LOGIN_FAILED',
    message: '用户名或密码错误，或账户暂时锁定',
    messageEn: 'Wrong username or password, or the account is temporarily locked',
  },
});

interface LoginAudit {
  at: string;
  result: string;
  reason: string | null;
}

async function loginAudits(t: TestApp | { app: FastifyInstance }, username: string): Promise<LoginAudit[]> {
  const rows = await t.app.deps.db
    .selectFrom('audit_log')
    .select(['at', 'result', 'details'])
    .where('action', '=', 'auth.login')
    .where('actor_username', '=', username)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    at: r.at,
    result: r.result,
    reason: r.details ? ((JSON.parse(r.details) as { reason?: string }).reason ?? null) : null,
  }));
}

/** Largest number of password checks (bad-credentials failures and successes) inside any 30-minute span. */
function maxChecksInAnyWindow(audits: LoginAudit[]): number {
  const times = audits
    .filter((a) => a.reason === 'bad-credentials' || a.result === 'success')
    .map((a) => Date.parse(a.at));
  let max = 0;
  for (const start of times) max = Math.max(max, times.filter((x) => x >= start && x < start + LOCKOUT_MS).length);
  return max;
}

describe('T4: brute force and user enumeration', () => {
  let t: TestApp;
  let restarted: { app: FastifyInstance; db: DbHandle } | null = null;
  let firstAppClosed = false;

  beforeEach(async () => {
    t = await createTestApp();
    restarted = null;
    firstAppClosed = false;
    await addUser(t, { username: 'victim', role: 'county-officer', division: '150102' });
  });
  afterEach(async () => {
    if (restarted) {
      await restarted.app.close();
      await restarted.db.destroy();
    }
    if (!firstAppClosed) await t.app.close();
    await testDatabase(t).drop();
  });

  it('locks after 5 failures for 30 minutes, survives a restart, and never tells known from unknown', async () => {
    expect(MAX_FAILURES).toBe(5);
    expect(LOCKOUT_MS).toBe(30 * MINUTE);

    // Phase 1: five wrong passwords, known and unknown side by side.
    for (let i = 0; i < 5; i++) {
      const known = await attempt(t.app, 'victim', WRONG, ATTACKER);
      const unknown = await attempt(t.app, 'ghost', WRONG, ATTACKER);
      expect(known.statusCode).toBe(401);
      expect(known.body).toBe(LOGIN_FAILED_BODY);
      expect(visible(unknown)).toEqual(visible(known));
    }
    const wrongShape = visible(await attempt(t.app, 'ghost2', WRONG, ATTACKER));

    // Phase 2: locked for this client. The right password gets the same answer as a wrong one.
    const right = await attempt(t.app, 'victim', TEST_PASSWORD, ATTACKER);
    expect(right.statusCode).toBe(401);
    expect(right.cookies).toEqual([]);
    expect(visible(right)).toEqual(wrongShape);
    expect(visible(await attempt(t.app, 'victim', WRONG, ATTACKER))).toEqual(wrongShape);
    expect(visible(await attempt(t.app, 'ghost', TEST_PASSWORD, ATTACKER))).toEqual(wrongShape);
    expect(visible(await attempt(t.app, 'VICTIM', TEST_PASSWORD, ATTACKER))).toEqual(wrongShape);

    // Phase 3: restart mid-lockout on the same database and clock.
    await t.app.close();
    firstAppClosed = true;
    const db = connect({ url: testDatabase(t).url });
    const app = await buildApp({ config: testConfig(), database: db, clock: t.clock, logger: false });
    await app.ready();
    restarted = { app, db };
    t.clock.advance(29 * MINUTE);
    const afterRestart = await attempt(app, 'victim', TEST_PASSWORD, ATTACKER);
    expect(afterRestart.statusCode).toBe(401);
    expect(visible(afterRestart)).toEqual(wrongShape);
    expect(visible(await attempt(app, 'ghost', TEST_PASSWORD, ATTACKER))).toEqual(wrongShape);
    expect(visible(await attempt(app, 'nobody-at-all', WRONG, ATTACKER))).toEqual(wrongShape);

    // Phase 4: thirty minutes after the fifth failure the right password works; wrong ones still look alike.
    t.clock.advance(1 * MINUTE);
    const ok = await attempt(app, 'victim', TEST_PASSWORD, ATTACKER);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ user: { username: 'victim' } });
    const knownWrong = await attempt(app, 'victim', WRONG, ATTACKER);
    const unknownWrong = await attempt(app, 'ghost3', WRONG, ATTACKER);
    expect(visible(knownWrong)).toEqual(wrongShape);
    expect(visible(unknownWrong)).toEqual(wrongShape);

    // The audit trail: exactly five password checks before the lock, everything during it refused unchecked.
    const audits = await loginAudits({ app }, 'victim');
    expect(audits.map((a) => a.reason ?? a.result)).toEqual([
      ...Array<string>(5).fill('bad-credentials'),
      'locked',
      'locked',
      'locked',
      'locked',
      'success',
      'bad-credentials',
    ]);
    expect(maxChecksInAnyWindow(audits)).toBeLessThanOrEqual(5);
  });

  it('counts every spelling of a username against the same account', async () => {
    for (const name of ['Victim', 'VICTIM', ' victim ', 'vIcTiM', 'victim']) {
      expect((await attempt(t.app, name, WRONG, ATTACKER)).statusCode).toBe(401);
    }
    expect((await attempt(t.app, 'victim', TEST_PASSWORD, ATTACKER)).statusCode).toBe(401);
    const audits = await loginAudits(t, 'victim');
    expect(audits.filter((a) => a.reason === 'bad-credentials')).toHaveLength(5);
    expect(audits.at(-1)?.reason).toBe('locked');
  });

  it('locks unknown usernames exactly like known ones (same counters, same answers)', async () => {
    const known: string[] = [];
    const unknown: string[] = [];
    for (let i = 0; i < 8; i++) {
      known.push(JSON.stringify(visible(await attempt(t.app, 'victim', i === 6 ? TEST_PASSWORD : WRONG, ATTACKER))));
      unknown.push(JSON.stringify(visible(await attempt(t.app, 'ghost', i === 6 ? TEST_PASSWORD : WRONG, ATTACKER))));
    }
    expect(unknown).toEqual(known);
    // Per (account, client): five failures and a lock; per account: the five checks made, counted for the slow-down.
    const rows = await t.app.deps.db.selectFrom('auth_throttle').selectAll().execute();
    const byKey = new Map(rows.map((r) => [r.key, { failures: r.failures, locked: r.locked_until !== null }]));
    expect(byKey.size).toBe(4);
    for (const name of ['ghost', 'victim']) {
      expect(byKey.get(pairKey(name, { ip: ATTACKER }))).toEqual({ failures: 5, locked: true });
      expect(byKey.get(accountKey(name))).toEqual({ failures: 5, locked: false });
    }
  });

  it('gives one client at most 5 password checks per account in any 30 minutes under a sustained attack', async () => {
    // Every two minutes for 58 minutes from one address (29 attempts: under the real-time per-IP rate limit).
    for (let minute = 0; minute < 58; minute += 2) {
      const res = await attempt(t.app, 'victim', minute % 4 === 0 ? WRONG : WRONG.toUpperCase(), ATTACKER);
      expect(res.statusCode).toBe(401);
      t.clock.advance(2 * MINUTE);
    }
    const audits = await loginAudits(t, 'victim');
    expect(audits).toHaveLength(29);
    expect(audits.every((a) => a.result === 'failure')).toBe(true);
    expect(maxChecksInAnyWindow(audits)).toBeLessThanOrEqual(5);
    // 5 checks, then locked for 30 minutes (15 attempts), and again: 5 checks per 40 minutes at this pace.
    expect(audits.filter((a) => a.reason === 'bad-credentials')).toHaveLength(10);
  });

  it('holds rotating addresses to the account slow-down budget under a sustained attack, across a restart', async () => {
    // Every two minutes for three hours, each attempt from a new address: no pair ever locks, the slow-down does.
    const run = async (app: FastifyInstance, from: number, to: number): Promise<void> => {
      for (let minute = from; minute < to; minute += 2) {
        const res = await attempt(app, 'victim', minute % 4 === 0 ? WRONG : WRONG.toUpperCase());
        expect(res.statusCode).toBe(401);
        expect(res.body).toBe(LOGIN_FAILED_BODY);
        t.clock.advance(2 * MINUTE);
      }
    };
    await run(t.app, 0, 40);
    await t.app.close();
    firstAppClosed = true;
    const db = connect({ url: testDatabase(t).url });
    const app = await buildApp({ config: testConfig(), database: db, clock: t.clock, logger: false });
    await app.ready();
    restarted = { app, db };
    await run(app, 40, 180);

    const audits = await loginAudits({ app }, 'victim');
    expect(audits).toHaveLength(90);
    expect(audits.every((a) => a.result === 'failure')).toBe(true);
    // The slow-down: SLOWDOWN_AFTER checks, then waits of 1, 2, 4 ... 512 s (ten more checks in 1,023 s), then one
    // check per SLOWDOWN_CAP_MS at most. So no 30 minutes hold more than 2 x SLOWDOWN_AFTER checks.
    expect(SLOWDOWN_AFTER).toBe(10);
    expect(SLOWDOWN_CAP_MS).toBe(15 * MINUTE);
    expect(maxChecksInAnyWindow(audits)).toBeLessThanOrEqual(2 * SLOWDOWN_AFTER);
    const checks = audits.filter((a) => a.reason === 'bad-credentials').length;
    expect(checks).toBeLessThanOrEqual(2 * SLOWDOWN_AFTER + Math.ceil((180 * MINUTE) / SLOWDOWN_CAP_MS));
    expect(audits.filter((a) => a.reason === 'slowed').length).toBe(90 - checks);
    expect(audits.some((a) => a.reason === 'locked')).toBe(false);
  });

  it('gives at most 5 password checks per account in any 30 minutes at the window boundary', async () => {
    // One failure opens the window; three more just before it closes; then a burst right after it closes.
    expect((await attempt(t.app, 'victim', WRONG, ATTACKER)).statusCode).toBe(401);
    t.clock.advance(29 * MINUTE + 50_000);
    for (let i = 0; i < 3; i++) expect((await attempt(t.app, 'victim', WRONG, ATTACKER)).statusCode).toBe(401);
    t.clock.advance(10_000);
    for (let i = 0; i < 5; i++) expect((await attempt(t.app, 'victim', WRONG, ATTACKER)).statusCode).toBe(401);
    // The right password inside the same 30 minutes must not be checked any more.
    const right = await attempt(t.app, 'victim', TEST_PASSWORD, ATTACKER);
    expect(right.statusCode).toBe(401);
    expect(maxChecksInAnyWindow(await loginAudits(t, 'victim'))).toBeLessThanOrEqual(5);
  });

  it('gives at most 5 password checks to 20 parallel guesses (the lock is claimed before the check)', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => attempt(t.app, 'victim', `${WRONG}${i}`, ATTACKER)),
    );
    expect(responses.every((r) => r.statusCode === 401)).toBe(true);
    expect(new Set(responses.map((r) => r.body))).toEqual(new Set([LOGIN_FAILED_BODY]));
    const audits = await loginAudits(t, 'victim');
    expect(audits.filter((a) => a.reason === 'bad-credentials')).toHaveLength(5);
    expect(audits.filter((a) => a.reason === 'locked')).toHaveLength(15);
    expect((await attempt(t.app, 'victim', TEST_PASSWORD, ATTACKER)).statusCode).toBe(401);
  });

  it('gives 40 parallel guesses from 40 addresses exactly the slow-down budget of checks', async () => {
    const responses = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(t.app, 'victim', `${WRONG}${i}`)));
    expect(new Set(responses.map((r) => `${r.statusCode} ${r.body}`))).toEqual(new Set([`401 ${LOGIN_FAILED_BODY}`]));
    const audits = await loginAudits(t, 'victim');
    // The clock stands still: SLOWDOWN_AFTER checks, then the first wait (1 s) refuses all the others unchecked.
    expect(audits.filter((a) => a.reason === 'bad-credentials')).toHaveLength(SLOWDOWN_AFTER);
    expect(audits.filter((a) => a.reason === 'slowed')).toHaveLength(40 - SLOWDOWN_AFTER);
  });

  it('gives at most 5 checks to parallel guesses that include the right password', async () => {
    const guesses = Array.from({ length: 20 }, (_, i) => (i === 12 ? TEST_PASSWORD : `${WRONG}${i}`));
    const responses = await Promise.all(guesses.map((g) => attempt(t.app, 'victim', g, ATTACKER)));
    const audits = await loginAudits(t, 'victim');
    const checks = audits.filter((a) => a.reason === 'bad-credentials' || a.result === 'success');
    expect(checks.length).toBeLessThanOrEqual(5);
    expect(responses.filter((r) => r.statusCode === 200).length).toBe(
      audits.filter((a) => a.result === 'success').length,
    );
  });

  it(
    'random attack schedules from one client never get more than 5 password checks into any 30 minutes',
    { timeout: 120_000 },
    async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              // Bursts, waits that straddle the 30-minute boundaries, and anything in between.
              gapS: fc.oneof(
                fc.integer({ min: 0, max: 20 }),
                fc.integer({ min: 28 * 60, max: 31 * 60 }),
                fc.integer({ min: 0, max: 45 * 60 }),
              ),
              right: fc.boolean(),
            }),
            { minLength: 6, maxLength: 14 },
          ),
          async (schedule) => {
            // Each run attacks its own (unknown) username from its own address: the throttle treats known and
            // unknown alike.
            const name = `target${run}`;
            const ip = `198.51.100.${run++}`;
            for (const step of schedule) {
              t.clock.advance(step.gapS * 1000);
              await attempt(t.app, name, step.right ? TEST_PASSWORD : WRONG, ip);
            }
            const audits = await loginAudits(t, name);
            expect(audits).toHaveLength(schedule.length);
            expect(maxChecksInAnyWindow(audits)).toBeLessThanOrEqual(MAX_FAILURES);
          },
        ),
        { numRuns: 25, seed: 4242 },
      );
    },
  );

  it('answers the 31st login from one address within a minute with 429 and a Chinese message', async () => {
    const ip = '192.0.2.77';
    for (let i = 0; i < 30; i++) {
      const res = await attempt(t.app, `user${i}`, WRONG, ip);
      expect(res.statusCode, `attempt ${i + 1}`).toBe(401);
    }
    const limited = await attempt(t.app, 'victim', TEST_PASSWORD, ip);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toEqual({
      error: {
        code: 'RATE_LIMITED',
        message: '请求过于频繁，请稍后再试',
        messageEn: 'Too many requests; try again later',
      },
    });
    expect(limited.cookies).toEqual([]);
    // Other addresses are not affected, and the refused request did not count against the account.
    const other = await attempt(t.app, 'victim', TEST_PASSWORD, '192.0.2.78');
    expect(other.statusCode).toBe(200);
  });
});
