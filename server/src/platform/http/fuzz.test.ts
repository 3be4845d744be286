/** T5: mutated and random bodies, queries and ids on every route: never a 5xx, a crash or a stack trace. */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, createTestApp, signIn, signInAdmin, type Agent, type TestApp } from '../../test/harness.ts';

const CASES_PER_ROUTE = 60;
const POLLUTION = ['__proto__', 'constructor', 'prototype'];

describe('input fuzzing (T5)', () => {
  let t: TestApp;
  let agents: Agent[];
  beforeAll(async () => {
    t = await createTestApp();
    await addUser(t, { username: 'fuzz-region', role: 'region-officer', division: '150000' });
    await addUser(t, { username: 'fuzz-sys', role: 'sys-admin', division: '150000' });
    await addUser(t, { username: 'fuzz-sec', role: 'sec-admin', division: '150000' });
    agents = [await signIn(t, 'fuzz-region'), await signInAdmin(t, 'fuzz-sys'), await signInAdmin(t, 'fuzz-sec')];
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers every fuzzed request below 500 without internals', async () => {
    const body = fc.oneof(
      fc.jsonValue(),
      fc.dictionary(
        fc.constantFrom(
          'name',
          'type',
          'uscc',
          'divisionCode',
          'username',
          'password',
          'role',
          'phone',
          'idNumber',
          'reason',
          'status',
          'code',
          ...POLLUTION,
        ),
        fc.jsonValue(),
      ),
    );
    const idPart = fc.oneof(
      fc.constantFrom('1', '0', '-1', '99999999999999999999', '1.5', 'abc', '%00', '..%2F..', '150102', '150203'),
      fc.string({ maxLength: 12 }),
    );
    const query = fc.dictionary(
      fc.constantFrom(
        'page',
        'pageSize',
        'division',
        'type',
        'q',
        'status',
        'level',
        'from',
        'to',
        'actor',
        'code',
        'year',
      ),
      fc.string({ maxLength: 20 }),
    );
    const problems: string[] = [];
    let sent = 0;
    for (const route of t.app.routeInventory) {
      if (route.url.startsWith('/api/docs') || route.url === '/api/auth/logout') continue;
      const samples = fc.sample(fc.tuple(body, idPart, query, fc.nat({ max: agents.length - 1 })), {
        numRuns: CASES_PER_ROUTE,
        seed: 2026 + sent,
      });
      for (const [b, id, q, who] of samples) {
        const url = route.url.replace(':id', encodeURIComponent(id)).replace(':code', encodeURIComponent(id));
        const qs = new URLSearchParams(q).toString();
        const agent = agents[who]!;
        const res = await t.app.inject({
          method: route.method as 'GET',
          url: qs ? `${url}?${qs}` : url,
          headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf, 'content-type': 'application/json' },
          ...(route.method === 'GET' ? {} : { payload: JSON.stringify(b) }),
        });
        sent++;
        if (res.statusCode >= 500)
          problems.push(`${route.method} ${url}?${qs}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        if (/\bat .+\.(ts|js):\d+|SqliteError|syntax error at|node_modules/.test(res.body))
          problems.push(`${route.method} ${url}: internals in body`);
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(problems).toEqual([]);
    expect(sent).toBeGreaterThan(1000);
    // 60 requests per route: 60 s is too short on a busy 2-core machine. A bound, not a speed check.
  }, 300_000);
});
