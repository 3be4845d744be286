/**
 * Finding 9 of issue 9: a system administrator scoped to 呼和浩特市 (150100) created an account attached to an
 * organisation of 昆都仑区 (150203) — only the organisation's existence was checked, which also told which ids exist.
 * An organisation outside the creator's scope now answers 404 exactly like a missing one, and nothing is written.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, createTestApp, signInAdmin, type TestApp } from '../../test/harness.ts';

describe('POST /api/users with an orgId', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  async function org(name: string, division: string): Promise<number> {
    const now = new Date().toISOString();
    const row = await t.db.db
      .insertInto('organisation')
      .values({
        name,
        type: 'government',
        uscc: null,
        division_code: division,
        status: 'active',
        is_demo: 0,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  it('answers 404 for an organisation outside the creator scope, the same as for a missing one', async () => {
    const baotou = await org('昆都仑区科技局', '150203');
    const hohhot = await org('新城区科技局', '150102');
    await addUser(t, { username: 'sys-hohhot', role: 'sys-admin', division: '150100' });
    const sys = await signInAdmin(t, 'sys-hohhot');
    const body = (orgId: number, username: string) => ({
      username,
      password: 'Steppe#Account2026',
      displayName: '测试',
      divisionCode: '150102',
      orgId,
    });
    const outside = await sys.request('POST', '/api/users', body(baotou, 'outside1'));
    const missing = await sys.request('POST', '/api/users', body(999_999, 'outside2'));
    expect(outside.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    expect(outside.json()).toEqual(missing.json());
    expect(
      await t.db.db.selectFrom('app_user').select('id').where('username', 'in', ['outside1', 'outside2']).execute(),
    ).toEqual([]);
    const inside = await sys.request('POST', '/api/users', body(hohhot, 'inside1'));
    expect(inside.statusCode).toBe(201);
    expect(inside.json().orgId).toBe(hohhot);
  });
});
