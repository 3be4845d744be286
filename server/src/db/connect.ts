import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { isPostgresUrl } from '../config.ts';
import type { Database, DbHandle } from './database.ts';

export interface ConnectOptions {
  /** `sqlite:<file>`, `sqlite::memory:` or a postgres:// URL. */
  url: string;
  sqliteSynchronous?: 'FULL' | 'NORMAL';
  poolSize?: number;
}

/** Opens the database named by the URL with the settings this platform relies on. */
export function connect(opts: ConnectOptions): DbHandle {
  if (isPostgresUrl(opts.url)) {
    // Integers from COUNT(*) and SUM() come back as strings; int8 values here stay well within 2^53.
    pg.types.setTypeParser(20, (v) => Number(v));
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
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
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, engine: 'sqlite', destroy: () => db.destroy() };
}

/**
 * Kysely prepares every statement anew; on hot paths preparing costs as much as running the query. This keeps up to
 * `max` prepared statements by SQL text (oldest evicted) and prepares a fresh one while a cached one is still
 * iterating.
 */
function withStatementCache(sqlite: BetterSqlite3.Database, max = 512): SqliteDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
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
