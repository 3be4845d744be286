/**
 * Finding 6 of issue 9: common, breached and published passwords are refused wherever a password is set — the admin
 * API and the own-password change here, the CLI in cli.test.ts, the import and registration through the same
 * checkNewPassword — in production; the published demo password only in demo mode.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Mode } from '../../config.ts';
import { addUser, createTestApp, signIn, signInAdmin, TEST_PASSWORD, type TestApp } from '../../test/harness.ts';

const WEAK = ['Password12', 'P@ssw0rd123', 'Admin@123456', 'Demo#2026qx'];

interface Detail {
  path: string;
  message: string;
}

describe('weak passwords (issue 9, finding 6)', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function app(mode: Mode): Promise<TestApp> {
    t = await createTestApp({ config: { mode } });
    return t;
  }

  it('POST /api/users refuses them in production and says why; a strong one is created', async () => {
    const t = await app('production');
    await addUser(t, { username: 'sysadm', role: 'sys-admin', division: '150000' });
    const admin = await signInAdmin(t, 'sysadm');
    for (const [i, password] of WEAK.entries()) {
      const res = await admin.request('POST', '/api/users', {
        username: `weak${i}`,
        password,
        displayName: `弱密码${i}`,
        divisionCode: '150102',
      });
      expect(res.statusCode, password).toBe(400);
      const details = res.json<{ error: { code: string; details: Detail[] } }>().error.details;
      expect(details.map((d) => d.path)).toEqual(['body.password']);
      expect(details[0]?.message).toMatch(/常见|容易被猜到|演示密码/);
    }
    const named = await admin.request('POST', '/api/users', {
      username: 'wang.jingli',
      password: 'Jingli#2026',
      displayName: '王经理',
      divisionCode: '150102',
    });
    expect(named.statusCode).toBe(400);
    expect(named.json().error.details[0].message).toBe('密码不能包含用户名、姓名等个人信息');
    expect(await t.db.db.selectFrom('app_user').select('id').where('username', 'like', 'weak%').execute()).toEqual([]);
    const ok = await admin.request('POST', '/api/users', {
      username: 'strong1',
      password: 'Grassland#2026pw',
      displayName: '强密码',
      divisionCode: '150102',
    });
    expect(ok.statusCode).toBe(201);
  });

  it('POST /api/me/password refuses them in production and keeps the old password', async () => {
    const t = await app('production');
    await addUser(t, { username: 'officer', role: 'county-officer', division: '150102' });
    const agent = await signIn(t, 'officer');
    for (const newPassword of WEAK) {
      const res = await agent.request('POST', '/api/me/password', { currentPassword: TEST_PASSWORD, newPassword });
      expect(res.statusCode, newPassword).toBe(400);
      const details = res.json<{ error: { details: Detail[] } }>().error.details;
      expect(details.map((d) => d.path)).toEqual(['body.newPassword']);
      expect(details[0]?.message).toMatch(/常见|容易被猜到|演示密码/);
    }
    expect((await signIn(t, 'officer')).csrf).toBeTruthy();
  });

  it('accepts the published demo password in demo mode, as before, and refuses the others there too', async () => {
    const t = await app('demo');
    await addUser(t, { username: 'sysadm', role: 'sys-admin', division: '150000' });
    const admin = await signInAdmin(t, 'sysadm');
    const created = await admin.request('POST', '/api/users', {
      username: 'demo-like',
      password: 'Demo#2026qx',
      displayName: '演示',
      divisionCode: '150102',
    });
    expect(created.statusCode).toBe(201);
    const common = await admin.request('POST', '/api/users', {
      username: 'common1',
      password: 'P@ssw0rd123',
      displayName: '常见',
      divisionCode: '150102',
    });
    expect(common.statusCode).toBe(400);

    await addUser(t, { username: 'officer', role: 'county-officer', division: '150102' });
    const agent = await signIn(t, 'officer');
    const changed = await agent.request('POST', '/api/me/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Demo#2026qx',
    });
    expect(changed.statusCode).toBe(200);
  });
});
