import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Database } from './database.ts';
import type { Engine } from './dialect.ts';
import * as m0001 from './migrations/0001-foundation.ts';
import * as m0002 from './migrations/0002-search.ts';
import * as m0003 from './migrations/0003-imports.ts';
import * as m0004 from './migrations/0004-accounts-notifications.ts';
import * as m0005 from './migrations/0005-monitoring.ts';
import * as m0006 from './migrations/0006-security.ts';
import * as m0007 from './migrations/0007-job-leases.ts';
import * as m0011 from './migrations/0011-api-tokens.ts';

// Loading the registry installs the manifests, whose migrations are read below.
import '../modules/registry.ts';
import { moduleMigrations } from '../platform/modules/installed.ts';

interface EngineMigration {
  up(db: Kysely<unknown>, engine: Engine): Promise<void>;
}

/**
 * The platform's migrations and those of the modules that came before manifests (frozen: never edit one that has
 * shipped). A module adds a migration through its manifest (`migrations: { '0007-market': … }`): the names of all of
 * them form one ordered list, and a new name must sort after every applied one (Kysely refuses it otherwise).
 */
const CORE_MIGRATIONS: Record<string, EngineMigration> = {
  '0001-foundation': m0001,
  '0002-search': m0002,
  '0003-imports': m0003,
  '0004-accounts-notifications': m0004,
  '0005-monitoring': m0005,
  '0006-security': m0006,
  '0007-job-leases': m0007,
  // After the market's 0008-0010 (module migrations): API tokens of machine clients.
  '0011-api-tokens': m0011,
};

/** Every migration by name: the core list and the modules' (a name used twice is refused). */
function allMigrations(): Record<string, EngineMigration> {
  const all: Record<string, EngineMigration> = { ...CORE_MIGRATIONS };
  for (const [name, m] of moduleMigrations()) {
    if (all[name]) throw new Error(`migration ${name} is defined twice`);
    all[name] = m;
  }
  return all;
}

function provider(engine: Engine): MigrationProvider {
  return {
    getMigrations: () =>
      Promise.resolve(
        Object.fromEntries(
          Object.entries(allMigrations()).map(([name, m]): [string, Migration] => [
            name,
            { up: (db: Kysely<unknown>) => m.up(db, engine) },
          ]),
        ),
      ),
  };
}

/** Brings the schema to the latest migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<Database>, engine: Engine): Promise<string[]> {
  const migrator = new Migrator({ db, provider: provider(engine) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `迁移失败 / migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
      { cause: error },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
