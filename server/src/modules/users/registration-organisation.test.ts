/**
 * Issue 10, item 3: an organisation created by self-registration is written by the organisations module (audit,
 * search index, facts) — once approved it is found by the global search without any reindex, and a rejected one is
 * never listed as active.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, createTestApp, signIn, type Agent, type TestApp } from '../../test/harness.ts';

const registration = (name: string, uscc: string, phone: string) => ({
  method: 'POST' as const,
  url: '/api/registrations',
  remoteAddress: `10.0.1.${phone.slice(-2)}`,
  payload: {
    role: 'enterprise',
    password: 'Register#2026x',
    displayName: '王经理',
    phone,
    divisionCode: '150121',
    organisation: { name, uscc },
  },
});

describe('a self-registered organisation belongs to the organisations module', () => {
  let t: TestApp;
  let officer: Agent;
  beforeEach(async () => {
    t = await createTestApp();
    await addUser(t, { username: 'tumed', role: 'county-officer', division: '150121' });
    officer = await signIn(t, 'tumed');
  });
  afterEach(async () => {
    await t.close();
  });

  const userIdOf = async (username: string) =>
    (await t.db.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const search = async (q: string) =>
    (await officer.request('GET', `/api/search?q=${encodeURIComponent(q)}`)).json() as {
      items: { type: string; id: number; title: string; divisionCode: string }[];
      total: number;
    };
  const activeOrganisations = async () =>
    (await officer.request('GET', '/api/organisations?status=active&pageSize=100')).json() as {
      items: { id: number; name: string; status: string }[];
    };

  it('is found by the search once approved, without a reindex', async () => {
    const name = '土默特左旗敕勒川草原乳业有限公司';
    expect((await t.app.inject(registration(name, '91440300708461136T', '13912345601'))).statusCode).toBe(201);
    const id = await userIdOf('13912345601');
    expect((await officer.request('POST', `/api/registrations/${id}/approve`)).statusCode).toBe(200);

    const found = await search(name);
    expect(found.items).toHaveLength(1);
    expect(found.items[0]).toMatchObject({ type: 'organisation', title: name, divisionCode: '150121' });
    const orgId = found.items[0]?.id;
    const org = (await officer.request('GET', `/api/organisations/${orgId}`)).json() as { status: string };
    expect(org.status).toBe('active');
    expect((await activeOrganisations()).items.map((o) => o.name)).toContain(name);

    // The organisations module audited the organisation's creation and its approval.
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('target_type', '=', 'organisation')
      .where('target_id', '=', String(orgId))
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['organisation.create', 'organisation.update']);
    expect(audit[1]?.details).toContain('active');
  });

  it('is not listed as active once rejected', async () => {
    const name = '托克托县黄河湿地生态旅游有限公司';
    expect((await t.app.inject(registration(name, '91330100716105852F', '13912345602'))).statusCode).toBe(201);
    const id = await userIdOf('13912345602');
    const res = await officer.request('POST', `/api/registrations/${id}/reject`, { reason: '信息不实' });
    expect(res.json()).toMatchObject({ status: 'rejected' });

    expect((await activeOrganisations()).items.map((o) => o.name)).not.toContain(name);
    const org = await t.db.db
      .selectFrom('organisation')
      .select('status')
      .where('uscc', '=', '91330100716105852F')
      .executeTakeFirstOrThrow();
    expect(org.status).toBe('rejected');
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('target_type', '=', 'organisation')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['organisation.create', 'organisation.update']);
    expect(audit[1]?.details).toContain('rejected');
  });
});
