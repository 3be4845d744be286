/**
 * What 交易洽谈 and the 创业技术库 add to the market manifest (index.ts spreads these): permissions, routes, the
 * `0010-market-deals` migration, notification kinds and audit actions.
 */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../../platform/deps.ts';
import type { Named, PermissionDeclaration } from '../../../platform/modules/manifest.ts';
import { registerStartupRoutes } from '../startup/startup.routes.ts';
import * as dealsMigration from './deals.migration.ts';
import { registerDealRoutes } from './deals.routes.ts';

export const DEALS_PERMISSIONS: Record<string, PermissionDeclaration> = {
  'market:deal': {
    zh: '参与技术交易洽谈（买方或成果方）',
    en: 'Take part in deals',
    roles: ['enterprise', 'researcher', 'expert'],
  },
  'market:startup_handle': {
    zh: '受理创业技术库对接申请',
    en: 'Handle start-up library requests',
    roles: ['region-officer', 'league-officer'],
  },
};

export const DEALS_AUDIT_ACTIONS: Record<string, Named> = {
  'market.deal.open': { zh: '发起交易洽谈', en: 'Deal opened' },
  'market.deal.proceed': { zh: '交易洽谈进入洽谈阶段', en: 'Deal past the NDA' },
  'market.deal.message': { zh: '交易洽谈消息', en: 'Deal message' },
  'market.deal.offer': { zh: '交易报价', en: 'Deal offer' },
  'market.deal.accept': { zh: '接受交易报价', en: 'Deal offer accepted' },
  'market.deal.step': { zh: '确认合同步骤', en: 'Deal contract step approved' },
  'market.deal.signed': { zh: '交易签约', en: 'Deal signed' },
  'market.deal.decline': { zh: '终止交易洽谈', en: 'Deal declined' },
  'market.startup.request': { zh: '创业技术对接申请', en: 'Start-up library request' },
  'market.startup.handle': { zh: '处理创业技术对接申请', en: 'Start-up request handled' },
  'market.startup.contact_view': { zh: '查看创业对接申请人电话', en: 'Start-up requester contact viewed' },
};

export const DEALS_NOTIFICATION_KINDS: Record<string, Named> = {
  'market.deal.opened': { zh: '收到交易洽谈', en: 'Deal opened' },
  'market.deal.updated': { zh: '交易洽谈进展', en: 'Deal progress' },
  'market.deal.signed': { zh: '交易已签约', en: 'Deal signed' },
  'market.startup.requested': { zh: '创业技术对接申请', en: 'Start-up library request' },
};

export const DEALS_MIGRATIONS = { '0010-market-deals': dealsMigration };

export function registerDealsPartRoutes(app: FastifyInstance, deps: Deps): void {
  registerDealRoutes(app, deps);
  registerStartupRoutes(app, deps);
}
