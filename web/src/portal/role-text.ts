/**
 * How each self-registering role is named and who may choose it. Says who, not what they will do: the services
 * come with their modules, and the portal names only what works today.
 */
import type { Text } from '../shared/i18n.ts';
import type { Role } from './registration.ts';

export const ROLE_TEXT: Record<Role, { name: Text; who: Text }> = {
  enterprise: {
    name: { zh: '企业', en: 'Enterprise' },
    who: {
      zh: '持有统一社会信用代码的企业，由联系人代表企业注册',
      en: 'A company with a unified social credit code, registered by its contact person',
    },
  },
  researcher: {
    name: { zh: '科研人员', en: 'Researcher' },
    who: {
      zh: '高校、科研院所和企业研发机构的科技人员',
      en: 'Scientists and engineers of universities, institutes and company labs',
    },
  },
  farmer: {
    name: { zh: '农牧民', en: 'Farmer or herder' },
    who: {
      zh: '农牧民，以及合作社、家庭农牧场的经营者',
      en: 'Farmers and herders, and those who run cooperatives or family farms',
    },
  },
};
