/**
 * Several app nodes on one database (issue 11): two apps, each with its own connection (pool) to the test database,
 * the way two processes behind a load balancer would be. Sessions and login throttles live in the database, so each
 * node sees the other's; jobs are claimed from the `job` table, so each runs once whichever node enqueued it, a node
 * starting leaves the other's jobs alone, and a job whose node died (its lease expired on the shared manual clock) is
 * run again by another node, at most MAX_ATTEMPTS times.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { connect } from '../../db/connect.ts';
import type { DbHandle } from '../../db/database.ts';
import { iso } from '../clock.ts';
import type { Caller } from '../deps.ts';
import { addUser, createTestApp, signIn, TEST_PASSWORD, testConfig, type TestApp } from '../../test/harness.ts';
import { defineJobKind, enqueueJob, jobNodeId, recoverInterruptedJobs, whenJobsIdle } from './index.ts';
import * as repo from './jobs.repository.ts';
import { LEASE_MS, MAX_ATTEMPTS, NODE_LOST } from './runner.ts';

const gates = new Map<string, { promise: Promise<void>; open: () => void }>();
function gate(name: string) {
  let g = gates.get(name);
  if (!g) {
    let open = () => undefined as void;
    const promise = new Promise<void>((resolve) => (open = resolve));
    g = { promise, open };
    gates.set(name, g);
  }
  return g;
}

/** Runs of each job id (a job must run exactly once however many nodes look at the queue). */
const runs = new Map<number, number>();
const counted = defineJobKind<{ n: number }>('test.nodes.counted', {
  async run(ctx, params) {
    runs.set(ctx.jobId, (runs.get(ctx.jobId) ?? 0) + 1);
    await new Promise((r) => setTimeout(r, 2));
    return { fileName: `n${params.n}.txt`, mime: 'text/plain', content: Buffer.from(ctx.caller.principal.username) };
  },
});
const gated = defineJobKind<{ gate: string }>('test.nodes.gated', {
  async run(ctx, params) {
    runs.set(ctx.jobId, (runs.get(ctx.jobId) ?? 0) + 1);
    await ctx.progress(50, '等待');
    await gate(params.gate).promise;
    return { fileName: 'g.txt', mime: 'text/plain', content: Buffer.from('g') };
  },
});

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('condition never held');
}

describe('several app nodes on one database', () => {
  let t: TestApp;
  let b: { app: FastifyInstance; db: DbHandle };
  /** Node B as a TestApp (the harness helpers take one): same database and clock, its own app and connection. */
  let tb: TestApp;

  beforeEach(async () => {
    runs.clear();
    t = await createTestApp();
    const db = connect({ url: t.db.url, poolSize: 4, sqliteSynchronous: 'NORMAL' });
    const app = await buildApp({ config: testConfig(), database: db, clock: t.clock, logger: false });
    await app.ready();
    b = { app, db };
    tb = { ...t, app, close: () => Promise.resolve() };
  });
  afterEach(async () => {
    for (const g of gates.values()) g.open();
    gates.clear();
    await b.app.close();
    await b.db.destroy();
    await t.close();
  });

  async function caller(username: string): Promise<Caller> {
    const userId = await addUser(t, { username, role: 'county-officer', division: '150102' });
    return {
      principal: {
        userId,
        username,
        displayName: username,
        divisionCode: '150102',
        orgId: null,
        roles: [{ role: 'county-officer', divisionCode: '150102' }],
      },
      actor: { userId, username, ip: '127.0.0.1' },
    };
  }

  function nodeIds(): string[] {
    return [jobNodeId(t.app.deps), jobNodeId(b.app.deps)];
  }

  function login(app: FastifyInstance, password: string, ip: string): Promise<LightMyRequestResponse> {
    return app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'alice', password },
      remoteAddress: ip,
    });
  }

  it('sees the sessions and login lockouts of the other node', async () => {
    await caller('alice');
    const onA = await signIn(t, 'alice');
    const session = (app: FastifyInstance) =>
      app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: onA.cookie } });
    const onB = await session(b.app);
    expect(onB.statusCode).toBe(200);
    expect(onB.json()).toMatchObject({ user: { username: 'alice' } });

    // Signed out on B: the session is gone on A too.
    const out = await b.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie: onA.cookie, 'x-csrf-token': onA.csrf },
    });
    expect(out.statusCode).toBeLessThan(300);
    expect((await session(t.app)).statusCode).toBe(401);

    // Five failures from one client on A lock that client out on B as well; another client still signs in on B.
    const attacker = '203.0.113.77';
    for (let i = 0; i < 5; i++) expect((await login(t.app, 'Wrong#Password1', attacker)).statusCode).toBe(401);
    const locked = await login(b.app, TEST_PASSWORD, attacker);
    expect(locked.statusCode).toBe(401);
    expect(locked.json().error.code).toBe('LOGIN_FAILED');
    expect((await login(b.app, TEST_PASSWORD, '198.51.100.5')).statusCode).toBe(200);
    await signIn(tb, 'alice');
  });

  it('runs every job exactly once, whichever node enqueued it', async () => {
    const alice = await caller('alice');
    const ids: number[] = [];
    for (let n = 0; n < 12; n++) {
      const deps = n % 2 === 0 ? t.app.deps : b.app.deps;
      ids.push((await enqueueJob(deps, alice, counted, { n })).id);
    }
    await until(async () => {
      const open = await t.db.db.selectFrom('job').select('id').where('status', '<>', 'done').execute();
      return open.length === 0;
    });
    await Promise.all([whenJobsIdle(t.app.deps), whenJobsIdle(b.app.deps)]);
    expect(ids.map((id) => runs.get(id))).toEqual(ids.map(() => 1));
    const rows = await t.db.db.selectFrom('job').select(['claimed_by', 'attempts', 'content']).execute();
    const nodes = new Set(nodeIds());
    for (const row of rows) {
      expect(nodes.has(row.claimed_by ?? '')).toBe(true);
      expect(row.attempts).toBe(1);
      // The claiming node ran it as the caller who enqueued it (stored with the job).
      expect(Buffer.from(row.content ?? []).toString()).toBe('alice');
    }
  });

  it('hands each queued row to one claim when both nodes claim at once', async () => {
    const alice = await caller('alice');
    const at = iso(t.clock.now());
    for (let n = 0; n < 20; n++)
      await repo.insertJob(t.db.db, {
        kind: 'test.nodes.unknown', // no node runs this kind: only the claims below take it
        userId: alice.principal.userId,
        params: '{}',
        caller: JSON.stringify(alice),
        message: '排队中',
        at,
      });
    const claim = (db: DbHandle, node: string) =>
      repo.claimNext(db.db, db.engine, {
        kinds: ['test.nodes.unknown'],
        node,
        leaseUntil: at,
        message: '正在处理',
      });
    const claims = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? claim(t.db, 'node-a') : claim(b.db, 'node-b'))),
    );
    const got = claims.filter((c) => c !== undefined).map((c) => c.id);
    expect(got).toHaveLength(20);
    expect(new Set(got).size).toBe(20);
  });

  it('leaves the running and queued jobs of a live node alone when another node starts', async () => {
    const alice = await caller('alice');
    const running = await enqueueJob(t.app.deps, alice, gated, { gate: 'hold' });
    const queued = await enqueueJob(t.app.deps, alice, gated, { gate: 'open' });
    gate('open').open();
    await until(async () => (await repo.findJob(t.db.db, running.id))?.status === 'running');

    const c = await buildApp({ config: testConfig(), database: t.db, clock: t.clock, logger: false });
    await c.ready();
    expect((await repo.findJob(t.db.db, running.id))?.status).toBe('running');
    expect((await repo.findJob(t.db.db, queued.id))?.status).toBe('queued');
    gate('hold').open();
    await c.close();
    await until(async () => (await repo.findJob(t.db.db, queued.id))?.status === 'done');
    expect((await repo.findJob(t.db.db, running.id))?.status).toBe('done');
    expect([runs.get(running.id), runs.get(queued.id)]).toEqual([1, 1]);
  });

  it('runs a job again on another node when the node that claimed it died', async () => {
    const alice = await caller('alice');
    gate('go').open();
    // A node claims the job and dies (it never renews its lease): insert and claim in one transaction, so no live
    // node sees the row queued in between.
    const claimed = await t.db.db.transaction().execute(async (trx) => {
      await repo.insertJob(trx, {
        kind: gated.kind,
        userId: alice.principal.userId,
        params: JSON.stringify({ gate: 'go' }),
        caller: JSON.stringify(alice),
        message: '排队中',
        at: iso(t.clock.now()),
      });
      return repo.claimNext(trx, t.db.engine, {
        kinds: [gated.kind],
        node: 'dead-node',
        leaseUntil: iso(new Date(t.clock.now().getTime() + LEASE_MS)),
        message: '正在处理',
      });
    });
    if (!claimed) throw new Error('no claim');

    // Within the lease nobody touches it.
    expect(await recoverInterruptedJobs(b.app.deps)).toBe(0);
    t.clock.advance(LEASE_MS + 1000);
    expect(await recoverInterruptedJobs(b.app.deps)).toBe(1);
    await until(async () => (await repo.findJob(t.db.db, claimed.id))?.status === 'done');
    const row = await t.db.db.selectFrom('job').selectAll().where('id', '=', claimed.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'done', attempts: 2, error: null });
    expect(nodeIds()).toContain(row.claimed_by);
    expect(runs.get(claimed.id)).toBe(1);

    // The dead node wakes up and reports: its outcome is refused, the retry's stands.
    const late = await repo.markDone(t.db.db, claimed.id, 'dead-node', {
      message: '已完成',
      fileName: 'late.txt',
      mime: 'text/plain',
      content: Buffer.from('late'),
      at: iso(t.clock.now()),
    });
    expect(late).toBe(false);
    expect((await repo.findJob(t.db.db, claimed.id))?.file_name).toBe('g.txt');
  });

  it(`fails a job after ${MAX_ATTEMPTS} claims whose nodes all died`, async () => {
    const alice = await caller('alice');
    const job = await repo.insertJob(t.db.db, {
      kind: 'test.nodes.orphan', // no live node runs this kind: only the dying claims below take it
      userId: alice.principal.userId,
      params: '{}',
      caller: JSON.stringify(alice),
      message: '排队中',
      at: iso(t.clock.now()),
    });
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const c = await repo.claimNext(t.db.db, t.db.engine, {
        kinds: ['test.nodes.orphan'],
        node: `dead-${attempt}`,
        leaseUntil: iso(new Date(t.clock.now().getTime() + LEASE_MS)),
        message: '正在处理',
      });
      expect(c).toMatchObject({ id: job.id, attempts: attempt });
      t.clock.advance(LEASE_MS + 1000);
      await recoverInterruptedJobs(b.app.deps);
      const row = await repo.findJob(t.db.db, job.id);
      expect(row?.status).toBe(attempt < MAX_ATTEMPTS ? 'queued' : 'failed');
    }
    const failed = await repo.findJob(t.db.db, job.id);
    expect(failed).toMatchObject({ status: 'failed', error: NODE_LOST, message: '中断' });
    expect(failed?.finished_at).toBe(t.clock.now().toISOString());
  });
});
