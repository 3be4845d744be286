/**
 * T1b: 三员分立 over chains (issue 9, finding 1). The acceptance probe broke separation of duties by chaining single
 * steps that each passed: a security administrator reset an account's password (and received it), revoked its roles,
 * granted it the audit-admin role and signed in as it; a system administrator reset a county officer and read full
 * personal data as them, and disabled the audit administrator. Each chain below must now stop.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isMemoryCourier } from '../delivery/courier.ts';
import { addUser, createTestApp, signIn, signInAdmin, TEST_PASSWORD, type TestApp } from '../../test/harness.ts';

describe('三员分立 over chains', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  const login = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });

  function sentTo(username: string): number {
    const c = t.app.deps.courier;
    if (!isMemoryCourier(c)) throw new Error('test mode uses the memory courier');
    return c.sent.filter((m) => m.username === username).length;
  }

  it('secadmin: reset -> revoke -> grant audit-admin -> sign in as the account is stopped at every link', async () => {
    const victim = await addUser(t, { username: 'officer', role: 'county-officer', division: '150102' });
    await addUser(t, { username: 'sec', role: 'sec-admin', division: '150000' });
    await addUser(t, { username: 'sys', role: 'sys-admin', division: '150000' });
    const sec = await signInAdmin(t, 'sec');

    // 1. The reset gives the resetter nothing that signs in.
    const reset = await sec.request('POST', `/api/users/${victim}/reset-password`);
    expect(reset.statusCode).toBe(200);
    expect(JSON.stringify(reset.json())).not.toMatch(/temporaryPassword|#t=/);
    expect(sentTo('officer')).toBe(1);
    expect((await login('officer', TEST_PASSWORD)).statusCode).toBe(401);

    // 2. Revoking the business role works (a business role), but...
    const revoke = await sec.request('POST', `/api/users/${victim}/roles/revoke`, {
      role: 'county-officer',
      divisionCode: '150102',
    });
    expect(revoke.statusCode).toBe(200);

    // 3. ...the admin role is not granted by one administrator: the chain rule refuses even the request (business
    // role held today, password set by an administrator and not yet by the holder).
    const grant = await sec.request('POST', `/api/users/${victim}/roles`, {
      role: 'audit-admin',
      divisionCode: '150000',
    });
    expect(grant.statusCode).toBe(409);
    expect(grant.json().error.code).toBe('SEPARATION_OF_DUTIES');
    expect(grant.json().error.message).toContain('30 天');
    expect(grant.json().error.message).toContain('密码由管理员设置');
    const roles = await t.db.db.selectFrom('user_role').selectAll().where('user_id', '=', victim).execute();
    expect(roles).toEqual([]);
  });

  it('two-person rule: an admin-role grant waits for a second administrator, never the requester or the account', async () => {
    const fresh = await addUser(t, { username: 'newauditor', role: 'farmer', division: '150000' });
    // The farmer role was held: revoke it and let the cooling-off period pass.
    await addUser(t, { username: 'sec', role: 'sec-admin', division: '150000' });
    await addUser(t, { username: 'sys', role: 'sys-admin', division: '150000' });
    let sec = await signInAdmin(t, 'sec');
    expect(
      (await sec.request('POST', `/api/users/${fresh}/roles/revoke`, { role: 'farmer', divisionCode: '150000' }))
        .statusCode,
    ).toBe(200);
    const tooSoon = await sec.request('POST', `/api/users/${fresh}/roles`, {
      role: 'audit-admin',
      divisionCode: '150000',
    });
    expect(tooSoon.statusCode).toBe(409);
    t.clock.advance(31 * 86_400_000);
    sec = await signInAdmin(t, 'sec');
    const asked = await sec.request('POST', `/api/users/${fresh}/roles`, {
      role: 'audit-admin',
      divisionCode: '150000',
      reason: '新任审计管理员',
    });
    expect(asked.statusCode).toBe(202);
    const request = asked.json().request;
    expect(request).toMatchObject({ op: 'grant', role: 'audit-admin', status: 'pending', canDecide: false });
    // Not granted yet.
    expect(await t.db.db.selectFrom('user_role').selectAll().where('user_id', '=', fresh).execute()).toEqual([]);
    // The requester cannot approve it.
    const self = await sec.request('POST', `/api/role-requests/${request.id}/approve`, {});
    expect(self.statusCode).toBe(409);
    expect(self.json().error.code).toBe('SEPARATION_OF_DUTIES');
    // A business officer has no role:approve.
    await addUser(t, { username: 'region', role: 'region-officer', division: '150000' });
    const region = await signIn(t, 'region');
    expect((await region.request('POST', `/api/role-requests/${request.id}/approve`, {})).statusCode).toBe(403);
    // The second administrator sees it and approves it.
    const sys = await signInAdmin(t, 'sys');
    const list = await sys.request('GET', '/api/role-requests?status=pending');
    expect(list.json().items.map((r: { id: number; canDecide: boolean }) => [r.id, r.canDecide])).toEqual([
      [request.id, true],
    ]);
    const approved = await sys.request('POST', `/api/role-requests/${request.id}/approve`, { note: '已核实' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: { username: 'sys' } });
    expect(
      await t.db.db.selectFrom('user_role').select(['role_code', 'granted_by']).where('user_id', '=', fresh).execute(),
    ).toEqual([{ role_code: 'audit-admin', granted_by: expect.any(Number) as number }]);
    // Decided once.
    expect((await sys.request('POST', `/api/role-requests/${request.id}/approve`, {})).statusCode).toBe(409);
    const audit = await t.db.db
      .selectFrom('audit_log')
      .select(['action', 'actor_username'])
      .where('action', 'in', ['user.role_grant', 'role_request.approve'])
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([
      { action: 'user.role_grant', actor_username: 'sec' },
      { action: 'role_request.approve', actor_username: 'sys' },
    ]);
  });

  it('an account created with an initial password gets no admin role until the holder has chosen their own', async () => {
    await addUser(t, { username: 'sec', role: 'sec-admin', division: '150000' });
    await addUser(t, { username: 'sys', role: 'sys-admin', division: '150000' });
    const sys = await signInAdmin(t, 'sys');
    const created = await sys.request('POST', '/api/users', {
      username: 'candidate',
      password: 'Initial#Pass2026xy',
      displayName: '候选人',
      divisionCode: '150000',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().activation).toBeNull();
    const id = created.json().id as number;
    const sec = await signInAdmin(t, 'sec');
    const refused = await sec.request('POST', `/api/users/${id}/roles`, { role: 'sys-admin', divisionCode: '150000' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('密码由管理员设置');
    // The holder signs in (forced change) and chooses a password.
    const first = await login('candidate', 'Initial#Pass2026xy');
    expect(first.json().mustChangePassword).toBe(true);
    const holder = await signIn(t, 'candidate', 'Initial#Pass2026xy');
    expect(
      (
        await holder.request('POST', '/api/me/password', {
          currentPassword: 'Initial#Pass2026xy',
          newPassword: 'Holder#Chosen2026pw',
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (await sec.request('POST', `/api/users/${id}/roles`, { role: 'sys-admin', divisionCode: '150000' })).statusCode,
    ).toBe(202);
  });

  it('an account created without a password is activated by its holder through the one-time link only', async () => {
    await addUser(t, { username: 'sys', role: 'sys-admin', division: '150000' });
    await addUser(t, { username: 'sec', role: 'sec-admin', division: '150000' });
    const sys = await signInAdmin(t, 'sys');
    const created = await sys.request('POST', '/api/users', {
      username: 'herder',
      displayName: '牧民',
      divisionCode: '150102',
      phone: '13900005678',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().activation).toMatchObject({ channel: 'memory', recipient: '139****5678' });
    const c = t.app.deps.courier;
    if (!isMemoryCourier(c)) throw new Error('memory courier');
    const msg = c.sent.find((m) => m.username === 'herder');
    expect(msg?.purpose).toBe('account-activation');
    expect(created.body).not.toContain(new URL(msg!.link).hash.slice(3));
    const token = new URL(msg!.link).hash.replace('#t=', '');
    const early = await (
      await signInAdmin(t, 'sec')
    ).request('POST', `/api/users/${created.json().id}/roles`, { role: 'sys-admin', divisionCode: '150000' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('密码由管理员设置');
    const redeem = await t.app.inject({
      method: 'POST',
      url: '/api/password-reset/redeem',
      payload: { token, newPassword: 'Steppe#Own2026pass' },
    });
    expect(redeem.statusCode).toBe(200);
    expect((await login('herder', 'Steppe#Own2026pass')).statusCode).toBe(200);
    // Before activation no admin role could be asked for; after it, the request waits for a second administrator.
    const sec = await signInAdmin(t, 'sec');
    const id = created.json().id as number;
    expect(
      (await sec.request('POST', `/api/users/${id}/roles`, { role: 'sys-admin', divisionCode: '150000' })).statusCode,
    ).toBe(202);
  });

  it('sysadmin: no credentials of a county officer, no disabling or resetting the audit or security administrator', async () => {
    const officer = await addUser(t, {
      username: 'officer',
      role: 'county-officer',
      division: '150102',
      phone: '13900001111',
    });
    const auditor = await addUser(t, { username: 'auditor', role: 'audit-admin', division: '150000' });
    const secId = await addUser(t, { username: 'sec', role: 'sec-admin', division: '150000' });
    await addUser(t, { username: 'sys', role: 'sys-admin', division: '150000' });
    const sys = await signInAdmin(t, 'sys');
    const reset = await sys.request('POST', `/api/users/${officer}/reset-password`);
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).not.toHaveProperty('temporaryPassword');
    for (const target of [auditor, secId]) {
      expect((await sys.request('POST', `/api/users/${target}/disable`)).json().error.code).toBe(
        'SEPARATION_OF_DUTIES',
      );
      expect((await sys.request('POST', `/api/users/${target}/reset-password`)).json().error.code).toBe(
        'SEPARATION_OF_DUTIES',
      );
    }
    // The security administrator cannot revoke the audit administrator's role alone either: it becomes a request.
    const sec = await signInAdmin(t, 'sec');
    const revoke = await sec.request('POST', `/api/users/${auditor}/roles/revoke`, {
      role: 'audit-admin',
      divisionCode: '150000',
    });
    expect(revoke.statusCode).toBe(202);
    expect(await t.db.db.selectFrom('user_role').select('role_code').where('user_id', '=', auditor).execute()).toEqual([
      { role_code: 'audit-admin' },
    ]);
    // The audit administrator, the account concerned, cannot decide it.
    const auditAgent = await signInAdmin(t, 'auditor');
    expect(
      (await auditAgent.request('POST', `/api/role-requests/${revoke.json().request.id}/reject`, {})).statusCode,
    ).toBe(409);
    const stillActive = await t.db.db
      .selectFrom('app_user')
      .select('status')
      .where('id', 'in', [auditor, secId])
      .execute();
    expect(stillActive.every((r) => r.status === 'active')).toBe(true);
  });
});
