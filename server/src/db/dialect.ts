/**
 * Every difference between SQLite and PostgreSQL lives in this file. Callers ask for a capability; they never test
 * the engine themselves.
 */
import {
  CompiledQuery,
  PostgresIntrospector,
  sql,
  type ColumnDefinitionBuilder,
  type Kysely,
  type RawBuilder,
  type SelectQueryBuilder,
  type SqlBool,
} from 'kysely';

export type Engine = 'sqlite' | 'postgres';

/** Column type of an auto-increment integer primary key. */
export function autoIdType(engine: Engine): 'integer' | 'serial' {
  return engine === 'sqlite' ? 'integer' : 'serial';
}

/** Builder for the auto-increment integer primary key column. */
export function autoIdColumn(engine: Engine) {
  return (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    engine === 'sqlite' ? col.primaryKey().autoIncrement() : col.primaryKey();
}

/** Case-insensitive substring match (LIKE on SQLite is already case-insensitive for ASCII). */
export function likeOperator(engine: Engine): 'like' | 'ilike' {
  return engine === 'sqlite' ? 'like' : 'ilike';
}

/** A column of a bulk insert: its name and its PostgreSQL type (for the array parameter). */
export interface BulkColumn {
  name: string;
  pgType: 'text' | 'integer' | 'double precision';
}

const bulkStatements = new Map<string, string>();

/**
 * One multi-row INSERT of `rows` (one array of cell values per row, in `columns` order), ready for
 * `db.executeQuery`. SQLite: VALUES tuples, one parameter per cell (the statement text is cached per row count, and
 * the connection caches its prepared statement). PostgreSQL: one array parameter per column expanded by `unnest`, so
 * the statement stays tiny to parse and plan whatever the row count (VALUES with 10,000 parameters cost more to plan
 * than to run).
 */
export function bulkInsert(
  engine: Engine,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly (readonly unknown[])[],
): CompiledQuery {
  const names = columns.map((c) => c.name).join(', ');
  if (engine === 'postgres') {
    const arrays = columns.map((c, j) => `$${j + 1}::${c.pgType}[]`).join(', ');
    return CompiledQuery.raw(
      `insert into ${table} (${names}) select * from unnest(${arrays})`,
      columns.map((_, j) => rows.map((r) => r[j])),
    );
  }
  const key = `${table}(${names})x${rows.length}`;
  let text = bulkStatements.get(key);
  if (!text) {
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    text = `insert into ${table} (${names}) values ${Array.from({ length: rows.length }, () => tuple).join(', ')}`;
    if (bulkStatements.size < 64) bulkStatements.set(key, text);
  }
  return CompiledQuery.raw(text, rows.flat());
}

const preparedNames = new Map<string, string>();

/**
 * Marks a compiled hot-path query (run on every request: the session lookup) to run as a named prepared statement
 * on PostgreSQL: each pooled connection parses and plans it once, then only binds and executes (connect.ts passes
 * the name to the pg driver). SQLite's connection already caches prepared statements by SQL text. `name` must be
 * unique to this SQL text; the query is returned as is.
 */
export function namedStatement<R>(name: string, query: CompiledQuery<R>): CompiledQuery<R> {
  const known = preparedNames.get(query.sql);
  if (known === undefined && [...preparedNames.values()].includes(name))
    throw new Error(`prepared statement name "${name}" is used for another query`);
  preparedNames.set(query.sql, name);
  return query;
}

/** The prepared-statement name of a SQL text marked by `namedStatement`, if any. */
export function preparedStatementName(sqlText: string): string | undefined {
  return preparedNames.get(sqlText);
}

/** Escapes LIKE wildcards in user text; pair with `escape '\'`. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Serialises writers that must see each other's effects in order (the audit hash chain). SQLite already has one
 * writer at a time; PostgreSQL takes a transaction-scoped advisory lock.
 */
export async function lockForChain(engine: Engine, trx: Kysely<unknown>, key: number): Promise<void> {
  if (engine === 'postgres') await sql`select pg_advisory_xact_lock(${key})`.execute(trx);
}

/**
 * The row-picking subquery of a claim (`update … where id = (select id … limit 1) returning …`) that several nodes
 * run at once: PostgreSQL locks the picked row and skips rows other claims hold (`for update skip locked`), so two
 * nodes never pick the same row and neither waits for the other. SQLite runs one writer at a time, so the update is
 * atomic as it stands.
 */
export function claimable<DB, TB extends keyof DB, O>(
  engine: Engine,
  query: SelectQueryBuilder<DB, TB, O>,
): SelectQueryBuilder<DB, TB, O> {
  return engine === 'postgres' ? query.forUpdate().skipLocked() : query;
}

/**
 * Refreshes the planner's statistics after a bulk write (seed, a large committed import). PostgreSQL: `analyze`
 * (sampled, seconds at most), so plans stop assuming the tables are as small as before autovacuum gets round to
 * them. SQLite: nothing; its planner runs without `sqlite_stat1` here, the queries and their indexes were tuned that
 * way, and statistics would change their plans under the benchmarks.
 */
export async function analyzeAfterBulkWrite<DB>(db: Kysely<DB>): Promise<void> {
  if (engineOf(db) === 'postgres') await sql`analyze`.execute(db);
}

/** The engine behind a Kysely instance, for helpers called with a bare `db` (seeds). */
export function engineOf<DB>(db: Kysely<DB>): Engine {
  return db.introspection instanceof PostgresIntrospector ? 'postgres' : 'sqlite';
}

/**
 * Names of the application's tables, in creation order (used by backup and restore). The full-text index tables
 * (`search_fts*`) are derived from `search_document` by triggers, so they are neither backed up nor restored.
 */
export async function listTables(engine: Engine, db: Kysely<unknown>): Promise<string[]> {
  if (engine === 'sqlite') {
    const r = await sql<{ name: string }>`select name from sqlite_master where type = 'table'
      and name not like 'sqlite_%' and name not like 'kysely_%' and name not like 'search_fts%'
      order by rowid`.execute(db);
    return r.rows.map((x) => x.name);
  }
  const r = await sql<{ name: string }>`select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like 'kysely_%'
    and table_name not like 'search_fts%' order by table_name`.execute(db);
  return r.rows.map((x) => x.name);
}

/** After inserting explicit ids (restore), move PostgreSQL sequences past them; SQLite needs nothing. */
export async function resetSequences(engine: Engine, db: Kysely<unknown>, tables: string[]): Promise<void> {
  if (engine !== 'postgres') return;
  for (const table of tables) {
    // Serial columns are those whose default draws from a sequence (id, or seq in audit_log).
    const cols = await sql<{ column_name: string }>`select column_name from information_schema.columns
      where table_schema = current_schema() and table_name = ${table} and column_default like 'nextval(%'`.execute(db);
    for (const { column_name: column } of cols.rows) {
      const r = await sql<{ seq: string | null }>`select pg_get_serial_sequence(${table}, ${column}) as seq`.execute(
        db,
      );
      const seq = r.rows[0]?.seq;
      if (!seq) continue;
      await sql`select setval(${seq}, coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(
        db,
      );
    }
  }
}

/** Disables or re-enables a table's triggers for restore of append-only tables. */
export function appendOnlyTriggerSql(engine: Engine, table: string): RawBuilder<unknown>[] {
  if (engine === 'sqlite') {
    return [
      sql.raw(`create trigger ${table}_no_update before update on ${table}
        begin select raise(abort, '${table} is append-only'); end`),
      sql.raw(`create trigger ${table}_no_delete before delete on ${table}
        when old.at > strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-180 days')
        begin select raise(abort, '${table} rows younger than 180 days cannot be deleted'); end`),
    ];
  }
  return [
    sql.raw(`create or replace function ${table}_guard() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' then raise exception '${table} is append-only'; end if;
        if old.at > to_char((now() at time zone 'utc') - interval '180 days', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') then
          raise exception '${table} rows younger than 180 days cannot be deleted';
        end if;
        return old;
      end $$`),
    sql.raw(`create trigger ${table}_guard before update or delete on ${table}
      for each row execute function ${table}_guard()`),
  ];
}

/** Whether a database error is a unique-constraint violation. */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: string; message?: string };
  return e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Primary-key columns of a table, in key order. */
export async function primaryKeyColumns(engine: Engine, db: Kysely<unknown>, table: string): Promise<string[]> {
  if (engine === 'sqlite') {
    const r = await sql<{
      name: string;
    }>`select name from pragma_table_info(${table}) where pk > 0 order by pk`.execute(db);
    return r.rows.map((x) => x.name);
  }
  const r = await sql<{ name: string }>`select a.attname as name from pg_index i
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
    where i.indrelid = to_regclass(quote_ident(${table}::text)) and i.indisprimary
    order by array_position(i.indkey::int2[], a.attnum)`.execute(db);
  return r.rows.map((x) => x.name);
}

/** Tables that a table references through foreign keys. */
export async function referencedTables(engine: Engine, db: Kysely<unknown>, table: string): Promise<string[]> {
  if (engine === 'sqlite') {
    const r = await sql<{ ref: string }>`select distinct "table" as ref from pragma_foreign_key_list(${table})`.execute(
      db,
    );
    return r.rows.map((x) => x.ref);
  }
  const r = await sql<{ ref: string }>`select distinct c2.relname as ref from pg_constraint k
    join pg_class c2 on c2.oid = k.confrelid
    where k.contype = 'f' and k.conrelid = to_regclass(quote_ident(${table}::text))`.execute(db);
  return r.rows.map((x) => x.ref);
}

/* ---------------------------------------------------------------- full-text search (platform/search) ---------- */

/**
 * DDL of the full-text index over `search_document` (title_segmented, body_segmented: space-joined jieba tokens),
 * kept in step by triggers so every write path (service, seed, restore) indexes. SQLite: an external-content FTS5
 * table whose rowid is search_document.id, `unicode61` so jieba alone decides word boundaries. PostgreSQL: a side
 * table with a `tsvector` ('simple' config, title weight A, body weight B) and a GIN index (a side table rather than
 * a column, so that backups stay portable between engines).
 */
export function searchIndexDdl(engine: Engine): RawBuilder<unknown>[] {
  if (engine === 'sqlite') {
    const add = `insert into search_fts(rowid, title_segmented, body_segmented)
      values (new.id, new.title_segmented, new.body_segmented);`;
    const remove = `insert into search_fts(search_fts, rowid, title_segmented, body_segmented)
      values ('delete', old.id, old.title_segmented, old.body_segmented);`;
    return [
      sql.raw(`create virtual table search_fts using fts5(title_segmented, body_segmented,
        content='search_document', content_rowid='id', tokenize='unicode61 remove_diacritics 0')`),
      sql.raw(`create trigger search_document_ai after insert on search_document begin ${add} end`),
      sql.raw(`create trigger search_document_ad after delete on search_document begin ${remove} end`),
      sql.raw(`create trigger search_document_au after update on search_document begin ${remove} ${add} end`),
    ];
  }
  return [
    sql.raw(`create table search_fts (
      doc_id integer primary key references search_document(id) on delete cascade,
      tsv tsvector not null)`),
    sql.raw(`create index search_fts_tsv_idx on search_fts using gin (tsv)`),
    sql.raw(`create or replace function search_document_fts() returns trigger language plpgsql as $$
      begin
        insert into search_fts(doc_id, tsv) values (new.id,
          setweight(to_tsvector('simple', new.title_segmented), 'A') ||
          setweight(to_tsvector('simple', new.body_segmented), 'B'))
        on conflict (doc_id) do update set tsv = excluded.tsv;
        return null;
      end $$`),
    sql.raw(`create trigger search_document_fts after insert or update of title_segmented, body_segmented
      on search_document for each row execute function search_document_fts()`),
  ];
}

/**
 * One clause of a full-text query: a term, or alternatives (any of them), each the terms it needs (all of them), as
 * the segmenter and thesaurus make them (letters and digits only): `[['奶牛'], ['乳业']]`, `[['马铃薯', '种业']]`.
 */
export type MatchClause = string | readonly (readonly string[])[];

/**
 * The pieces of a full-text query over the engine index, to be composed by the search repository: `from` (the index,
 * addressable as `search_fts`), `id` (its search_document id), `match` (the documents satisfying all (`and`) or any
 * (`or`) of the clauses) and `score` (higher is better: FTS5 bm25 with
 * the title weighted 10:1 on SQLite, negated as bm25 is lower-is-better; ts_rank with weights A (title) and B (body) on
 * PostgreSQL). `id` is also the cheap candidate order: FTS5 walks its doclists by rowid in either direction, and on
 * PostgreSQL the primary key of search_fts is doc_id.
 */
export function searchIndex(
  engine: Engine,
  terms: readonly MatchClause[],
  mode: 'and' | 'or',
): { from: RawBuilder<unknown>; id: RawBuilder<number>; match: RawBuilder<SqlBool>; score: RawBuilder<number> } {
  const clause = (c: MatchClause, quote: (t: string) => string, and: string, or: string) =>
    typeof c === 'string' ? quote(c) : `(${c.map((alt) => `(${alt.map(quote).join(and)})`).join(or)})`;
  if (engine === 'sqlite') {
    const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;
    const expr = terms.map((c) => clause(c, quote, ' AND ', ' OR ')).join(mode === 'and' ? ' AND ' : ' OR ');
    return {
      from: sql`search_fts`,
      id: sql<number>`search_fts.rowid`,
      match: sql<SqlBool>`search_fts match ${expr}`,
      score: sql<number>`-bm25(search_fts, 10.0, 1.0)`,
    };
  }
  const quote = (t: string) => `'${t.replace(/['\\]/g, '')}'`;
  const expr = terms.map((c) => clause(c, quote, ' & ', ' | ')).join(mode === 'and' ? ' & ' : ' | ');
  return {
    from: sql`search_fts cross join to_tsquery('simple', ${expr}) as search_q(q)`,
    id: sql<number>`search_fts.doc_id`,
    match: sql<SqlBool>`search_fts.tsv @@ search_q.q`,
    score: sql<number>`ts_rank(search_fts.tsv, search_q.q)`,
  };
}

/**
 * Runs the statements of one search. PostgreSQL: in a transaction with JIT off (`set local`), as the planner's cost
 * estimate for the candidate query (an index scan plus a scope subplan it rarely runs) passes `jit_above_cost` and
 * compiling the plan costs ~300 ms, far more than running it; one snapshot for the page and any separate count too.
 * SQLite: as is.
 */
export async function searchStatements<DB, T>(
  engine: Engine,
  db: Kysely<DB>,
  run: (db: Kysely<DB>) => Promise<T>,
): Promise<T> {
  if (engine === 'sqlite') return run(db);
  if (db.isTransaction) {
    await sql`set local jit = off`.execute(db);
    return run(db);
  }
  return db.transaction().execute(async (trx) => {
    await sql`set local jit = off`.execute(trx);
    return run(trx);
  });
}
