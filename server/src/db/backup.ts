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
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DbHandle } from './database.ts';
import { listTables, primaryKeyColumns, referencedTables, resetSequences, type Engine } from './dialect.ts';

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

type AnyDb = Kysely<unknown>;
type DbRow = Record<string, unknown>;

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
function fromPortable(v: PortableValue): string | number | null | Buffer {
  if (v !== null && typeof v === 'object') return Buffer.from(v.$b64, 'base64');
  return v;
}

function portableRow(row: DbRow): PortableRow {
  const out: PortableRow = {};
  for (const [k, v] of Object.entries(row)) out[k] = toPortable(v);
  return out;
}

function canonical(row: PortableRow): string {
  const keys = Object.keys(row).sort();
  return JSON.stringify(keys.map((k) => [k, row[k] ?? null]));
}

const MOD = 1n << 256n;

/** Order-independent digest of a table's rows (see the file comment). */
class TableDigest {
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
async function columnsByTable(db: AnyDb): Promise<Map<string, string[]>> {
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

async function tablesInInsertOrder(engine: Engine, db: AnyDb): Promise<string[]> {
  const tables = await listTables(engine, db);
  const refs = new Map<string, string[]>();
  for (const t of tables) refs.set(t, await referencedTables(engine, db, t));
  return orderTables(tables, refs);
}

async function migrationNames(db: AnyDb, columns: Map<string, string[]>): Promise<string[]> {
  if (!columns.has('kysely_migration')) return [];
  const r = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return r.rows.map((x) => x.name);
}

/** Streams a table's rows in pages by primary key (keyset), or by all columns with offsets when it has none. */
async function* tableRows(
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

async function digestTable(
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

// ---------------------------------------------------------------------------------------------------------------
// Backup
// ---------------------------------------------------------------------------------------------------------------

/**
 * Writes a consistent logical backup of the whole database to `outFile` (gzip'd NDJSON) while the application keeps
 * writing. The file appears atomically (written beside it, then renamed).
 */
export async function backupDatabase(
  handle: DbHandle,
  outFile: string,
  opts: BackupOptions = {},
): Promise<BackupResult> {
  const pageSize = opts.pageSize ?? 1000;
  const target = path.resolve(outFile);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const rowsFile = `${target}.rows.partial`;
  const partial = `${target}.partial`;
  const createdAt = new Date().toISOString();
  try {
    const { migrations, tables } = await handle.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        const db = trx as unknown as AnyDb;
        // The first read fixes the snapshot on both engines.
        const columns = await columnsByTable(db);
        const migrations = await migrationNames(db, columns);
        const order = await tablesInInsertOrder(handle.engine, db);
        await opts.onSnapshot?.();
        const tables: Record<string, TableSummary> = {};
        async function* lines(): AsyncGenerator<string> {
          for (const table of order) {
            const d = new TableDigest();
            for await (const page of tableRows(handle.engine, db, table, columns.get(table) ?? [], pageSize)) {
              let chunk = '';
              for (const row of page) {
                const r = portableRow(row);
                d.add(r);
                chunk += `${JSON.stringify({ t: table, r })}\n`;
              }
              yield chunk;
              await opts.onPage?.(table, d.rows);
            }
            tables[table] = d.summary();
          }
        }
        await pipeline(Readable.from(lines()), zlib.createGzip(), fs.createWriteStream(rowsFile));
        return { migrations, tables };
      });
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      engine: handle.engine,
      createdAt,
      migrations,
      digest: DIGEST_KIND,
      tables,
    };
    fs.writeFileSync(partial, zlib.gzipSync(`${JSON.stringify(header)}\n`));
    await pipeline(fs.createReadStream(rowsFile), fs.createWriteStream(partial, { flags: 'a' }));
    fs.renameSync(partial, target);
    return { file: target, bytes: fs.statSync(target).size, header };
  } finally {
    fs.rmSync(rowsFile, { force: true });
    fs.rmSync(partial, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Restore
// ---------------------------------------------------------------------------------------------------------------

/** Lines of a gzip'd text file, streamed; read and decompression errors (truncation, bad CRC) are thrown. */
async function* gzipLines(file: string): AsyncGenerator<string> {
  const src = fs.createReadStream(file);
  const gunzip = zlib.createGunzip();
  src.on('error', (err) => gunzip.destroy(err));
  src.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      const text = rest + decoder.write(chunk);
      const parts = text.split('\n');
      rest = parts.pop() ?? '';
      for (const p of parts) yield p;
    }
  } catch (err) {
    throw new BackupError(
      '备份文件损坏或不完整（解压失败）',
      `the backup file is damaged or truncated (${String(err)})`,
    );
  } finally {
    src.destroy();
  }
  rest += decoder.end();
  if (rest !== '') yield rest;
}

function parseHeader(line: string | undefined): BackupHeader {
  let h: unknown;
  try {
    h = JSON.parse(line ?? '');
  } catch {
    throw new BackupError('不是 Qixian 备份文件（文件头无法解析）', 'not a Qixian backup (the header does not parse)');
  }
  const o = h as Partial<BackupHeader> | null;
  if (typeof o !== 'object' || o === null || o.format !== BACKUP_FORMAT)
    throw new BackupError('不是 Qixian 备份文件', 'not a Qixian backup file');
  if (o.version !== BACKUP_VERSION)
    throw new BackupError(`不支持的备份版本 ${String(o.version)}`, `unsupported backup version ${String(o.version)}`);
  if (o.digest !== DIGEST_KIND) throw new BackupError('不支持的校验方式', `unsupported digest ${String(o.digest)}`);
  if (
    (o.engine !== 'sqlite' && o.engine !== 'postgres') ||
    !Array.isArray(o.migrations) ||
    typeof o.tables !== 'object' ||
    o.tables === null
  )
    throw new BackupError('备份文件头不完整', 'the backup header is incomplete');
  for (const [name, s] of Object.entries(o.tables)) {
    if (!Number.isInteger(s.rows) || typeof s.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(s.sha256))
      throw new BackupError(`备份文件头中表 ${name} 的记录无效`, `the header entry of table ${name} is invalid`);
  }
  return o as BackupHeader;
}

function parseRowLine(line: string, lineNo: number): { t: string; r: PortableRow } {
  const bad = (why: string): BackupError =>
    new BackupError(`备份文件第 ${lineNo} 行无效：${why}`, `line ${lineNo} of the backup is invalid: ${why}`);
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch {
    throw bad('JSON');
  }
  const x = o as { t?: unknown; r?: unknown } | null;
  if (
    typeof x !== 'object' ||
    x === null ||
    typeof x.t !== 'string' ||
    typeof x.r !== 'object' ||
    x.r === null ||
    Array.isArray(x.r)
  )
    throw bad('{t, r}');
  for (const v of Object.values(x.r as Record<string, unknown>)) {
    const ok =
      v === null ||
      typeof v === 'string' ||
      typeof v === 'number' ||
      (typeof v === 'object' && typeof (v as { $b64?: unknown }).$b64 === 'string');
    if (!ok) throw bad('value');
  }
  return { t: x.t, r: x.r as PortableRow };
}

async function countRows(db: AnyDb, table: string): Promise<number> {
  const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

async function insertBatch(db: AnyDb, table: string, rows: PortableRow[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const cols = Object.keys(first);
  const values = rows.map((row) => {
    if (Object.keys(row).length !== cols.length || cols.some((c) => !(c in row)))
      throw new BackupError(`表 ${table} 的记录列不一致`, `rows of table ${table} have different columns`);
    return sql`(${sql.join(cols.map((c) => sql`${fromPortable(row[c] ?? null)}`))})`;
  });
  await sql`insert into ${sql.table(table)} (${sql.join(cols.map((c) => sql.id(c)))}) values ${sql.join(values)}`.execute(
    db,
  );
}

/**
 * Restores a backup made by {@link backupDatabase} into an EMPTY database migrated to the same migrations, in one
 * transaction: refuses a non-empty database, a foreign or damaged file, and any count or digest that does not match
 * the header (nothing is changed then).
 */
export async function restoreDatabase(
  handle: DbHandle,
  inFile: string,
  opts: { pageSize?: number } = {},
): Promise<RestoreResult> {
  const file = path.resolve(inFile);
  if (!fs.existsSync(file)) throw new BackupError(`备份文件不存在：${file}`, `backup file not found: ${file}`);
  const pageSize = opts.pageSize ?? 1000;
  const lines = gzipLines(file);
  try {
    const first = await lines.next();
    const header = parseHeader(first.done ? undefined : first.value);

    return await handle.db.transaction().execute(async (trx) => {
      const db = trx as unknown as AnyDb;
      const columns = await columnsByTable(db);
      const migrations = await migrationNames(db, columns);
      if (migrations.length === 0)
        throw new BackupError(
          '目标数据库尚未迁移，请先运行 qixian migrate',
          'the target database is not migrated; run qixian migrate first',
        );
      if (JSON.stringify(migrations) !== JSON.stringify(header.migrations))
        throw new BackupError(
          `迁移版本不一致：备份 [${header.migrations.join(', ')}]，目标 [${migrations.join(', ')}]`,
          `migrations differ: backup [${header.migrations.join(', ')}], target [${migrations.join(', ')}]`,
        );
      const targetTables = await listTables(handle.engine, db);
      const missing = Object.keys(header.tables).filter((t) => !targetTables.includes(t));
      if (missing.length > 0)
        throw new BackupError(
          `目标数据库缺少表：${missing.join(', ')}`,
          `tables missing in the target: ${missing.join(', ')}`,
        );
      const nonEmpty: string[] = [];
      for (const t of targetTables) {
        const n = await countRows(db, t);
        if (n > 0) nonEmpty.push(`${t} (${n})`);
      }
      if (nonEmpty.length > 0)
        throw new BackupError(
          `目标数据库不是空的，拒绝恢复：${nonEmpty.join(', ')}`,
          `the target database is not empty; refusing to restore: ${nonEmpty.join(', ')}`,
        );

      const digests = new Map<string, TableDigest>();
      const done = new Set<string>();
      let current: string | null = null;
      let batch: PortableRow[] = [];
      let batchLimit = 100;
      let lineNo = 1;
      const flush = async (): Promise<void> => {
        if (current && batch.length > 0) {
          try {
            await insertBatch(db, current, batch);
          } catch (err) {
            if (err instanceof BackupError) throw err;
            const msg = err instanceof Error ? err.message : String(err);
            throw new BackupError(
              `写入表 ${current} 失败（第 ${lineNo} 行之前）：${msg}`,
              `inserting into ${current} failed (before line ${lineNo}): ${msg}`,
            );
          }
        }
        batch = [];
      };
      for await (const line of lines) {
        lineNo++;
        if (line === '') continue;
        const { t, r } = parseRowLine(line, lineNo);
        if (!(t in header.tables))
          throw new BackupError(
            `第 ${lineNo} 行的表 ${t} 不在文件头中`,
            `line ${lineNo}: table ${t} is not in the header`,
          );
        if (t !== current) {
          await flush();
          if (done.has(t))
            throw new BackupError(
              `第 ${lineNo} 行：表 ${t} 的记录不连续`,
              `line ${lineNo}: rows of table ${t} are not contiguous`,
            );
          if (current) done.add(current);
          current = t;
          batchLimit = Math.max(1, Math.min(500, Math.floor(10_000 / Math.max(1, Object.keys(r).length))));
        }
        let d = digests.get(t);
        if (!d) digests.set(t, (d = new TableDigest()));
        d.add(r);
        batch.push(r);
        if (batch.length >= batchLimit) await flush();
      }
      await flush();

      const tables: Record<string, TableSummary> = {};
      let totalRows = 0;
      for (const [t, expected] of Object.entries(header.tables)) {
        const fromFile = digests.get(t)?.summary() ?? new TableDigest().summary();
        if (fromFile.rows !== expected.rows || fromFile.sha256 !== expected.sha256)
          throw new BackupError(
            `表 ${t} 与文件头不符（文件中 ${fromFile.rows} 行，文件头 ${expected.rows} 行或校验值不同）`,
            `table ${t} does not match the header (file has ${fromFile.rows} rows, header ${expected.rows}, or the digest differs)`,
          );
        const restored = await digestTable(handle.engine, db, t, columns.get(t) ?? [], pageSize);
        if (restored.rows !== expected.rows || restored.sha256 !== expected.sha256)
          throw new BackupError(
            `恢复后的表 ${t} 校验不符（${restored.rows} 行，应为 ${expected.rows} 行）`,
            `restored table ${t} does not verify (${restored.rows} rows, expected ${expected.rows})`,
          );
        tables[t] = restored;
        totalRows += restored.rows;
      }
      await resetSequences(handle.engine, db, Object.keys(header.tables));
      return { file, sourceEngine: header.engine, createdAt: header.createdAt, tables, totalRows };
    });
  } finally {
    await lines.return(undefined);
  }
}
