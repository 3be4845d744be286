import { defineModule } from '../../platform/modules/manifest.ts';
import {
  CATALOGUE_AUDIT_ACTIONS,
  CATALOGUE_AUDIT_TARGETS,
  CATALOGUE_FACTS,
  CATALOGUE_MIGRATIONS,
  CATALOGUE_NOTIFICATION_KINDS,
  CATALOGUE_PERMISSIONS,
  registerCataloguePartRoutes,
  seedCataloguePartDemo,
} from './catalogue/catalogue.part.ts';
import {
  EPCIS_AUDIT_ACTIONS,
  EPCIS_JOB_KINDS,
  EPCIS_MIGRATIONS,
  EPCIS_PERMISSIONS,
  registerEpcisPartRoutes,
} from './epcis/epcis.part.ts';

/**
 * 农畜产品质量安全追溯 (agricultural and livestock product traceability, policy §四; spec trace.md): operators,
 * sites, products, batches and their trace codes (./catalogue), a GS1 EPCIS 2.0 event repository with capture and
 * query (./epcis, Event Hash IDs), GS1 identifiers and Digital Link (./identifiers, pure), the consumer page
 * `/t/{traceCode}` and the Digital Link resolver.
 */
export const traceModule = defineModule({
  code: 'trace',
  name: { zh: '农畜产品追溯', en: 'Product traceability' },
  tags: [
    { name: 'trace', description: '农畜产品追溯：经营主体、批次、追溯码 / traceability' },
    { name: 'epcis', description: 'GS1 EPCIS 2.0 事件采集与查询 / EPCIS 2.0 capture and query' },
  ],
  permissions: { ...CATALOGUE_PERMISSIONS, ...EPCIS_PERMISSIONS },
  routes(app, deps) {
    registerEpcisPartRoutes(app, deps);
    registerCataloguePartRoutes(app, deps);
  },
  facts: [...CATALOGUE_FACTS],
  jobKinds: [...EPCIS_JOB_KINDS],
  migrations: { ...EPCIS_MIGRATIONS, ...CATALOGUE_MIGRATIONS },
  seeds: {
    async demo(deps) {
      await seedCataloguePartDemo(deps);
    },
  },
  notificationKinds: { ...CATALOGUE_NOTIFICATION_KINDS },
  auditTargets: [...CATALOGUE_AUDIT_TARGETS],
  auditActions: { ...EPCIS_AUDIT_ACTIONS, ...CATALOGUE_AUDIT_ACTIONS },
});
