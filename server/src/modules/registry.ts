/**
 * The module registry: every module the platform runs, a line each, in the order their routes, seeds and menus
 * appear. A new module is its folder (with a manifest exported by its index.ts) plus one line here
 * (docs/ADDING-A-MODULE.md). Loading this file installs the manifests (platform/modules/installed.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import type { ModuleManifest } from '../platform/modules/manifest.ts';
import { installModules } from '../platform/modules/installed.ts';
import { platformModule } from '../platform/platform.module.ts';
import { organisationsModule } from './organisations/index.ts';
import { usersModule } from './users/index.ts';
import { reportsModule } from './reports/index.ts';
import { monitoringModule } from './monitoring/index.ts';
import { marketModule } from './market/index.ts';
import { traceModule } from './trace/index.ts';

export const MODULES: readonly ModuleManifest[] = [
  platformModule,
  organisationsModule,
  usersModule,
  reportsModule,
  monitoringModule,
  marketModule,
  traceModule,
];

installModules(MODULES);

/** Registers every module's routes, in registry order. */
export function registerModules(app: FastifyInstance, deps: Deps): void {
  for (const m of MODULES) m.routes?.(app, deps);
}
