import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, createTestApp, signIn, signInAdmin, type TestApp } from '../../test/harness.ts';
import { upload } from '../spreadsheets/test-helpers.ts';
import { notify } from './notify.ts';

describe('in-app notifications', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  async function send(userIds: number[], n: number) {
    await t.db.db.transaction().execute((trx) =>
      notify(trx, {
        userIds,
        kind: 'test.event',
        title: { zh: `标题${n}`, en: `Title ${n}` },
        body: { zh: `内容${n}`, en: `Body ${n}` },
        link: n % 2 === 0 ? `/console/x/${n}` : null,
        at: t.clock.now(),
      }),
    );
    t.clock.advance(1000);
  }

  const audits = (action: string) =>
    t.db.db.selectFrom('audit_log').select(['actor_username', 'details']).where('action', '=', action).execute();

  it('answers 401 without a session on every route, 403 without the CSRF token on writes', async () => {
    for (const [method, url] of [
      ['GET', '/api/notifications'],
      ['POST', '/api/notifications/1/read'],
      ['POST', '/api/notifications/read-all'],
    ] as const) {
      expect((await t.app.inject({ method, url })).statusCode, url).toBe(401);
    }
    const id = await addUser(t, { username: 'alice', role: 'farmer', division: '150102' });
    await send([id], 1);
    const alice = await signIn(t, 'alice');
    for (const url of ['/api/notifications/1/read', '/api/notifications/read-all']) {
      const res = await t.app.inject({ method: 'POST', url, headers: { cookie: alice.cookie } });
      expect(res.statusCode, url).toBe(403);
    }
  });

  it('refuses bad query strings and ids', async () => {
    await addUser(t, { username: 'alice', role: 'farmer', division: '150102' });
    const alice = await signIn(t, 'alice');
    for (const q of ['unread=yes', 'pageSize=0', 'pageSize=201', 'page=0', 'page=abc']) {
      expect((await alice.request('GET', `/api/notifications?${q}`)).statusCode, q).toBe(400);
    }
    for (const id of ['abc', '0', '-1', '1.5']) {
      expect((await alice.request('POST', `/api/notifications/${id}/read`)).statusCode, id).toBe(400);
    }
  });

  it('lists only the own notifications, newest first, with the unread count; marks one and all read, audited', async () => {
    const a = await addUser(t, { username: 'alice', role: 'farmer', division: '150102' });
    const b = await addUser(t, { username: 'bob', role: 'county-officer', division: '150102' });
    for (let n = 1; n <= 3; n++) await send([a, a], n); // duplicates are written once
    await send([b], 4);
    const alice = await signIn(t, 'alice');
    const bob = await signIn(t, 'bob');

    const page = (await alice.request('GET', '/api/notifications?pageSize=2')).json();
    expect(page).toMatchObject({ total: 3, page: 1, pageSize: 2, unreadCount: 3 });
    expect(page.items.map((i: { titleZh: string }) => i.titleZh)).toEqual(['标题3', '标题2']);
    expect(page.items[1]).toMatchObject({
      kind: 'test.event',
      titleEn: 'Title 2',
      bodyZh: '内容2',
      bodyEn: 'Body 2',
      link: '/console/x/2',
      readAt: null,
    });
    const [newest, , oldest] = (await alice.request('GET', '/api/notifications')).json().items;

    // Another user's notification: 404, and it stays unread.
    const bobs = (await bob.request('GET', '/api/notifications')).json();
    expect(bobs).toMatchObject({ total: 1, unreadCount: 1 });
    expect((await alice.request('POST', `/api/notifications/${bobs.items[0].id}/read`)).statusCode).toBe(404);
    expect((await alice.request('POST', '/api/notifications/999999/read')).statusCode).toBe(404);
    expect((await bob.request('GET', '/api/notifications')).json().unreadCount).toBe(1);

    const read = await alice.request('POST', `/api/notifications/${oldest.id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ id: oldest.id, readAt: t.clock.now().toISOString() });
    expect((await alice.request('POST', `/api/notifications/${oldest.id}/read`)).statusCode).toBe(200); // idempotent
    const unread = (await alice.request('GET', '/api/notifications?unread=true')).json();
    expect(unread).toMatchObject({ total: 2, unreadCount: 2 });
    expect(unread.items.map((i: { id: number }) => i.id)).toEqual([newest.id, newest.id - 1]);
    expect((await alice.request('GET', '/api/notifications?unread=false')).json().total).toBe(3);

    const all = await alice.request('POST', '/api/notifications/read-all');
    expect(all.json()).toEqual({ updated: 2, unreadCount: 0 });
    expect((await alice.request('GET', '/api/notifications?unread=true')).json()).toMatchObject({
      total: 0,
      items: [],
      unreadCount: 0,
    });
    expect((await bob.request('GET', '/api/notifications')).json().unreadCount).toBe(1);

    expect(await audits('notification.read')).toEqual([
      { actor_username: 'alice', details: '{"changed":true}' },
      { actor_username: 'alice', details: '{"changed":false}' },
    ]);
    expect(await audits('notification.read_all')).toEqual([{ actor_username: 'alice', details: '{"updated":2}' }]);
  });

  it('writes nothing when the transaction around notify rolls back', async () => {
    const a = await addUser(t, { username: 'alice', role: 'farmer', division: '150102' });
    await expect(
      t.db.db.transaction().execute(async (trx) => {
        await notify(trx, {
          userIds: [a],
          kind: 'test.event',
          title: { zh: '不应出现', en: 'must not appear' },
          body: { zh: '', en: '' },
          at: t.clock.now(),
        });
        throw new Error('the write failed');
      }),
    ).rejects.toThrow('the write failed');
    expect(await t.db.db.selectFrom('notification').selectAll().execute()).toEqual([]);
  });
});

describe('notified events', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const notificationsOf = (userId: number) =>
    t.db.db.selectFrom('notification').selectAll().where('user_id', '=', userId).orderBy('id').execute();

  const farmer = {
    role: 'farmer',
    password: 'Register#2026x',
    displayName: '巴特尔',
    phone: '13712345678',
    divisionCode: '150121',
  };

  it('tells the nearest active officers covering a new registration (the county before the league and region), and the registrant of the decision', async () => {
    const county = await addUser(t, { username: 'tumed', role: 'county-officer', division: '150121' });
    const league = await addUser(t, { username: 'hohhot', role: 'league-officer', division: '150100' });
    const region = await addUser(t, { username: 'region', role: 'region-officer', division: '150000' });
    const notCovering = [
      await addUser(t, { username: 'xincheng', role: 'county-officer', division: '150102' }),
      await addUser(t, { username: 'baotou', role: 'league-officer', division: '150200' }),
      await addUser(t, { username: 'unit', role: 'unit-officer', division: '150000' }),
      await addUser(t, { username: 'sysadm', role: 'sys-admin', division: '150000' }),
      await addUser(t, { username: 'neighbour', role: 'farmer', division: '150121' }),
    ];
    const disabled = await addUser(t, { username: 'retired', role: 'county-officer', division: '150121' });
    await t.db.db.updateTable('app_user').set({ status: 'disabled' }).where('id', '=', disabled).execute();

    const res = await t.app.inject({ method: 'POST', url: '/api/registrations', payload: farmer });
    expect(res.statusCode).toBe(201);
    // The county officer acts on it; the league and region are not told of every county's registrations.
    for (const officer of [county]) {
      const rows = await notificationsOf(officer);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        kind: 'registration.submitted',
        title_zh: '新的注册申请待审核',
        body_zh: '巴特尔申请注册为农牧民（土默特左旗）。',
        link: '/console/registrations',
        read_at: null,
      });
      expect(JSON.stringify(rows[0])).not.toContain('13712345678');
    }
    for (const other of [...notCovering, league, region, disabled]) expect(await notificationsOf(other)).toEqual([]);

    // The officer sees it through the API; approving tells the registrant, who reads it after signing in.
    const officer = await signIn(t, 'tumed');
    expect((await officer.request('GET', '/api/notifications')).json()).toMatchObject({ total: 1, unreadCount: 1 });
    const { id: registrant } = await t.db.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', '13712345678')
      .executeTakeFirstOrThrow();
    expect((await officer.request('POST', `/api/registrations/${registrant}/approve`)).statusCode).toBe(200);
    const agent = await signIn(t, '13712345678', 'Register#2026x');
    const mine = (await agent.request('GET', '/api/notifications')).json();
    expect(mine).toMatchObject({ total: 1, unreadCount: 1 });
    expect(mine.items[0]).toMatchObject({ kind: 'registration.approved', titleZh: '注册申请已通过', link: '/console' });
  });

  it('tells a rejected registrant why, and writes nothing when the registration itself fails', async () => {
    const county = await addUser(t, { username: 'tumed', role: 'county-officer', division: '150121' });
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/registrations',
      payload: { ...farmer, phone: '13712340000', password: 'weakweakweak' },
    });
    expect(bad.statusCode).toBe(400);
    expect(await notificationsOf(county)).toEqual([]);
    const res = await t.app.inject({ method: 'POST', url: '/api/registrations', payload: farmer });
    expect(res.statusCode).toBe(201);
    const { id: registrant } = await t.db.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', '13712345678')
      .executeTakeFirstOrThrow();
    const officer = await signIn(t, 'tumed');
    expect(
      (await officer.request('POST', `/api/registrations/${registrant}/reject`, { reason: '信息不实' })).statusCode,
    ).toBe(200);
    expect(await notificationsOf(registrant)).toMatchObject([
      { kind: 'registration.rejected', title_zh: '注册申请未通过', body_zh: '原因：信息不实', link: null },
    ]);
  });

  it('tells the importer that a committed import was written', async () => {
    const league = await addUser(t, { username: 'league', role: 'league-officer', division: '150100' });
    const agent = await signIn(t, 'league');
    const up = await upload(
      t,
      agent,
      '/api/imports/organisations?name=单位.csv',
      '单位名称,单位类型,行政区划代码\n通知测试单位,政府部门,150102\n',
      'text/csv',
    );
    expect(up.json().status).toBe('validated');
    expect(await notificationsOf(league)).toEqual([]); // validation alone tells nothing
    expect((await agent.request('POST', `/api/imports/${up.json().id}/commit`)).statusCode).toBe(200);
    expect(await notificationsOf(league)).toMatchObject([
      {
        kind: 'import.committed',
        title_zh: '导入已完成',
        body_zh: '单位.csv：已写入 1 行。',
        body_en: '单位.csv: 1 row written.',
        link: '/console/organisations',
      },
    ]);
    // An administrator's own notifications work the same way (second factor first).
    await addUser(t, { username: 'auditor', role: 'audit-admin', division: '150000' });
    const auditor = await signInAdmin(t, 'auditor');
    expect((await auditor.request('GET', '/api/notifications')).json()).toMatchObject({ total: 0, unreadCount: 0 });
  });
});
