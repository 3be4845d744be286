/**
 * What the technology-contract registry and the transfer projects add to the market manifest (index.ts spreads
 * these): permissions, routes, the `0009-market-contracts` migration, facts, the import kind, audit actions and the
 * demo seed. Kept here so the front door's edit stays small.
 */
import type { Deps } from '../../../platform/deps.ts';
import type { FastifyInstance } from 'fastify';
import type { Named, PermissionDeclaration } from '../../../platform/modules/manifest.ts';
import { OFFICER_ROLES } from '../../../platform/platform.module.ts';
import { TRANSFER_PROJECTS_FACT } from '../projects/projects.facts.ts';
import { registerProjectRoutes } from '../projects/projects.routes.ts';
import { seedTransferProjectsDemo } from '../projects/projects.demo.ts';
import { seedContractsDemo } from './contracts.demo.ts';
import { CONTRACT_FACT_DEFINITIONS } from './contracts.facts.ts';
import { contractImport } from './contracts.import.ts';
import { INFLOW_KIND } from './contracts.notify.ts';
import * as contractsMigration from './contracts.migration.ts';
import { registerContractRoutes } from './contracts.routes.ts';

export const CONTRACTS_PERMISSIONS: Record<string, PermissionDeclaration> = {
  'market:contract_read': { zh: '查看技术合同与统计', en: 'Read technology contracts', roles: OFFICER_ROLES },
  'market:contract_register': {
    zh: '登记技术合同（含导入）',
    en: 'Register technology contracts',
    roles: ['region-officer', 'league-officer'],
  },
  'market:project_read': { zh: '查看转化项目', en: 'Read transfer projects', roles: OFFICER_ROLES },
  'market:project_manage': { zh: '管理转化项目', en: 'Manage transfer projects', roles: OFFICER_ROLES },
};

export const CONTRACTS_AUDIT_ACTIONS: Record<string, Named> = {
  'market.contract.create': { zh: '登记技术合同', en: 'Technology contract registered' },
  'market.contract.update': { zh: '修改技术合同', en: 'Technology contract updated' },
  'market.contract.delete': { zh: '删除技术合同', en: 'Technology contract deleted' },
  'market.contract.export': { zh: '导出技术合同', en: 'Technology contracts exported' },
  'market.project.create': { zh: '新建转化项目', en: 'Transfer project created' },
  'market.project.update': { zh: '修改转化项目', en: 'Transfer project updated' },
  'market.project.stage': { zh: '转化项目阶段变更', en: 'Transfer project stage changed' },
  'market.project.milestone': { zh: '记录转化项目里程碑', en: 'Transfer project milestone recorded' },
};

export const CONTRACTS_NOTIFICATION_KINDS: Record<string, Named> = {
  [INFLOW_KIND]: { zh: '技术合同流入本旗县', en: 'Technology contract flowing into the county' },
};

export function registerContractsPartRoutes(app: FastifyInstance, deps: Deps): void {
  registerContractRoutes(app, deps);
  registerProjectRoutes(app, deps);
}

export const CONTRACTS_MIGRATIONS = { '0009-market-contracts': contractsMigration };
export const CONTRACTS_FACTS = [...CONTRACT_FACT_DEFINITIONS, TRANSFER_PROJECTS_FACT];
export const CONTRACTS_IMPORTS = [contractImport];

/** Demo contracts (演示数据) and transfer projects, after the platform's demo organisations. */
export async function seedContractsPartDemo(deps: Deps): Promise<void> {
  await seedContractsDemo(deps);
  await seedTransferProjectsDemo(deps);
}
