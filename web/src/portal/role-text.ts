/**
 * How each self-registering role is named and who may choose it, and what an account gives today. Says who, not
 * what they will do: the services come with their modules, and the portal names only what works today.
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

/**
 * What a registered account does today, said before anyone registers: sign in, the own profile and password, the
 * notifications (the review decision among them). The published monitoring results need no account.
 */
export const ACCOUNT_GIVES: { title: Text; items: Text[]; results: Text; staffOnly: Text } = {
  title: { zh: '注册账户目前可以', en: 'What an account gives today' },
  items: [
    {
      zh: '审核通过后登录工作台，查看和维护本人资料、修改登录密码；',
      en: 'once approved, sign in to the console, see your details and change your password;',
    },
    {
      zh: '接收站内通知，包括注册审核结果。',
      en: 'receive in-app notifications, the review decision among them.',
    },
  ],
  results: {
    zh: '县域创新能力监测结果在门户公开发布，无需注册即可查看。',
    en: 'The county innovation monitoring results are published on this portal; no account is needed to read them.',
  },
  staffOnly: {
    zh: '平台现有的监测数据填报、审核、测算和单位登记管理等功能，由各级科技部门工作人员使用。',
    en: 'Monitoring data entry, review, index runs and the organisation register are used by S&T bureau staff.',
  },
};
