/** T0: every route declares its access rule, scope rule, audit action and schema. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredPermissions } from '../modules/installed.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

describe('route inventory (T0)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('has a rule, a schema and an audit action on every route', () => {
    const inventory = t.app.routeInventory;
    expect(inventory.length).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const r of inventory) {
      const id = `${r.method} ${r.url}`;
      if (!r.rule) {
        problems.push(`${id}: no rule`);
        continue;
      }
      const { access, scope, audit } = r.rule;
      if (!['public', 'authenticated', ...declaredPermissions().keys()].includes(access))
        problems.push(`${id}: unknown access ${access}`);
      if (!['none', 'public-data', 'self', 'division-subtree'].includes(scope))
        problems.push(`${id}: unknown scope ${scope}`);
      if (!audit) problems.push(`${id}: no audit declaration`);
      if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && audit === 'none')
        problems.push(`${id}: a write without an audit action`);
      if (!r.hasSchema) problems.push(`${id}: no schema`);
      if (access !== 'public' && access !== 'authenticated' && scope === 'none' && r.url !== '/api/audit/verify')
        problems.push(`${id}: permission-guarded route without a scope rule`);
    }
    expect(problems).toEqual([]);
  });

  it('closes routes that declare nothing (defence in depth)', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/does-not-exist' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('publishes OpenAPI generated from the contracts', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/organisations', '/api/auth/login', '/api/divisions/{code}']),
    );
    expect(doc.paths['/api/organisations'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['page', 'pageSize', 'division', 'type', 'q']),
    );
  });
});
