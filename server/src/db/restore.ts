/** Verified restore of a backup file into an empty migrated database (format: backup-format.ts). */
import fs from 'node:fs';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import type { DbHandle } from './database.ts';
import { listTables, resetSequences } from './dialect.ts';

import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupError,
  DIGEST_KIND,
  TableDigest,
  columnsByTable,
  digestTable,
  fromPortable,
  migrationNames,
  type AnyDb,
  type BackupHeader,
  type PortableRow,
  type RestoreResult,
  type TableSummary,
} from './backup-format.ts';
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
