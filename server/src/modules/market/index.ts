import { defineModule } from '../../platform/modules/manifest.ts';
import { OFFICER_ROLES } from '../../platform/platform.module.ts';
import { achievementImport } from './achievements/achievements.import.ts';
import { registerAchievementRoutes } from './achievements/achievements.routes.ts';
import { ACHIEVEMENT_SOURCE } from './achievements/achievements.search.ts';
import { registerDemandRoutes } from './demands/demands.routes.ts';
import { DEMAND_SOURCE } from './demands/demands.search.ts';
import * as digestMigration from './matches/digest.migration.ts';
import { digestJob } from './matches/digest.service.ts';
import { registerMatchRoutes } from './matches/matches.routes.ts';
import {
  CONTRACTS_AUDIT_ACTIONS,
  CONTRACTS_FACTS,
  CONTRACTS_IMPORTS,
  CONTRACTS_MIGRATIONS,
  CONTRACTS_NOTIFICATION_KINDS,
  CONTRACTS_PERMISSIONS,
  registerContractsPartRoutes,
  seedContractsPartDemo,
} from './contracts/contracts.part.ts';
import {
  DEALS_AUDIT_ACTIONS,
  DEALS_MIGRATIONS,
  DEALS_NOTIFICATION_KINDS,
  DEALS_PERMISSIONS,
  registerDealsPartRoutes,
} from './deals/deals.part.ts';
import { registerMarketCommands } from './market.cli.ts';
import * as marketMigration from './market.migration.ts';
import { seedMarketDemo } from './demo/demo-seed.ts';
import { registerNdaRoutes } from './nda/nda.routes.ts';
import { LISTED_ACHIEVEMENTS_FACT, OPEN_DEMANDS_FACT } from './shared/market.facts.ts';
import { registerPortalRoutes } from './shared/portal.routes.ts';
import { MARKET_AUDIT_TARGETS } from './shared/audit-targets.ts';

export { LISTED_ACHIEVEMENTS, OPEN_DEMANDS } from './shared/market.facts.ts';
export { ACHIEVEMENT_SOURCE } from './achievements/achievements.search.ts';
export { DEMAND_SOURCE } from './demands/demands.search.ts';

/**
 * 技术交易市场 (technology-transfer market, policy §二/§四/§五): achievements with the 科技成果登记 fields and a
 * confidential detail released only after an approved NDA request, enterprise demands (incl. 揭榜挂帅), review and
 * 公示, match suggestions from the matching engine (./matching), and the portal's public API.
 */
export const marketModule = defineModule({
  code: 'market',
  name: { zh: '技术交易市场', en: 'Technology market' },
  portalPaths: ['/market/achievements', '/market/demands', '/market/startup'],
  tags: [{ name: 'market', description: '技术交易市场：成果、需求、匹配 / technology market' }],
  permissions: {
    'market:read': {
      zh: '查看技术供需',
      en: 'Read the market',
      roles: [...OFFICER_ROLES, 'enterprise', 'researcher', 'expert'],
    },
    'market:oversee': { zh: '查看辖区内全部技术供需', en: 'Oversee the market in own divisions', roles: OFFICER_ROLES },
    'market:post_demand': {
      zh: '发布技术需求',
      en: 'Post demands',
      roles: ['enterprise', 'expert', ...OFFICER_ROLES],
    },
    'market:post_achievement': {
      zh: '登记科技成果',
      en: 'Post achievements',
      roles: ['researcher', 'enterprise', 'expert'],
    },
    'market:review': { zh: '审核、公示与发布技术供需', en: 'Review and publish', roles: ['region-officer'] },
    ...CONTRACTS_PERMISSIONS,
    ...DEALS_PERMISSIONS,
  },
  routes(app, deps) {
    registerAchievementRoutes(app, deps);
    registerDemandRoutes(app, deps);
    registerNdaRoutes(app, deps);
    registerMatchRoutes(app, deps);
    registerPortalRoutes(app, deps);
    registerContractsPartRoutes(app, deps);
    registerDealsPartRoutes(app, deps);
  },
  facts: [OPEN_DEMANDS_FACT, LISTED_ACHIEVEMENTS_FACT, ...CONTRACTS_FACTS],
  searchSources: [ACHIEVEMENT_SOURCE, DEMAND_SOURCE],
  migrations: {
    '0008-market': marketMigration,
    ...CONTRACTS_MIGRATIONS,
    ...DEALS_MIGRATIONS,
    '0014-market-digest': digestMigration,
  },
  jobKinds: [digestJob],
  imports: [achievementImport, ...CONTRACTS_IMPORTS],
  seeds: {
    async demo(deps) {
      await seedMarketDemo(deps);
      await seedContractsPartDemo(deps);
    },
  },
  cli: registerMarketCommands,
  notificationKinds: {
    'market.review.requested': { zh: '技术供需待审核', en: 'Market record to review' },
    'market.status.changed': { zh: '技术供需状态变更', en: 'Market record status changed' },
    'market.nda.requested': { zh: '收到保密内容查看申请', en: 'NDA request received' },
    'market.nda.decided': { zh: '保密内容申请已处理', en: 'NDA request decided' },
    'market.proposal.received': { zh: '收到揭榜方案', en: 'Open-call proposal received' },
    'market.match.digest': { zh: '每日匹配推荐', en: 'Daily match suggestions' },
    ...CONTRACTS_NOTIFICATION_KINDS,
    ...DEALS_NOTIFICATION_KINDS,
  },
  auditTargets: MARKET_AUDIT_TARGETS,
  auditActions: {
    'market.achievement.create': { zh: '登记科技成果', en: 'Achievement posted' },
    'market.achievement.update': { zh: '修改科技成果', en: 'Achievement edited' },
    'market.achievement.owner_step': { zh: '科技成果状态操作（发布人）', en: 'Achievement owner step' },
    'market.achievement.review': { zh: '审核科技成果', en: 'Achievement reviewed' },
    'market.achievement.objection': { zh: '科技成果公示异议', en: 'Objection to an achievement' },
    'market.demand.create': { zh: '发布技术需求', en: 'Demand posted' },
    'market.demand.update': { zh: '修改技术需求', en: 'Demand edited' },
    'market.demand.owner_step': { zh: '技术需求状态操作（发布人）', en: 'Demand owner step' },
    'market.demand.review': { zh: '审核技术需求', en: 'Demand reviewed' },
    'market.demand.support': { zh: '附议技术需求', en: 'Demand supported' },
    'market.demand.proposal': { zh: '提交揭榜方案', en: 'Open-call proposal' },
    'market.nda.request': { zh: '申请查看成果保密内容', en: 'NDA request' },
    'market.nda.decide': { zh: '处理保密内容申请', en: 'NDA request decided' },
    'market.match.feedback': { zh: '匹配结果反馈', en: 'Match feedback' },
    ...CONTRACTS_AUDIT_ACTIONS,
    ...DEALS_AUDIT_ACTIONS,
  },
});
