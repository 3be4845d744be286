import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { registerOrganisationExportRoutes } from './organisations.export.ts';
import { registerOrganisationFacts } from './organisations.facts.ts';
import { registerOrganisationRoutes } from './organisations.routes.ts';

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
  organisationExists,
  organisationIdByUscc,
  organisationSummaries,
  reject,
  type OrganisationDecision,
  type PendingOrganisation,
} from './organisations.api.ts';

/** Organisations (单位): government units, responsibility units, enterprises, institutions. */
export function registerOrganisationsModule(app: FastifyInstance, deps: Deps): void {
  registerOrganisationFacts();
  registerOrganisationExportRoutes(app, deps);
  registerOrganisationRoutes(app, deps);
}
