/**
 * What the EPCIS 2.0 repository adds to the trace manifest (index.ts spreads these): permissions, routes
 * (`/epcis/capture`, `/epcis/events` …), the `0012-trace-epcis` migration and audit actions. Capture jobs run
 * synchronously before their 202 (no job kind): nothing acknowledged is ever lost.
 */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../../platform/deps.ts';
import type { JobKind } from '../../../platform/jobs/runner.ts';
import type { ModuleMigration, Named, PermissionDeclaration } from '../../../platform/modules/manifest.ts';
import * as epcisMigration from './epcis.migration.ts';
import { registerEpcisRoutes } from './epcis.routes.ts';

export const EPCIS_PERMISSIONS: Record<string, PermissionDeclaration> = {
  'trace:capture': {
    zh: '采集追溯事件（EPCIS）',
    en: 'Capture traceability events (EPCIS)',
    roles: ['enterprise', 'farmer', 'county-officer', 'league-officer'],
  },
  'trace:query': {
    zh: '查询追溯事件（EPCIS）',
    en: 'Query traceability events (EPCIS)',
    roles: ['enterprise', 'farmer', 'county-officer', 'league-officer', 'region-officer'],
  },
};

export const EPCIS_AUDIT_ACTIONS: Record<string, Named> = {
  'trace.epcis.capture': { zh: 'EPCIS 采集任务', en: 'EPCIS capture job' },
  'trace.epcis.event': { zh: '采集单个 EPCIS 事件', en: 'Single EPCIS event captured' },
};

export const EPCIS_MIGRATIONS: Record<string, ModuleMigration> = { '0012-trace-epcis': epcisMigration };
export const EPCIS_JOB_KINDS: readonly JobKind<never>[] = [];

export function registerEpcisPartRoutes(app: FastifyInstance, deps: Deps): void {
  registerEpcisRoutes(app, deps);
}
