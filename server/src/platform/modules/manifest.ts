/**
 * A module's manifest: everything the platform needs to know about a module, in one object its front door exports.
 * `server/src/modules/registry.ts` lists the manifests, a line each; the platform reads them through `installed.ts`
 * (roles and permissions, facts, search sources, job kinds, notification kinds, audit action and target names,
 * import kinds, OpenAPI tags, seeds, migrations) and registers the routes in registry order.
 */
import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { RoleCode } from '../../../../contracts/access.ts';
import type { Db } from '../../db/database.ts';
import type { Engine } from '../../db/dialect.ts';
import type { AuditTargetKind } from '../audit/audit-targets.ts';
import type { Deps } from '../deps.ts';
import type { FactDefinition } from '../metrics/registry.ts';
import type { SearchSource } from '../search/source-registry.ts';
import type { JobKind } from '../jobs/runner.ts';
import type { AnyImportKind } from '../spreadsheets/import-kind.ts';

export interface Named {
  zh: string;
  en: string;
}

/** A permission a module declares: its name and the roles that carry it (the role -> permission table). */
export interface PermissionDeclaration extends Named {
  roles: readonly RoleCode[];
}

/** A migration a module adds to the one ordered, frozen list (its name sorts after every earlier one). */
export interface ModuleMigration {
  up(db: Kysely<unknown>, engine: Engine): Promise<void>;
}

export interface ModuleManifest {
  /** Lower-case code; facts, notification kinds and audit actions of the module usually start with it. */
  code: string;
  name: Named;
  /** OpenAPI tags the module's routes use, with their descriptions. */
  tags?: readonly { name: string; description: string }[];
  /** Permissions the module declares (code -> names and roles); each code is declared by exactly one module. */
  permissions?: Readonly<Record<string, PermissionDeclaration>>;
  /** Registers the module's routes (every route declares its access rule; the inventory test checks them). */
  routes?: (app: FastifyInstance, deps: Deps) => void;
  /** Facts the module publishes through platform/metrics. */
  facts?: readonly FactDefinition[];
  /** Record types the module makes searchable. */
  searchSources?: readonly SearchSource[];
  /** Background job kinds the module runs on platform/jobs. */
  jobKinds?: readonly JobKind<never>[];
  /** Kinds of in-app notification the module writes, with their names. */
  notificationKinds?: Readonly<Record<string, Named>>;
  /** Audit actions the module writes (in code or as a route's `audit` rule), with their names for the audit page. */
  auditActions?: Readonly<Record<string, Named>>;
  /** Audit target types the module writes (`targetType`), with their names and a lookup of record names by id. */
  auditTargets?: readonly AuditTargetKind[];
  /** Lists that can be imported from a spreadsheet (/api/imports/{kind}). */
  imports?: readonly AnyImportKind[];
  seeds?: {
    /** Reference data every installation needs (idempotent; runs at `db seed` and on demo start). */
    reference?: (db: Db, now: string) => Promise<unknown>;
    /** Demo data (演示数据), after the platform's demo accounts and organisations (idempotent). */
    demo?: (deps: Deps) => Promise<unknown>;
  };
  /**
   * Portal pages the module's web slice adds (web/src/portal/modules/<m>/routes.tsx): the server answers each with
   * the portal's index.html (any other path under / is the not-found page, 404).
   */
  portalPaths?: readonly string[];
  /** Adds the module's commands to the `qixian` command-line tool (e.g. `qixian market eval`). */
  cli?: (program: Command) => void;
  /** Migrations by name, e.g. `0007-market`: see docs/ADDING-A-MODULE.md. */
  migrations?: Readonly<Record<string, ModuleMigration>>;
}

/** Declares a module (typed identity: the object is the manifest). */
export function defineModule<M extends ModuleManifest>(manifest: M): M {
  return manifest;
}
