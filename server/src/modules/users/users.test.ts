import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUser, createTestApp, signIn, signInAdmin, TEST_PASSWORD, type TestApp } from '../../test/harness.ts';

const PHONE = '13812345678';
const ID = '11010519491231002X';

describe('users and personal data', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it('stores phone and ID number encrypted and masks them in every response', async () => {
    const id = await addUser(t, {
      username: 'farmer1',
      role: 'farmer',
      division: '150102',
      phone: PHONE,
      idNumber: ID,
    });
    const row = await t.db.db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.phone_enc).not.toContain(PHONE);
    expect(row.id_number_enc).not.toContain(ID);
    await addUser(t, { username: 'league', role: 'league-officer', division: '150100' });
    const league = await signIn(t, 'league');
    const res = await league.request('GET', `/api/users/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ phone: '138****5678', idNumber: '1101**********002X' });
    expect(res.headers['cache-control']).toBe('no-store');
    const list = await league.request('GET', '/api/users');
    expect(list.body).not.toContain(PHONE);
    expect(list.body).not.toContain(ID);
    // league officers do not hold pi:view_full
    expect((await league.request('GET', `/api/users/${id}/personal-info`)).statusCode).toBe(403);
  });

  it('shows full personal data only with pi:view_full, and audits each view in the same transaction', async () => {
    const id = await addUser(t, {
      username: 'farmer2',
      role: 'farmer',
      division: '150102',
      phone: PHONE,
      idNumber: ID,
    });
    await addUser(t, { username: 'county', role: 'county-officer', division: '150102' });
    const county = await signIn(t, 'county');
    const res = await county.request('GET', `/api/users/${id}/personal-info`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ phone: PHONE, idNumber: ID });
    expect(res.headers['cache-control']).toBe('no-store');
    const audit = await t.db.db.selectFrom('audit_log').selectAll().where('action', '=', 'pi.view_full').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.target_id).toBe(String(id));
    expect(audit[0]?.details ?? '').not.toContain(PHONE);
  });

  it('keeps 三员分立: an admin role is never combined with another role', async () => {
    const sec = await addUser(t, { username: 'sec', role: 'sec-admin', division: '150000' });
    const target = await addUser(t, { username: 'sys', role: 'sys-admin', division: '150000' });
    const agent = await signInAdmin(t, 'sec');
    const res = await agent.request('POST', `/api/users/${target}/roles`, {
      role: 'audit-admin',
      divisionCode: '150000',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('SEPARATION_OF_DUTIES');
    const officer = await agent.request('POST', `/api/users/${target}/roles`, {
      role: 'region-officer',
      divisionCode: '150000',
    });
    expect(officer.json().error.code).toBe('SEPARATION_OF_DUTIES');
    // nor on oneself
    const self = await agent.request('POST', `/api/users/${sec}/roles`, {
      role: 'region-officer',
      divisionCode: '150000',
    });
    expect(self.statusCode).toBe(403);
  });

  it('never lets a grant reach wider than the granter scope', async () => {
    // A security administrator of one league cannot grant at region level.
    await addUser(t, { username: 'sec-league', role: 'sec-admin', division: '150100' });
    const target = await addUser(t, { username: 'worker', role: 'county-officer', division: '150102' });
    const agent = await signInAdmin(t, 'sec-league');
    const wide = await agent.request('POST', `/api/users/${target}/roles`, {
      role: 'region-officer',
      divisionCode: '150000',
    });
    expect(wide.statusCode).toBe(403);
    const ok = await agent.request('POST', `/api/users/${target}/roles`, {
      role: 'league-officer',
      divisionCode: '150100',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().roles).toContainEqual({ role: 'league-officer', divisionCode: '150100' });
  });

  it('lets the system administrator create accounts, validating ID numbers and phones', async () => {
    await addUser(t, { username: 'sysadm', role: 'sys-admin', division: '150000' });
    const agent = await signInAdmin(t, 'sysadm');
    const bad = await agent.request('POST', '/api/users', {
      username: 'newuser',
      password: 'Another#Pass2026',
      displayName: '新用户',
      divisionCode: '150102',
      idNumber: '110105194912310021',
      phone: '12345',
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad
      .json()
      .error.details.map((d: { path: string }) => d.path)
      .sort();
    expect(paths).toEqual(['body.idNumber', 'body.phone']);
    const weak = await agent.request('POST', '/api/users', {
      username: 'weakuser',
      password: 'aaaaaaaaaaaa',
      displayName: '弱',
      divisionCode: '150102',
    });
    expect(weak.statusCode).toBe(400);
    const ok = await agent.request('POST', '/api/users', {
      username: 'newuser',
      password: 'Another#Pass2026',
      displayName: '新用户',
      divisionCode: '150102',
      idNumber: ID,
      phone: PHONE,
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ username: 'newuser', idNumber: '1101**********002X', roles: [] });
  });

  it('disabling an account ends its sessions', async () => {
    await addUser(t, { username: 'sysadm2', role: 'sys-admin', division: '150000' });
    const victim = await addUser(t, { username: 'victim', role: 'county-officer', division: '150102' });
    const victimAgent = await signIn(t, 'victim');
    const admin = await signInAdmin(t, 'sysadm2');
    expect((await admin.request('POST', `/api/users/${victim}/disable`)).statusCode).toBe(200);
    expect((await victimAgent.request('GET', '/api/me')).statusCode).toBe(401);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'victim', password: TEST_PASSWORD },
    });
    expect(login.statusCode).toBe(409);
  });
});

describe('self-registration', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const enterprise = {
    role: 'enterprise',
    password: 'Register#2026x',
    displayName: '王经理',
    phone: '13912345678',
    divisionCode: '150121',
    organisation: { name: '小米通讯技术有限公司（测试）', uscc: '91110108558521630L' },
  };

  it('registers an enterprise pending approval by an officer of its county', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/registrations', payload: enterprise });
    expect(res.statusCode).toBe(201);
    // The answer carries no id (issue 9, finding 8): the same for a new account and a refused duplicate.
    expect(res.json()).toEqual({ status: 'pending' });
    const { id } = await t.db.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', '13912345678')
      .executeTakeFirstOrThrow();
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: '13912345678', password: 'Register#2026x' },
    });
    expect(login.statusCode).toBe(409);
    expect(login.json().error.message).toContain('审核');

    await addUser(t, { username: 'other-county', role: 'county-officer', division: '150102' });
    const other = await signIn(t, 'other-county');
    expect((await other.request('GET', '/api/registrations')).json().total).toBe(0);
    expect((await other.request('POST', `/api/registrations/${id}/approve`)).statusCode).toBe(404);

    await addUser(t, { username: 'tumed', role: 'county-officer', division: '150121' });
    const officer = await signIn(t, 'tumed');
    const list = (await officer.request('GET', '/api/registrations')).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      requestedRole: 'enterprise',
      phone: '139****5678',
      organisation: { uscc: '91110108558521630L' },
    });
    expect((await officer.request('POST', `/api/registrations/${id}/approve`)).statusCode).toBe(200);
    expect((await officer.request('POST', `/api/registrations/${id}/approve`)).statusCode).toBe(409);

    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: '13912345678', password: 'Register#2026x' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().roles).toEqual([{ role: 'enterprise', divisionCode: '150121' }]);
    const org = await t.db.db
      .selectFrom('organisation')
      .select('status')
      .where('uscc', '=', '91110108558521630L')
      .executeTakeFirstOrThrow();
    expect(org.status).toBe('active');
  });

  it('rejects with a reason, and refuses bad registrations without writing anything', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/registrations',
      payload: { ...enterprise, divisionCode: '150100' },
    });
    expect(bad.statusCode).toBe(400);
    const noOrg = await t.app.inject({
      method: 'POST',
      url: '/api/registrations',
      payload: { ...enterprise, organisation: undefined },
    });
    expect(noOrg.statusCode).toBe(400);
    const admin = await t.app.inject({
      method: 'POST',
      url: '/api/registrations',
      payload: { ...enterprise, role: 'sys-admin' },
    });
    expect(admin.statusCode).toBe(400);
    expect(
      await t.db.db.selectFrom('app_user').select('id').where('username', '=', '13912345678').execute(),
    ).toHaveLength(0);

    const farmer = await t.app.inject({
      method: 'POST',
      url: '/api/registrations',
      payload: {
        role: 'farmer',
        password: 'Register#2026x',
        displayName: '巴特尔',
        phone: '13712345678',
        divisionCode: '150121',
      },
    });
    expect(farmer.statusCode).toBe(201);
    await addUser(t, { username: 'tumed2', role: 'county-officer', division: '150121' });
    const officer = await signIn(t, 'tumed2');
    const { id } = await t.db.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', '13712345678')
      .executeTakeFirstOrThrow();
    const res = await officer.request('POST', `/api/registrations/${id}/reject`, { reason: '信息不实' });
    expect(res.json()).toMatchObject({ status: 'rejected' });
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'registration.reject')
      .executeTakeFirstOrThrow();
    expect(audit.details).toContain('信息不实');
  });
});
