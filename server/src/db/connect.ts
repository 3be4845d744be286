import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { isPostgresUrl } from '../config.ts';
import type { Database, DbHandle } from './database.ts';
import { registerSqliteConnection, type SqliteStatements } from './compiled.ts';
import { preparedStatementName } from './dialect.ts';

export interface ConnectOptions {
  /** `sqlite:<file>`, `sqlite::memory:` or a postgres:// URL. */
  url: string;
  sqliteSynchronous?: 'FULL' | 'NORMAL';
  /** PostgreSQL connections per process; default `QIXIAN_PG_POOL`, else DEFAULT_PG_POOL. */
  poolSize?: number;
}

/**
 * PostgreSQL connections per app process when `QIXIAN_PG_POOL` is unset: enough for the 2-core app node (requests
 * spend most of their time in Node, not waiting on the database) while several nodes stay well under the server's
 * `max_connections` (100 by default: nodes x pool + the CLI's 2 + admin sessions).
 */
export const DEFAULT_PG_POOL = 10;

/** The pool size from `QIXIAN_PG_POOL` (1-200), DEFAULT_PG_POOL when unset; anything else is refused. */
export function pgPoolSize(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.QIXIAN_PG_POOL?.trim();
  if (!raw) return DEFAULT_PG_POOL;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 200)
    throw new Error(
      `QIXIAN_PG_POOL 须为 1-200 的整数 / QIXIAN_PG_POOL must be an integer from 1 to 200 (got "${raw}")`,
    );
  return n;
}

/** Opens the database named by the URL with the settings this platform relies on. */
export function connect(opts: ConnectOptions): DbHandle {
  if (isPostgresUrl(opts.url)) {
    // Integers from COUNT(*) and SUM() come back as strings; int8 values here stay well within 2^53.
    pg.types.setTypeParser(20, (v) => Number(v));
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? pgPoolSize() });
    pool.on('connect', useNamedStatements);
    // An idle client whose server connection dies (restart, failover, admin termination) must not crash the process;
    // the pool drops it and the next query opens a new one.
    pool.on('error', (err) => {
      console.error(`PostgreSQL idle client error: ${err.message}`);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', destroy: () => db.destroy() };
  }
  const file = opts.url.replace(/^sqlite:/, '');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma(`synchronous = ${opts.sqliteSynchronous ?? 'FULL'}`);
  sqlite.pragma('busy_timeout = 5000');
  const statements = withStatementCache(sqlite);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: statements }) });
  registerSqliteConnection(db, statements);
  return { db, engine: 'sqlite', destroy: () => db.destroy() };
}

/**
 * Kysely runs `client.query(text, values)`: for a text marked by `namedStatement` (dialect.ts), the query goes out
 * with its name instead, so this connection parses and plans it once.
 */
function useNamedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const named = (...args: unknown[]): unknown => {
    const [text, values] = args;
    const name = typeof text === 'string' && args.length === 2 ? preparedStatementName(text) : undefined;
    return name && Array.isArray(values) ? query({ name, text, values }) : query(...args);
  };
  client.query = named as typeof client.query;
}

/**
 * Kysely prepares every statement anew; on hot paths preparing costs as much as running the query. This keeps up to
 * `max` prepared statements by SQL text (oldest evicted) and prepares a fresh one while a cached one is still
 * iterating.
 */
function withStatementCache(sqlite: BetterSqlite3.Database, max = 512): SqliteDatabase & SqliteStatements {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    connection: sqlite,
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare(sqlText: string) {
      const hit = cache.get(sqlText);
      if (hit && !hit.busy) return hit;
      const stmt = sqlite.prepare(sqlText);
      if (!hit) {
        if (cache.size >= max) {
          const oldest = cache.keys().next().value;
          if (oldest !== undefined) cache.delete(oldest);
        }
        cache.set(sqlText, stmt);
      }
      return stmt;
    },
  };
}
