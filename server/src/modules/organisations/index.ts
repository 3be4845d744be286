import { defineModule } from '../../platform/modules/manifest.ts';
import { OFFICER_ROLES } from '../../platform/platform.module.ts';
import { registerOrganisationExportRoutes } from './organisations.export.ts';
import { ORGANISATIONS_COUNT_FACT } from './organisations.facts.ts';
import { organisationImport } from './organisations.import.ts';
import { registerOrganisationRoutes } from './organisations.routes.ts';
import { ORGANISATION_SOURCE } from './organisations.search.ts';
import { ORGANISATION_AUDIT_TARGETS } from './organisations.audit-targets.ts';

export { ORGANISATIONS_COUNT } from './organisations.facts.ts';
export { ORGANISATION_SOURCE } from './organisations.search.ts';
export { organisationImport } from './organisations.import.ts';
export { TYPE_LABELS as ORGANISATION_TYPE_LABELS } from './organisations.sheet.ts';
export type { OrganisationStatus, OrganisationType } from './organisations.tables.ts';
// Other modules write organisations only through these, inside their own transaction (one owner per table).
export {
  approve,
  createPending,
  decide,
  firstDemoOrganisationOf,
  organisationExists,
  organisationIdByUscc,
  organisationSummaries,
  reject,
  type OrganisationDecision,
  type PendingOrganisation,
} from './organisations.api.ts';

/** Organisations (单位): government units, responsibility units, enterprises, institutions. */
export const organisationsModule = defineModule({
  code: 'organisations',
  name: { zh: '单位', en: 'Organisations' },
  tags: [{ name: 'organisations', description: '单位管理 / organisations' }],
  permissions: {
    'org:read': { zh: '查看单位', en: 'Read organisations', roles: ['sys-admin', ...OFFICER_ROLES, 'unit-officer'] },
    'org:create': { zh: '新增单位', en: 'Create organisations', roles: ['sys-admin', ...OFFICER_ROLES] },
    'org:update': { zh: '修改单位', en: 'Update organisations', roles: ['sys-admin', ...OFFICER_ROLES] },
    'org:approve': { zh: '审核单位注册', en: 'Approve organisations', roles: OFFICER_ROLES },
  },
  routes(app, deps) {
    registerOrganisationExportRoutes(app, deps);
    registerOrganisationRoutes(app, deps);
  },
  facts: [ORGANISATIONS_COUNT_FACT],
  searchSources: [ORGANISATION_SOURCE],
  imports: [organisationImport],
  auditTargets: ORGANISATION_AUDIT_TARGETS,
  auditActions: {
    'organisation.create': { zh: '登记单位', en: 'Create organisation' },
    'organisation.update': { zh: '修改单位', en: 'Update organisation' },
    'organisation.export': { zh: '导出单位', en: 'Export organisations' },
  },
});
