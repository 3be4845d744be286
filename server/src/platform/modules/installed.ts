/**
 * The installed modules: `installModules` (called once by server/src/modules/registry.ts when it is loaded) checks the
 * manifests and registers what they declare; the platform reads the tables below instead of hub files.
 */
import { ROLE_CODES, isRoleCode, type RoleCode } from '../../../../contracts/access.ts';
import type { AuditTargetKind } from '../audit/audit-targets.ts';
import { defineFact } from '../metrics/registry.ts';
import { defineSearchSource } from '../search/source-registry.ts';
import type { AnyImportKind } from '../spreadsheets/import-kind.ts';
import type { ModuleManifest, ModuleMigration, Named } from './manifest.ts';

interface Installed {
  modules: readonly ModuleManifest[];
  permissions: Map<string, { module: string } & Named>;
  rolePermissions: Map<RoleCode, string[]>;
  notificationKinds: Map<string, Named>;
  auditActions: Map<string, Named>;
  auditTargets: Map<string, AuditTargetKind>;
  imports: AnyImportKind[];
  migrations: Map<string, ModuleMigration>;
}

let installed: Installed | null = null;

function claim<V>(map: Map<string, V>, key: string, value: V, what: string, module: string): void {
  if (map.has(key)) throw new Error(`${what} "${key}" is declared twice (again by module ${module})`);
  map.set(key, value);
}

/**
 * Checks and installs the manifests (once per process; a second call with the same list is a no-op). Throws on a
 * duplicate module code, permission, notification kind, audit action or target type, import kind or migration name, and on a
 * permission given to an unknown role.
 */
export function installModules(modules: readonly ModuleManifest[]): void {
  if (installed) {
    if (installed.modules === modules) return;
    throw new Error('modules are already installed');
  }
  const next: Installed = {
    modules,
    permissions: new Map(),
    rolePermissions: new Map(ROLE_CODES.map((r) => [r, []])),
    notificationKinds: new Map(),
    auditActions: new Map(),
    auditTargets: new Map(),
    imports: [],
    migrations: new Map(),
  };
  const codes = new Set<string>();
  const importKinds = new Set<string>();
  for (const m of modules) {
    if (!/^[a-z][a-z0-9-]*$/.test(m.code)) throw new Error(`module code "${m.code}" must be lower-case`);
    if (codes.has(m.code)) throw new Error(`module "${m.code}" is listed twice`);
    codes.add(m.code);
    for (const [code, p] of Object.entries(m.permissions ?? {})) {
      if (!/^[a-z][a-z_]*:[a-z][a-z_]*$/.test(code)) throw new Error(`permission "${code}" must look like area:verb`);
      claim(next.permissions, code, { module: m.code, zh: p.zh, en: p.en }, 'permission', m.code);
      for (const role of p.roles) {
        if (!isRoleCode(role)) throw new Error(`permission ${code} names unknown role ${String(role)}`);
        next.rolePermissions.get(role)!.push(code);
      }
    }
    for (const [kind, n] of Object.entries(m.notificationKinds ?? {}))
      claim(next.notificationKinds, kind, n, 'notification kind', m.code);
    for (const [action, n] of Object.entries(m.auditActions ?? {}))
      claim(next.auditActions, action, n, 'audit action', m.code);
    for (const k of m.auditTargets ?? []) claim(next.auditTargets, k.type, k, 'audit target type', m.code);
    for (const k of m.imports ?? []) {
      if (importKinds.has(k.kind)) throw new Error(`import kind "${k.kind}" is declared twice`);
      importKinds.add(k.kind);
      next.imports.push(k);
    }
    for (const [name, mig] of Object.entries(m.migrations ?? {}))
      claim(next.migrations, name, mig, 'migration', m.code);
  }
  for (const k of next.imports)
    if (!next.permissions.has(k.permission))
      throw new Error(`import kind ${k.kind} needs undeclared permission ${k.permission}`);
  const jobKinds = new Set<string>();
  for (const m of modules)
    for (const k of m.jobKinds ?? []) {
      if (jobKinds.has(k.kind)) throw new Error(`job kind "${k.kind}" is listed twice`);
      jobKinds.add(k.kind);
      const permission = 'permission' in k ? k.permission : undefined;
      if (permission !== undefined && !next.permissions.has(permission))
        throw new Error(`job kind ${k.kind} needs undeclared permission ${permission}`);
    }
  // Facts and search sources have their own registries (idempotent per definition).
  for (const m of modules) {
    for (const f of m.facts ?? []) defineFact(f);
    for (const s of m.searchSources ?? []) {
      if (!next.permissions.has(s.permission))
        throw new Error(`search source ${s.type} needs undeclared permission ${s.permission}`);
      defineSearchSource(s);
    }
  }
  for (const list of next.rolePermissions.values()) list.sort();
  installed = next;
}

function current(): Installed {
  if (!installed) throw new Error('modules are not installed: import server/src/modules/registry.ts first');
  return installed;
}

/** Whether the registry has been installed in this process. */
export function modulesInstalled(): boolean {
  return installed !== null;
}

export function installedModules(): readonly ModuleManifest[] {
  return current().modules;
}

/** The permissions a role carries, sorted (empty for an unknown role). */
export function permissionsOfRole(role: string): readonly string[] {
  return isRoleCode(role) ? (current().rolePermissions.get(role) ?? []) : [];
}

/** Every declared permission code with its name and module. */
export function declaredPermissions(): ReadonlyMap<string, { module: string } & Named> {
  return current().permissions;
}

export function isDeclaredPermission(code: string): boolean {
  return current().permissions.has(code);
}

export function isDeclaredNotificationKind(kind: string): boolean {
  return current().notificationKinds.has(kind);
}

/** Every declared audit action with its name, ordered by action. */
export function auditActionNames(): { action: string; zh: string; en: string }[] {
  return [...current().auditActions]
    .map(([action, n]) => ({ action, zh: n.zh, en: n.en }))
    .sort((a, b) => a.action.localeCompare(b.action));
}

export function isDeclaredAuditAction(action: string): boolean {
  return current().auditActions.has(action);
}

/** Every declared audit target kind by its stored type (the audit log's readable targets). */
export function auditTargetKinds(): ReadonlyMap<string, AuditTargetKind> {
  return current().auditTargets;
}

export function importKinds(): readonly AnyImportKind[] {
  return current().imports;
}

/** Migrations the modules add, by name. */
export function moduleMigrations(): ReadonlyMap<string, ModuleMigration> {
  return current().migrations;
}
