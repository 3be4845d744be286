/** Answers of the market API for the page tests, shaped as the contracts say. */
import { fakeSession } from '../../lib/test-utils.tsx';

const MARKET = ['market:read', 'market:post_demand', 'market:post_achievement'];

/** A signed-in enterprise contact of 武川县 with the market permissions the server grants enterprises. */
export const enterpriseSession = () =>
  fakeSession({
    user: {
      id: 21,
      username: 'enterprise-150121',
      displayName: '企业联络人（演示）',
      divisionCode: '150125',
      divisionName: '武川县',
      orgId: 5,
      locale: 'zh-CN',
    },
    roles: [{ role: 'enterprise', divisionCode: '150125' }],
    permissions: MARKET,
    rolePermissions: { enterprise: MARKET },
    division: { code: '150125', name: '武川县', level: 'county' },
  });

export function achievement(over: Record<string, unknown> = {}) {
  return {
    id: 1,
    title: '马铃薯脱毒种薯快繁技术',
    summary: '以茎尖脱毒结合雾培快繁生产马铃薯原原种。',
    keywords: ['马铃薯'],
    domain: 'seed',
    stage: 'mature',
    trl: 8,
    divisionCode: '150105',
    divisionName: '赛罕区',
    status: 'listed',
    visibility: 'nda',
    transferModes: ['license_ordinary'],
    pricingMode: 'negotiable',
    price: null,
    forEntrepreneurs: false,
    isDemo: false,
    updatedAt: '2026-12-08T07:51:00Z',
    registrationNo: null,
    type: 'applied',
    attribute: 'original',
    form: 'technology',
    level: '',
    researchPeriod: '',
    fundingSource: '',
    completingUnits: [],
    contributors: [],
    owners: [],
    ipItems: [],
    publicSummary: { problem: '种薯退化', advantage: '脱毒率 99%', scenarios: '', economics: '' },
    suitability: { forEntrepreneurs: false, cost: null, equipment: '', training: '' },
    statusReason: '',
    publicityEndsAt: null,
    isOwner: false,
    confidentialDetail: null,
    ndaStatus: null,
    events: [],
    createdAt: '2026-12-08T07:51:00Z',
    ...over,
  };
}

export const demandMatch = {
  id: 7,
  title: '马铃薯种薯退化减产，寻求脱毒种薯繁育技术',
  score: 0.645,
  explanation: '匹配词：马铃薯、退化；同一技术领域；同一盟市。',
  divisionCode: '150125',
  reasons: {
    terms: ['马铃薯', '脱毒种薯'],
    concepts: ['脱毒种薯 → 种业'],
    features: [
      { code: 'domain', zh: '技术领域', en: 'technical field', value: 1 },
      { code: 'distance', zh: '地域', en: 'division distance', value: 0.6 },
    ],
  },
};
