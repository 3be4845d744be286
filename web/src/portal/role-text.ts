/** How each self-registering role is named and described on the portal. */
import type { Text } from '../shared/i18n.ts';
import type { Role } from './registration.ts';

export const ROLE_TEXT: Record<Role, { name: Text; who: Text }> = {
  enterprise: {
    name: { zh: '企业', en: 'Enterprise' },
    who: {
      zh: '有统一社会信用代码的企业，发布技术需求、对接成果与专家',
      en: 'A company with a unified social credit code: post technology needs, find results and experts',
    },
  },
  researcher: {
    name: { zh: '科研人员', en: 'Researcher' },
    who: {
      zh: '高校、科研院所的科技人员，发布成果、提供仪器设备',
      en: 'University or institute staff: publish results, offer instruments',
    },
  },
  farmer: {
    name: { zh: '农牧民', en: 'Farmer or herder' },
    who: {
      zh: '农牧民、合作社和家庭农牧场，向专家提问、参加培训',
      en: 'Farmers, herders and cooperatives: ask experts, attend trainings',
    },
  },
};
