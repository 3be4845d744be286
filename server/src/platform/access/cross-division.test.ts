/**
 * T1: the cross-division matrix. Every non-public route x principals of every level x objects in their own, child,
 * parent, sibling and other-league divisions (150200 vs 150203 included). Writes act on fresh objects; allowed
 * writes must leave their declared audit row; lists must contain no foreign rows. The cases come from the modules'
 * and platform parts' `*.access-cases.test-helper.ts` files (matrix.test-helper.ts finds them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { OBJECT_DIVISIONS, PRINCIPALS, atLabel, loadMatrix, type AccessCheck, type At } from './matrix.test-helper.ts';

const matrix = await loadMatrix();
const { ctx, cases } = matrix;
const secrets = matrix.sets.flatMap((s) => s.secrets ?? []);

describe('cross-division access matrix (T1)', () => {
  let t: TestApp;

  async function auditCount(action: string): Promise<number> {
    const r = await t.db.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', action)
      .where('result', '=', 'success')
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  beforeAll(async () => {
    t = await createTestApp();
    await matrix.start(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('covers every non-public route', () => {
    const missing = t.app.routeInventory
      .filter((r) => r.rule && r.rule.access !== 'public')
      .map((r) => `${r.method} ${r.url}`)
      .filter((id) => !cases.has(id));
    expect(missing).toEqual([]);
  });

  it('allows exactly what role and division subtree allow, and audits every allowed write', async () => {
    const failures: string[] = [];
    let checked = 0;
    const shown = new Map(secrets.map((s) => [s.name, 0]));
    for (const route of t.app.routeInventory) {
      const id = `${route.method} ${route.url}`;
      const c = cases.get(id);
      if (!c || c.self || (c.list && c.at === undefined) || !route.rule) continue;
      const permission = route.rule.access;
      for (const p of PRINCIPALS) {
        const agent = ctx.agent(p.name);
        const divisions = c.region || c.at === undefined ? [null] : c.at === 'objects' ? OBJECT_DIVISIONS : c.at;
        const states = c.states ?? [undefined];
        for (const [state, d] of states.flatMap((st) => divisions.map((dv) => [st, dv] as const))) {
          const at: At = state === undefined ? { division: d } : { division: d, state };
          const label = atLabel(at);
          const base = c.url ?? route.url;
          const url = c.target ? await c.target(base, at) : base;
          const isWrite = route.method !== 'GET';
          const isAudited = route.rule.audit !== 'none';
          const before = isAudited ? await auditCount(route.rule.audit) : 0;
          const res: LightMyRequestResponse = c.raw
            ? await t.app.inject({
                method: 'POST',
                url,
                headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrf, 'content-type': c.rawType ?? 'text/csv' },
                payload: c.raw(d ?? '150000', ctx.next()),
              })
            : await agent.request(
                route.method as 'GET',
                url,
                c.body ? c.body(d ?? '150000', ctx.next()) : isWrite ? {} : undefined,
              );
          const can = (perm: string, division: string | null) => ctx.allowed(p, perm, division);
          const check: AccessCheck = {
            ...at,
            permission,
            can,
            standard: c.region ? can(permission, '150000') : can(permission, d),
          };
          const expectOk = c.allows ? c.allows(check) : check.standard;
          checked++;
          const ok = res.statusCode >= 200 && res.statusCode < 300;
          if (expectOk !== ok)
            failures.push(
              `${p.name} ${id} ${label}: expected ${expectOk ? '2xx' : 'denied'}, got ${res.statusCode} ${res.body.slice(0, 120)}`,
            );
          if (!ok && ![403, 404].includes(res.statusCode))
            failures.push(`${p.name} ${id} ${label}: denial with status ${res.statusCode}`);
          if (ok && isAudited && (await auditCount(route.rule.audit)) !== before + 1)
            failures.push(`${p.name} ${id} ${label}: no '${route.rule.audit}' audit row`);
          // T10 (and the like): a secret appears only on the routes that show it (full phone numbers: the full view).
          for (const s of secrets) {
            if (route.rule.access !== s.shownBy && s.pattern.test(res.body))
              failures.push(`${p.name} ${id} ${label}: ${s.name} in the response`);
            if (ok && route.rule.access === s.shownBy) shown.set(s.name, (shown.get(s.name) ?? 0) + 1);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(800);
    for (const [name, n] of shown) expect(n, `${name} shown`).toBeGreaterThan(0);
    // Thousands of requests (argon2 on resets, documents on reports): 60 s is too short on a busy 2-core machine.
    // A bound, not a speed check.
  }, 600_000);

  it('never returns a foreign row in any list, and returns the own rows', async () => {
    const failures: string[] = [];
    for (const [id, c] of cases) {
      if (!c.list) continue;
      const url = c.url ?? id.split(' ')[1] ?? '';
      const permission =
        c.emptyWithout ?? t.app.routeInventory.find((r) => `${r.method} ${r.url}` === id)?.rule?.access ?? '';
      for (const p of PRINCIPALS) {
        const agent = ctx.agent(p.name);
        const extra = c.query ? `&${c.query(p.division)}` : '';
        const res = await agent.request('GET', `${url}?pageSize=200${extra}`);
        if (!ctx.allowed(p, permission, null)) {
          if (c.emptyWithout) {
            const items = res.statusCode === 200 ? (res.json() as { items: unknown[] }).items.length : -1;
            if (items !== 0) failures.push(`${p.name} ${id}: expected 200 and no items, got ${res.statusCode}`);
          } else if (res.statusCode !== 403) failures.push(`${p.name} ${id}: expected 403, got ${res.statusCode}`);
          continue;
        }
        expect(res.statusCode).toBe(200);
        const body = res.json() as { items: { divisionCode: string | null }[]; total: number };
        if (body.items.length === 0) failures.push(`${p.name} ${id}: empty list (test would prove nothing)`);
        for (const s of secrets) if (s.pattern.test(res.body)) failures.push(`${p.name} ${id}: ${s.name} in a list`);
        for (const item of body.items) {
          const inside =
            item.divisionCode === null ? p.division === '150000' : ctx.inScope(p.division, item.divisionCode);
          if (!inside) failures.push(`${p.name} ${id}: foreign row in ${item.divisionCode}`);
        }
        // Filtering by a foreign division must not widen the scope.
        const foreign = await agent.request('GET', `${url}?pageSize=200&division=150203${extra}`);
        if (foreign.statusCode === 200 && !ctx.inScope(p.division, '150203')) {
          const items = (foreign.json() as { items: unknown[] }).items;
          if (items.length > 0) failures.push(`${p.name} ${id}: division filter leaked ${items.length} rows`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  for (const check of matrix.sets.flatMap((s) => s.checks ?? []))
    it(check.name, async () => {
      expect(await check.run()).toEqual([]);
    });

  it('rejects every non-public route without a session', async () => {
    for (const r of t.app.routeInventory.filter((x) => x.rule && x.rule.access !== 'public')) {
      const res = await t.app.inject({ method: r.method as 'GET', url: r.url.replace(':id', '1') });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });
});
