/**
 * The users module's routes in the cross-division matrix (platform/access/matrix.test-helper.ts), and its fixtures:
 * an active farmer and a pending registration in every object division. Their phone numbers are 1390000xxxx: a
 * full one in any body other than the audited full view is a leak.
 */
import type { RoleCode } from '../../../../contracts/access.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { OBJECT_DIVISIONS, defineAccessCases } from '../../platform/access/matrix.test-helper.ts';

/** Target users' phones are 1390000xxxx. */
const FULL_PHONE = /1390000\d{4}/;

export const accessCases = defineAccessCases((ctx) => {
  let passwordHash = '';

  /** A fresh account in `division` (bypassing the service), with `role` there if given. */
  async function makeUser(division: string, status: 'active' | 'pending', role: RoleCode | null): Promise<number> {
    const now = new Date().toISOString();
    const n = ctx.next();
    const db = ctx.t.db.db;
    const row = await db
      .insertInto('app_user')
      .values({
        username: `target${n}`,
        display_name: `目标${n}`,
        password_hash: passwordHash,
        phone_enc: ctx.t.app.deps.vault.encrypt(`1390000${String(n).padStart(4, '0')}`),
        phone_hmac: null,
        id_number_enc: null,
        division_code: division,
        org_id: null,
        status,
        requested_role: status === 'pending' ? 'farmer' : null,
        totp_secret_enc: null,
        totp_enabled: 0,
        locale: 'zh-CN',
        is_demo: 0,
        created_at: now,
        updated_at: now,
        password_changed_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (role)
      await db
        .insertInto('user_role')
        .values({ user_id: row.id, role_code: role, division_code: division, granted_by: null, granted_at: now })
        .execute();
    return row.id;
  }

  const user = {
    at: 'objects',
    target: async (url: string, at: { division: string | null }) =>
      url.replace(':id', String(await makeUser(at.division ?? '150000', 'active', 'farmer'))),
  } as const;
  const registration = {
    at: 'objects',
    target: async (url: string, at: { division: string | null }) =>
      url.replace(':id', String(await makeUser(at.division ?? '150000', 'pending', null))),
  } as const;

  return {
    async setup() {
      passwordHash = await hashPassword('Target#Pass2026');
      // Rows to see in lists: users and registrations in every object division.
      for (const d of OBJECT_DIVISIONS) {
        await makeUser(d, 'active', 'farmer');
        await makeUser(d, 'pending', null);
      }
    },
    secrets: [{ name: 'full phone number', pattern: FULL_PHONE, shownBy: 'pi:view_full' }],
    cases: {
      'GET /api/me': { self: true },
      'PATCH /api/me/preferences': { self: true },
      'GET /api/users': { list: true },
      'GET /api/users/:id': user,
      'GET /api/users/:id/personal-info': user,
      'POST /api/users': {
        at: 'objects',
        body: (d, n) => ({
          username: `matrix${n}`,
          password: 'Matrix#Grid2026kq',
          displayName: `矩阵${n}`,
          divisionCode: d,
        }),
      },
      'POST /api/users/:id/roles': { ...user, body: (d) => ({ role: 'expert', divisionCode: d }) },
      'POST /api/users/:id/roles/revoke': { ...user, body: (d) => ({ role: 'farmer', divisionCode: d }) },
      'POST /api/users/:id/disable': user,
      'POST /api/users/:id/enable': user,
      'POST /api/users/:id/reset-password': user,
      // Admin-role requests (two-person rule): the list needs role:approve; who may decide one (another administrator,
      // neither the requester nor the account) is tested in platform/access/separation-of-duties.test.ts.
      'GET /api/role-requests': {},
      'POST /api/role-requests/:id/approve': { self: true },
      'POST /api/role-requests/:id/reject': { self: true },
      'GET /api/registrations': { list: true },
      'POST /api/registrations/:id/approve': registration,
      'POST /api/registrations/:id/reject': { ...registration, body: () => ({ reason: '材料不全' }) },
      'GET /api/users/export.xlsx': {},
      'GET /api/users/export.csv': {},
      'GET /api/imports/templates/users.xlsx': {},
      // Upload answers 201 with row errors for rows outside the scope (tested in platform/spreadsheets).
      'POST /api/imports/users': {
        raw: (d, n) => `用户名,姓名,初始密码,行政区划代码\nimp${n},导入${n},Matrix#Grid2026kq,${d}\n`,
      },
    },
  };
});
