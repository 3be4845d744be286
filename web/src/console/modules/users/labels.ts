/** Display names of the account enums (状态, 角色), Chinese first; codes stay in the API. */
import { ROLE_CODES, ROLE_NAMES, isRoleCode } from '../../../../../contracts/access.ts';
import type { Text } from '../../../shared/i18n.ts';

export type UserStatus = 'pending' | 'active' | 'disabled' | 'rejected';

export const USER_STATUSES: readonly UserStatus[] = ['pending', 'active', 'disabled', 'rejected'];

export const USER_STATUS_NAMES: Record<UserStatus, Text & { color: string }> = {
  pending: { zh: '待审核', en: 'Pending', color: 'gold' },
  active: { zh: '正常', en: 'Active', color: 'green' },
  disabled: { zh: '已停用', en: 'Disabled', color: 'default' },
  rejected: { zh: '已驳回', en: 'Rejected', color: 'red' },
};

export { ROLE_CODES };

/** A role's name in the user's language; unknown codes show as they are. */
export function roleName(code: string | null | undefined, t: (zh: string, en: string) => string): string {
  if (!code) return '';
  return isRoleCode(code) ? t(ROLE_NAMES[code].zh, ROLE_NAMES[code].en) : code;
}
