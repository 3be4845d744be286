/**
 * Online logical backup and restore, portable between SQLite and PostgreSQL.
 *
 * File format (gzip; the header is its own gzip member, followed by the rows' member):
 *   line 1   {"format":"qixian-backup","version":1,"engine":…,"createdAt":…,"migrations":[…],
 *             "digest":"sha256-rowsum-v1","tables":{"<name>":{"rows":n,"sha256":"…"},…}}
 *   line 2+  {"t":"<table>","r":{<column>:<value>,…}}   — grouped by table, tables in foreign-key order
 *
 * Consistency: every table is read inside ONE read-only transaction — on PostgreSQL `start transaction isolation
 * level repeatable read, read only` on a single connection (one MVCC snapshot), on SQLite one read transaction (WAL
 * keeps the snapshot of the first read until commit). Rows are streamed in pages by primary key.
 *
 * Table digest (`sha256`): order-independent, so that a SQLite backup restored into PostgreSQL (whose text collation
 * may order keys differently) still verifies: SHA-256 of `<rows>:<sum of SHA-256(canonical row) mod 2^256>`, where the
 * canonical row is the JSON of the portable row with its keys sorted.
 *
 * Restore: into an empty, migrated database with the same migrations; everything in one transaction; the counts and
 * digests of the file are checked against the header, then every table is read back and checked again before commit;
 * finally sequences are moved past the restored ids.
 */
import { createHash } from 'node:crypto';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { listTables, primaryKeyColumns, referencedTables, type Engine } from './dialect.ts';

export const BACKUP_FORMAT = 'qixian-backup';
export const BACKUP_VERSION = 1;
export const DIGEST_KIND = 'sha256-rowsum-v1';

/** Insert order of the known tables (parents before children); other tables follow in foreign-key order. */
export const TABLE_PRIORITY: readonly string[] = [
  'division',
  'division_closure',
  'county_attribute',
  'division_code_history',
  'organisation',
  'app_user',
  'user_role',
  'session',
  'login_throttle',
  'audit_log',
];

/** A value as stored in the file: JSON scalars, or `{ $b64 }` for binary data. */
export type PortableValue = string | number | null | { $b64: string };
export type PortableRow = Record<string, PortableValue>;

export interface TableSummary {
  rows: number;
  sha256: string;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  engine: Engine;
  createdAt: string;
  migrations: string[];
  digest: typeof DIGEST_KIND;
  tables: Record<string, TableSummary>;
}

export interface BackupResult {
  file: string;
  bytes: number;
  header: BackupHeader;
}

export interface RestoreResult {
  file: string;
  /** Engine the backup was taken from. */
  sourceEngine: Engine;
  createdAt: string;
  tables: Record<string, TableSummary>;
  totalRows: number;
}

export interface BackupOptions {
  /** Rows per page read from the database (default 1000). */
  pageSize?: number;
  /** Called once the snapshot is open (after the first read), for tests and progress output. */
  onSnapshot?: () => void | Promise<void>;
  /** Called after each page has been read. */
  onPage?: (table: string, rowsSoFar: number) => void | Promise<void>;
}

/** A bilingual failure of backup or restore; the message is "中文 / English". */
export class BackupError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
    this.name = 'BackupError';
  }
}

export type AnyDb = Kysely<unknown>;
export type DbRow = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------------------------
// Values and digests
// ---------------------------------------------------------------------------------------------------------------

/** Converts a value read from either engine into its portable form (booleans become 0/1, dates ISO text). */
export function toPortable(v: unknown): PortableValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return { $b64: Buffer.from(v).toString('base64') };
  return JSON.stringify(v);
}

/** Converts a portable value back into a value both drivers can bind. */
export function fromPortable(v: PortableValue): string | number | null | Buffer {
  if (v !== null && typeof v === 'object') return Buffer.from(v.$b64, 'base64');
  return v;
}

export function portableRow(row: DbRow): PortableRow {
  const out: PortableRow = {};
  for (const [k, v] of Object.entries(row)) out[k] = toPortable(v);
  return out;
}

export function canonical(row: PortableRow): string {
  const keys = Object.keys(row).sort();
  return JSON.stringify(keys.map((k) => [k, row[k] ?? null]));
}

const MOD = 1n << 256n;

/** Order-independent digest of a table's rows (see the file comment). */
export class TableDigest {
  rows = 0;
  private sum = 0n;

  add(row: PortableRow): void {
    this.rows++;
    this.sum = (this.sum + BigInt(`0x${createHash('sha256').update(canonical(row)).digest('hex')}`)) % MOD;
  }

  summary(): TableSummary {
    const sha256 = createHash('sha256')
      .update(`${this.rows}:${this.sum.toString(16).padStart(64, '0')}`)
      .digest('hex');
    return { rows: this.rows, sha256 };
  }
}

/** Column names of every table (kysely_ tables included), in one catalog query. */
export async function columnsByTable(db: AnyDb): Promise<Map<string, string[]>> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  return new Map(tables.map((t) => [t.name, t.columns.map((c) => c.name)]));
}

/**
 * Orders tables so that every table comes after the tables it references: a topological sort whose ties are broken
 * by {@link TABLE_PRIORITY}, then by the given order. Self-references are left to primary-key order; on a cycle the
 * remaining tables keep the given order.
 */
export function orderTables(tables: readonly string[], references: ReadonlyMap<string, readonly string[]>): string[] {
  const rank = (t: string): number => {
    const p = TABLE_PRIORITY.indexOf(t);
    return p >= 0 ? p : TABLE_PRIORITY.length + tables.indexOf(t);
  };
  const present = new Set(tables);
  const pending = new Map<string, Set<string>>();
  for (const t of tables) pending.set(t, new Set((references.get(t) ?? []).filter((r) => r !== t && present.has(r))));
  const out: string[] = [];
  while (pending.size > 0) {
    const ready = [...pending].filter(([, deps]) => deps.size === 0).map(([t]) => t);
    const next = (ready.length > 0 ? ready : [...pending.keys()]).sort((a, b) => rank(a) - rank(b))[0];
    if (next === undefined) break;
    out.push(next);
    pending.delete(next);
    for (const deps of pending.values()) deps.delete(next);
  }
  return out;
}

export async function tablesInInsertOrder(engine: Engine, db: AnyDb): Promise<string[]> {
  const tables = await listTables(engine, db);
  const refs = new Map<string, string[]>();
  for (const t of tables) refs.set(t, await referencedTables(engine, db, t));
  return orderTables(tables, refs);
}

export async function migrationNames(db: AnyDb, columns: Map<string, string[]>): Promise<string[]> {
  if (!columns.has('kysely_migration')) return [];
  const r = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return r.rows.map((x) => x.name);
}

/** Streams a table's rows in pages by primary key (keyset), or by all columns with offsets when it has none. */
export async function* tableRows(
  engine: Engine,
  db: AnyDb,
  table: string,
  cols: readonly string[],
  pageSize: number,
): AsyncGenerator<DbRow[]> {
  const pk = await primaryKeyColumns(engine, db, table);
  const t = sql.table(table);
  if (pk.length === 0) {
    const order = sql.join(cols.map((c) => sql.id(c)));
    for (let offset = 0; ; offset += pageSize) {
      const r = await sql<DbRow>`select * from ${t} order by ${order} limit ${pageSize} offset ${offset}`.execute(db);
      if (r.rows.length === 0) return;
      yield r.rows;
      if (r.rows.length < pageSize) return;
    }
  }
  const keys = sql.join(pk.map((c) => sql.id(c)));
  let last: unknown[] | null = null;
  for (;;) {
    const where: RawBuilder<unknown> = last ? sql`where (${keys}) > (${sql.join(last.map((v) => sql`${v}`))})` : sql``;
    const r = await sql<DbRow>`select * from ${t} ${where} order by ${keys} limit ${pageSize}`.execute(db);
    if (r.rows.length === 0) return;
    yield r.rows;
    if (r.rows.length < pageSize) return;
    const end = r.rows[r.rows.length - 1] ?? {};
    last = pk.map((c) => end[c]);
  }
}

export async function digestTable(
  engine: Engine,
  db: AnyDb,
  table: string,
  cols: readonly string[],
  pageSize: number,
): Promise<TableSummary> {
  const d = new TableDigest();
  for await (const page of tableRows(engine, db, table, cols, pageSize))
    for (const row of page) d.add(portableRow(row));
  return d.summary();
}
