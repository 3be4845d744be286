/** Display names of the organisation enums (单位类型, 状态), Chinese first; codes stay in the API. */
import { ORGANISATION_STATUSES, ORGANISATION_TYPES } from '../../../../../contracts/organisations.ts';
import type { Text } from '../../../shared/i18n.ts';

export type OrganisationType = (typeof ORGANISATION_TYPES)[number];
export type OrganisationStatus = (typeof ORGANISATION_STATUSES)[number];

export const ORG_TYPE_NAMES: Record<OrganisationType, Text> = {
  government: { zh: '政府部门', en: 'Government' },
  responsibility_unit: { zh: '责任单位', en: 'Responsibility unit' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  institution: { zh: '事业单位', en: 'Institution' },
  social: { zh: '社会组织', en: 'Social organisation' },
};

export const ORG_STATUS_NAMES: Record<OrganisationStatus, Text & { color: string }> = {
  pending: { zh: '待审核', en: 'Pending', color: 'gold' },
  active: { zh: '正常', en: 'Active', color: 'green' },
  rejected: { zh: '已驳回', en: 'Rejected', color: 'red' },
  disabled: { zh: '已停用', en: 'Disabled', color: 'default' },
};

export { ORGANISATION_STATUSES, ORGANISATION_TYPES };
