/** Names of the audit actions, for the action filter and the log. */
import type { Text } from '../../../shared/i18n.ts';

/** Audit actions the platform writes (server: writeAudit / route rule `audit`), for the action filter. */
export const AUDIT_ACTION_NAMES: Record<string, Text> = {
  'auth.login': { zh: '登录', en: 'Sign-in' },
  'auth.logout': { zh: '退出登录', en: 'Sign-out' },
  'auth.totp': { zh: '动态口令验证', en: 'One-time code' },
  'access.denied': { zh: '拒绝访问', en: 'Access denied' },
  'organisation.create': { zh: '登记单位', en: 'Create organisation' },
  'organisation.update': { zh: '修改单位', en: 'Update organisation' },
  'organisation.export': { zh: '导出单位', en: 'Export organisations' },
  'user.create': { zh: '创建账户', en: 'Create account' },
  'user.role_grant': { zh: '授予角色', en: 'Grant role' },
  'user.role_revoke': { zh: '撤销角色', en: 'Revoke role' },
  'user.disable': { zh: '停用账户', en: 'Disable account' },
  'user.enable': { zh: '启用账户', en: 'Enable account' },
  'user.password_reset': { zh: '重置密码', en: 'Reset password' },
  'user.password_change': { zh: '修改密码', en: 'Change password' },
  'user.password_set': { zh: '本人用一次性链接设置密码', en: 'Password set with one-time link' },
  'user.password_link_open': { zh: '打开一次性链接', en: 'One-time link opened' },
  'role_request.approve': { zh: '批准三员角色变更', en: 'Approve admin-role change' },
  'role_request.reject': { zh: '驳回三员角色变更', en: 'Reject admin-role change' },
  'user.preferences_update': { zh: '修改偏好', en: 'Preferences' },
  'user.export': { zh: '导出账户', en: 'Export accounts' },
  'pi.view_full': { zh: '查看完整个人信息', en: 'Full personal data view' },
  'registration.approve': { zh: '通过注册', en: 'Approve registration' },
  'registration.reject': { zh: '驳回注册', en: 'Reject registration' },
  'registration.duplicate': { zh: '使用已占用的用户名或手机号注册', en: 'Registration with a taken username or phone' },
  'import.upload': { zh: '上传导入文件', en: 'Import upload' },
  'import.commit': { zh: '提交导入', en: 'Import commit' },
  'audit.export': { zh: '导出审计日志', en: 'Export audit log' },
  'notification.read': { zh: '阅读通知', en: 'Read notification' },
  'notification.read_all': { zh: '全部通知已读', en: 'Read all notifications' },
  'framework.version': { zh: '新建指标体系版本', en: 'New framework version' },
  'framework.update': { zh: '保存指标体系草稿', en: 'Save framework draft' },
  'framework.activate': { zh: '启用指标体系', en: 'Activate framework' },
  'framework.delete': { zh: '删除指标体系草稿', en: 'Delete framework draft' },
  'framework.import': { zh: '导入指标体系', en: 'Import framework' },
  'framework.export': { zh: '导出指标体系', en: 'Export framework' },
};

/** An audit action's name in the user's language, or the code itself. */
export function auditActionName(action: string, t: (zh: string, en: string) => string): string {
  const n = AUDIT_ACTION_NAMES[action];
  return n ? t(n.zh, n.en) : action;
}
