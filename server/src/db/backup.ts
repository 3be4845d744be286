/** Online, consistent, portable backup (format and digests: backup-format.ts; restore: restore.ts). */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type { DbHandle } from './database.ts';

import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  DIGEST_KIND,
  TableDigest,
  columnsByTable,
  migrationNames,
  portableRow,
  tableRows,
  tablesInInsertOrder,
  type AnyDb,
  type BackupHeader,
  type BackupOptions,
  type BackupResult,
  type TableSummary,
} from './backup-format.ts';
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

export { restoreDatabase } from './restore.ts';
export { BackupError, orderTables, TABLE_PRIORITY, type BackupHeader, type TableSummary } from './backup-format.ts';
