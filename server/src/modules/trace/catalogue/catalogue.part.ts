/**
 * What the catalogue (operators, sites, products, input products, batches, animals, trace codes), the consumer page
 * and the Digital Link resolver add to the trace manifest (index.ts spreads these): permissions, routes, the
 * `0013-trace-core` migration, facts, notification kinds, audit actions and targets, and the demo seed.
 */
import type { FastifyInstance } from 'fastify';
import { defineAuditTarget, namesById, type AuditTargetKind } from '../../../platform/audit/audit-targets.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { FactDefinition } from '../../../platform/metrics/registry.ts';
import type { ModuleMigration, Named, PermissionDeclaration } from '../../../platform/modules/manifest.ts';
import { seedCatalogueDemo } from './catalogue.demo.ts';
import { OPERATORS_FACT, TRACED_BATCHES_FACT } from './catalogue.facts.ts';
import * as coreMigration from './catalogue.migration.ts';
import { registerCatalogueRoutes } from './catalogue.routes.ts';
import { registerConsumerRoutes } from './consumer.routes.ts';

export const CATALOGUE_PERMISSIONS: Record<string, PermissionDeclaration> = {
  'trace:catalogue_read': {
    zh: '查看追溯主体与批次',
    en: 'Read traceability operators and batches',
    roles: ['enterprise', 'farmer', 'county-officer', 'league-officer', 'region-officer'],
  },
  'trace:catalogue_manage': {
    zh: '登记追溯主体、产品与批次',
    en: 'Register traceability operators, products and batches',
    roles: ['enterprise', 'farmer', 'county-officer', 'league-officer'],
  },
  'trace:oversee': {
    zh: '监管辖区内全部追溯主体',
    en: 'Oversee every traceability operator in the divisions',
    roles: ['county-officer', 'league-officer', 'region-officer'],
  },
};

export const CATALOGUE_AUDIT_ACTIONS: Record<string, Named> = {
  'trace.operator.create': { zh: '登记追溯经营主体', en: 'Traceability operator registered' },
  'trace.site.create': { zh: '登记生产经营场所', en: 'Site registered' },
  'trace.product.create': { zh: '登记追溯产品', en: 'Product registered' },
  'trace.input_product.create': { zh: '登记投入品', en: 'Input product registered' },
  'trace.batch.create': { zh: '新建批次并签发追溯码', en: 'Batch created, trace code issued' },
  'trace.animal.create': { zh: '登记畜禽耳标', en: 'Animal ear tag registered' },
  'trace.labels.print': { zh: '打印追溯标签', en: 'Trace labels printed' },
};

export const CATALOGUE_AUDIT_TARGETS: readonly AuditTargetKind[] = [
  defineAuditTarget({
    type: 'trace_operator',
    zh: '追溯经营主体',
    en: 'Traceability operator',
    names: async (db, ids) =>
      namesById(
        await db.selectFrom('trace_operator').select(['id', 'name']).where('id', 'in', ids).execute(),
        (r) => r.name,
      ),
  }),
  defineAuditTarget({
    type: 'trace_batch',
    zh: '追溯批次',
    en: 'Traceability batch',
    names: async (db, ids) =>
      namesById(
        await db.selectFrom('trace_batch').select(['id', 'trace_code']).where('id', 'in', ids).execute(),
        (r) => r.trace_code,
      ),
  }),
];

export const CATALOGUE_NOTIFICATION_KINDS: Record<string, Named> = {};
export const CATALOGUE_MIGRATIONS: Record<string, ModuleMigration> = { '0013-trace-core': coreMigration };
export const CATALOGUE_FACTS: readonly FactDefinition[] = [TRACED_BATCHES_FACT, OPERATORS_FACT];

export function registerCataloguePartRoutes(app: FastifyInstance, deps: Deps): void {
  registerCatalogueRoutes(app, deps);
  registerConsumerRoutes(app, deps);
}

export async function seedCataloguePartDemo(deps: Deps): Promise<void> {
  await seedCatalogueDemo(deps);
}
