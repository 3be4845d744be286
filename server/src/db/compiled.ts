/**
 * Reads on hot paths (every request's session, the first page of a list) without building a query per request:
 * a repository compiles one query per shape with Kysely, keeps it, and runs it with new parameter values.
 *
 * On SQLite the compiled read runs straight on the connection's cached prepared statement when no transaction is
 * open on it. better-sqlite3 is synchronous, so such a read completes before any other code runs: it cannot observe
 * another request's unfinished transaction. Inside a transaction (or on a transaction object) it goes through Kysely,
 * which waits for the connection as every other query does. On PostgreSQL it always goes through Kysely and the pool;
 * a name given with `namedStatement` makes it a prepared statement on each pooled connection.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { CompiledQuery, Compilable, Kysely } from 'kysely';
import type { DbOrTrx } from './database.ts';

/** The statement cache of a SQLite connection, by SQL text (connect.ts). */
export interface SqliteStatements {
  readonly connection: BetterSqlite3.Database;
  prepare(sqlText: string): BetterSqlite3.Statement;
}

const sqliteOf = new WeakMap<object, SqliteStatements>();

/** Called by connect(): compiled reads on this Kysely instance may use the connection directly. */
export function registerSqliteConnection<DB>(db: Kysely<DB>, statements: SqliteStatements): void {
  sqliteOf.set(db, statements);
}

/** A compiled query with new values for its parameters (same SQL text, same order). */
export function withParameters<R>(query: CompiledQuery<R>, parameters: readonly unknown[]): CompiledQuery<R> {
  if (parameters.length !== query.parameters.length)
    throw new Error(`compiled query expects ${query.parameters.length} parameters, got ${parameters.length}`);
  return { ...query, parameters };
}

/** Runs a compiled read (a select) with these parameters and returns its rows. */
export async function readCompiled<R>(
  db: DbOrTrx,
  query: CompiledQuery<R>,
  parameters: readonly unknown[],
): Promise<R[]> {
  const compiled = withParameters(query, parameters);
  const sqlite = sqliteOf.get(db);
  if (sqlite && !sqlite.connection.inTransaction)
    return sqlite.prepare(compiled.sql).all(compiled.parameters) as R[];
  return (await db.executeQuery(compiled)).rows;
}

/**
 * Compiled queries of one repository by shape key, built on first use. The SQL text depends only on the key (the
 * number of values in an IN list, which optional filters are set); the values go in as parameters.
 */
export class CompiledShapes<R> {
  private readonly shapes = new Map<string, CompiledQuery<R>>();
  constructor(private readonly max = 256) {}

  /**
   * The compiled query of this shape. `parameters` are the values the caller will run it with: on first build they
   * must equal the compiled query's own (same values, same order), which proves the caller's parameter order.
   */
  get(key: string, build: () => Compilable<R>, parameters: readonly unknown[]): CompiledQuery<R> {
    let query = this.shapes.get(key);
    if (!query) {
      query = build().compile();
      if (!sameValues(query.parameters, parameters))
        throw new Error(`compiled query "${key}": parameters out of order (${JSON.stringify(query.parameters)})`);
      if (this.shapes.size >= this.max) this.shapes.clear();
      this.shapes.set(key, query);
    }
    return query;
  }
}

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}
