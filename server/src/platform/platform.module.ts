/**
 * The platform's own manifest: what every installation has whatever modules it runs — divisions, audit, search,
 * metrics, notifications, background jobs and spreadsheet imports — with the permissions, notification kinds and
 * audit actions they use. Listed first in server/src/modules/registry.ts.
 */
import { ROLE_CODES, isAdminRole, type RoleCode } from '../../../contracts/access.ts';
import { registerDivisionsModule } from './divisions/index.ts';
import { registerAuditModule } from './audit/audit.routes.ts';
import { registerSearchRoutes } from './search/search.routes.ts';
import { registerMetricsRoutes } from './metrics/index.ts';
import { registerNotificationRoutes } from './notifications/index.ts';
import { registerJobs } from './jobs/index.ts';
import { registerImports } from './spreadsheets/index.ts';
import { defineModule } from './modules/manifest.ts';
import { importKinds } from './modules/installed.ts';
import { PLATFORM_AUDIT_TARGETS } from './audit/platform-targets.ts';
import { registerApiTokenRoutes } from './auth/api-tokens.routes.ts';
import { API_TOKEN_AUDIT_TARGET } from './auth/api-tokens.service.ts';

/** Staff of the region, the leagues and the counties (科技管理部门). */
export const OFFICER_ROLES: readonly RoleCode[] = ['region-officer', 'league-officer', 'county-officer'];

export const platformModule = defineModule({
  code: 'platform',
  name: { zh: '平台', en: 'Platform' },
  tags: [
    { name: 'platform', description: '平台 / platform' },
    { name: 'auth', description: '登录与会话 / sign-in and sessions' },
    { name: 'divisions', description: '行政区划 / administrative divisions' },
    { name: 'audit', description: '审计日志 / audit log' },
    { name: 'search', description: '全文检索 / search' },
    { name: 'metrics', description: '指标事实 / metrics facts' },
    { name: 'notifications', description: '站内通知 / notifications' },
    { name: 'jobs', description: '后台任务 / background jobs' },
    { name: 'imports', description: '表格导入 / spreadsheet imports' },
  ],
  permissions: {
    'profile:read': { zh: '查看本人资料', en: 'Read own profile', roles: ROLE_CODES },
    'metrics:read': {
      zh: '查看统计指标',
      en: 'Read metrics',
      roles: [...OFFICER_ROLES, 'unit-officer'],
    },
    'pi:view_full': {
      zh: '查看完整个人信息（留痕）',
      en: 'View full personal data (audited)',
      roles: ['region-officer', 'county-officer'],
    },
    'audit:read': { zh: '查看审计日志', en: 'Read the audit log', roles: ['audit-admin'] },
    'audit:verify': { zh: '校验审计链', en: 'Verify the audit chain', roles: ['audit-admin'] },
    // API tokens act without a second factor, so the 三员 (who must pass TOTP) hold none (auth/api-tokens.ts).
    'token:own': {
      zh: '管理本人 API 令牌',
      en: 'Manage own API tokens',
      roles: ROLE_CODES.filter((r) => !isAdminRole(r)),
    },
    'token:manage': {
      zh: '查看和撤销他人 API 令牌',
      en: "List and revoke others' API tokens",
      roles: ['sys-admin', 'sec-admin'],
    },
  },
  routes(app, deps) {
    registerDivisionsModule(app, deps);
    registerImports(app, deps, importKinds());
    registerAuditModule(app, deps);
    registerSearchRoutes(app, deps);
    registerMetricsRoutes(app, deps);
    registerNotificationRoutes(app, deps);
    registerJobs(app, deps);
    registerApiTokenRoutes(app, deps);
  },
  notificationKinds: {
    'import.committed': { zh: '导入完成', en: 'Import committed' },
  },
  auditTargets: [...PLATFORM_AUDIT_TARGETS, API_TOKEN_AUDIT_TARGET],
  auditActions: {
    'access.denied': { zh: '拒绝访问', en: 'Access denied' },
    'auth.login': { zh: '登录', en: 'Sign-in' },
    'auth.logout': { zh: '退出登录', en: 'Sign-out' },
    'auth.totp': { zh: '动态口令验证', en: 'One-time code' },
    'auth.totp_enrol': { zh: '绑定双因素认证', en: 'Second factor enrolled' },
    'audit.export': { zh: '导出审计日志', en: 'Export audit log' },
    'import.upload': { zh: '上传导入文件', en: 'Import upload' },
    'import.commit': { zh: '提交导入', en: 'Import commit' },
    'notification.read': { zh: '阅读通知', en: 'Read notification' },
    'notification.read_all': { zh: '全部通知已读', en: 'Read all notifications' },
    'pi.view_full': { zh: '查看完整个人信息', en: 'Full personal data view' },
    'token.create': { zh: '创建 API 令牌', en: 'Create API token' },
    'token.revoke': { zh: '撤销 API 令牌', en: 'Revoke API token' },
    'user.password_change': { zh: '修改密码', en: 'Change password' },
    'user.preferences_update': { zh: '修改偏好', en: 'Preferences' },
  },
});
