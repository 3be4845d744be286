/**
 * What the catalogue (operators, sites, products, input products, batches, animals, trace codes), the consumer page
 * and the Digital Link resolver add to the trace manifest (index.ts spreads these): permissions, routes, the
 * `0013-trace-core` migration, facts, notification kinds, audit actions and targets, and the demo seed.
 */
import type { FastifyInstance } from 'fastify';
import type { AuditTargetKind } from '../../../platform/audit/audit-targets.ts';
import type { Deps } from '../../../platform/deps.ts';
import type { FactDefinition } from '../../../platform/metrics/registry.ts';
import type { ModuleMigration, Named, PermissionDeclaration } from '../../../platform/modules/manifest.ts';

export const CATALOGUE_PERMISSIONS: Record<string, PermissionDeclaration> = {};
export const CATALOGUE_AUDIT_ACTIONS: Record<string, Named> = {};
export const CATALOGUE_AUDIT_TARGETS: readonly AuditTargetKind[] = [];
export const CATALOGUE_NOTIFICATION_KINDS: Record<string, Named> = {};
export const CATALOGUE_MIGRATIONS: Record<string, ModuleMigration> = {};
export const CATALOGUE_FACTS: readonly FactDefinition[] = [];

export function registerCataloguePartRoutes(_app: FastifyInstance, _deps: Deps): void {}

export async function seedCataloguePartDemo(_deps: Deps): Promise<void> {}
