/**
 * Issue 9, finding 8: self-registration must not reveal whether a username or phone number is taken. A registration
 * colliding with an existing account answers exactly like a new one, creates nothing, tells the holder in-app and is
 * audited.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, createTestApp, type TestApp } from '../../test/harness.ts';

const farmer = (username: string, phone: string, remoteAddress: string) => ({
  method: 'POST' as const,
  url: '/api/registrations',
  remoteAddress,
  payload: {
    role: 'farmer',
    username,
    password: 'Steppe#Horse2026kq',
    displayName: '巴特尔',
    phone,
    divisionCode: '150121',
  },
});

/** Everything a client sees, minus the clock (date, rate-limit reset). Each request comes from its own address. */
function visible(res: LightMyRequestResponse) {
  const headers = Object.fromEntries(
    Object.entries(res.headers).filter(([k]) => k !== 'date' && k !== 'x-ratelimit-reset'),
  );
  return { status: res.statusCode, headers, body: res.body };
}

describe('registration answers the same whether or not the account exists (issue 9, finding 8)', () => {
  let t: TestApp;
  let holder: number;
  let phoneHolder: number;
  beforeEach(async () => {
    t = await createTestApp();
    holder = await addUser(t, { username: 'bateer', role: 'farmer', division: '150121' });
    phoneHolder = await addUser(t, { username: 'sarula', role: 'farmer', division: '150102', phone: '13812345678' });
    await addUser(t, { username: 'tumed', role: 'county-officer', division: '150121' });
  });
  afterEach(async () => {
    await t.close();
  });

  const notifications = (userId: number) =>
    t.db.db
      .selectFrom('notification')
      .select(['kind', 'title_zh', 'body_zh', 'link'])
      .where('user_id', '=', userId)
      .execute();
  const accounts = () => t.db.db.selectFrom('app_user').select('id').execute();

  it('answers a taken username and a taken phone byte for byte like a new registration, without an id', async () => {
    const fresh = await t.app.inject(farmer('fresh-farmer', '13712345678', '10.0.0.1'));
    expect(fresh.statusCode).toBe(201);
    expect(fresh.json()).toEqual({ status: 'pending' });
    const before = (await accounts()).length;

    const sameName = await t.app.inject(farmer('bateer', '13712340001', '10.0.0.2'));
    const samePhone = await t.app.inject(farmer('new-farmer', '13812345678', '10.0.0.3'));
    const both = await t.app.inject(farmer('bateer', '13812345678', '10.0.0.4'));
    for (const res of [sameName, samePhone, both]) expect(visible(res)).toEqual(visible(fresh));
    // Nothing was created for the duplicates.
    expect(await accounts()).toHaveLength(before);
  });

  it('tells the holder of the username or phone number in-app and audits the attempt', async () => {
    await t.app.inject(farmer('bateer', '13712340001', '10.0.0.2'));
    expect(await notifications(holder)).toEqual([
      {
        kind: 'registration.duplicate',
        title_zh: '有人尝试使用您的用户名注册账户',
        body_zh: expect.stringContaining('申请未成立，您的账户未受影响') as unknown,
        link: null,
      },
    ]);
    await t.app.inject(farmer('new-farmer', '13812345678', '10.0.0.3'));
    expect(await notifications(phoneHolder)).toMatchObject([
      { kind: 'registration.duplicate', title_zh: '有人尝试使用您的手机号注册账户' },
    ]);
    await t.app.inject(farmer('sarula', '13812345678', '10.0.0.4'));
    expect((await notifications(phoneHolder)).at(-1)).toMatchObject({
      title_zh: '有人尝试使用您的用户名和手机号注册账户',
    });

    const audit = await t.db.db
      .selectFrom('audit_log')
      .select(['target_id', 'result', 'details', 'ip'])
      .where('action', '=', 'registration.duplicate')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => [a.target_id, a.result, a.ip])).toEqual([
      [String(holder), 'failure', '10.0.0.2'],
      [String(phoneHolder), 'failure', '10.0.0.3'],
      [String(phoneHolder), 'failure', '10.0.0.4'],
    ]);
    expect(audit.map((a) => JSON.parse(a.details ?? '{}') as { taken: string[] }).map((d) => d.taken)).toEqual([
      ['username'],
      ['phone'],
      ['username', 'phone'],
    ]);
    for (const a of audit) {
      expect(a.details).not.toContain('13812345678');
      expect(a.details).not.toContain('Steppe#Horse2026kq');
    }
    // The reviewing officer hears of no application that does not exist.
    const officer = await t.db.db
      .selectFrom('notification')
      .select('kind')
      .where('kind', '=', 'registration.submitted')
      .execute();
    expect(officer).toEqual([]);
  });

  it('refuses a bad request the same way whether or not the username exists', async () => {
    const weak = (username: string, ip: string) => {
      const req = farmer(username, '13712340002', ip);
      return t.app.inject({ ...req, payload: { ...req.payload, password: 'Password12' } });
    };
    const taken = await weak('bateer', '10.0.0.5');
    const free = await weak('free-name', '10.0.0.6');
    expect(taken.statusCode).toBe(400);
    expect(visible(taken)).toEqual(visible(free));
    expect(await notifications(holder)).toEqual([]);
  });
});
