import { ADMIN_ROLES } from '../../../../contracts/access.ts';
import { defineModule } from '../../platform/modules/manifest.ts';
import { OFFICER_ROLES } from '../../platform/platform.module.ts';
import { registerUserExportRoutes } from './users.export.ts';
import { EXPERTS_COUNT_FACT } from './users.facts.ts';
import { userImport } from './users.import.ts';
import { registerUserRoutes } from './users.routes.ts';
import { USER_AUDIT_TARGETS } from './users.audit-targets.ts';

export { userImport } from './users.import.ts';
export { EXPERTS_COUNT } from './users.facts.ts';
// Account creation for the CLI and the demo seed (validated, audited, one transaction).
export { createUser, type CreateUserInput } from './users.admin.ts';
// Who holds a role over a division, and account names: for notifications and routing work in other modules.
export {
  accountDisplayNames,
  accountIdByUsername,
  demoAccountIds,
  activeHoldersCovering,
  activeHoldersOfRoles,
  activePermissionHoldersAt,
  activePermissionHoldersCovering,
} from './users.directory.ts';

/** Accounts (账户), roles and self-registration. */
export const usersModule = defineModule({
  code: 'users',
  name: { zh: '账户', en: 'Accounts' },
  tags: [{ name: 'users', description: '用户、角色与注册 / accounts, roles and registration' }],
  permissions: {
    'user:read': { zh: '查看用户', en: 'Read accounts', roles: ['sys-admin', 'sec-admin', ...OFFICER_ROLES] },
    'user:create': { zh: '创建用户', en: 'Create accounts', roles: ['sys-admin'] },
    'user:update': { zh: '修改、停用用户', en: 'Update and disable accounts', roles: ['sys-admin', 'sec-admin'] },
    'role:assign': { zh: '授予和收回角色', en: 'Grant and revoke roles', roles: ['sec-admin'] },
    'role:approve': { zh: '批准管理员角色变更（双人规则）', en: 'Approve admin-role changes', roles: ADMIN_ROLES },
    'registration:approve': { zh: '审核注册申请', en: 'Approve registrations', roles: OFFICER_ROLES },
  },
  routes(app, deps) {
    registerUserExportRoutes(app, deps);
    registerUserRoutes(app, deps);
  },
  facts: [EXPERTS_COUNT_FACT],
  imports: [userImport],
  notificationKinds: {
    'registration.submitted': { zh: '新的注册申请', en: 'Registration submitted' },
    'registration.approved': { zh: '注册已通过', en: 'Registration approved' },
    'registration.rejected': { zh: '注册未通过', en: 'Registration rejected' },
    'registration.duplicate': { zh: '有人尝试用您的用户名或手机号注册', en: 'Registration with your details' },
    'role.request': { zh: '管理员角色变更申请', en: 'Admin-role request' },
  },
  auditTargets: USER_AUDIT_TARGETS,
  auditActions: {
    'user.create': { zh: '创建账户', en: 'Create account' },
    'user.export': { zh: '导出账户', en: 'Export accounts' },
    'user.disable': { zh: '停用账户', en: 'Disable account' },
    'user.enable': { zh: '启用账户', en: 'Enable account' },
    'user.role_grant': { zh: '授予角色', en: 'Grant role' },
    'user.role_revoke': { zh: '撤销角色', en: 'Revoke role' },
    'user.password_reset': { zh: '重置密码', en: 'Reset password' },
    'user.password_link_open': { zh: '打开一次性链接', en: 'One-time link opened' },
    'user.password_set': { zh: '本人用一次性链接设置密码', en: 'Password set with one-time link' },
    'role_request.approve': { zh: '批准三员角色变更', en: 'Approve admin-role change' },
    'role_request.reject': { zh: '驳回三员角色变更', en: 'Reject admin-role change' },
    'registration.approve': { zh: '通过注册', en: 'Approve registration' },
    'registration.reject': { zh: '驳回注册', en: 'Reject registration' },
    'registration.duplicate': {
      zh: '使用已占用的用户名或手机号注册',
      en: 'Registration with a taken username or phone',
    },
  },
});
