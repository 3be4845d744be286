import type { Config } from '../config.ts';
import type { Db, DbHandle } from '../db/database.ts';
import type { Engine } from '../db/dialect.ts';
import type { Principal } from './access/scope.ts';
import type { AuditActor, AuditContext } from './audit/audit.ts';
import { systemClock, type Clock } from './clock.ts';
import { createVault, type Vault } from './crypto/secrets.ts';
import { courierFor, type Courier } from './delivery/courier.ts';

/** What services need from the platform; built once in buildApp and passed down explicitly. */
export interface Deps {
  db: Db;
  engine: Engine;
  config: Config;
  clock: Clock;
  vault: Vault;
  audit: AuditContext;
  /** Out-of-band delivery of one-time links to account holders (platform/delivery). */
  courier: Courier;
}

/** A service call's view of the caller. */
export interface Caller {
  principal: Principal;
  actor: AuditActor;
}

export function callerActor(principal: Principal | null, ip: string): AuditActor {
  return { userId: principal?.userId ?? null, username: principal?.username ?? null, ip };
}

/** Wires the platform services over an open database (used by buildApp, the CLI and tests). */
export function createDeps(config: Config, database: DbHandle, clock: Clock = systemClock): Deps {
  return {
    db: database.db,
    engine: database.engine,
    config,
    clock,
    vault: createVault(config.secret),
    audit: { engine: database.engine, key: config.auditKey, clock },
    courier: courierFor(config),
  };
}
