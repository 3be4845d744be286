/** `qixian backup` and `qixian restore`: the CLI side of db/backup.ts. */
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { backupDatabase, restoreDatabase, type TableSummary } from '../db/backup.ts';
import { listTables } from '../db/dialect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { CliError, describeDatabase, formatTable, out, withDatabase } from './context.ts';

function tableLines(tables: Record<string, TableSummary>): string {
  return formatTable(
    ['表 / table', '行数 / rows', 'sha256'],
    Object.entries(tables).map(([t, s]) => [t, String(s.rows), s.sha256.slice(0, 16)]),
  );
}

/** Registers `backup` and `restore` on the program. */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description(
      '在线备份整个数据库到一个 gzip 文件（一致性快照，可跨引擎恢复）/ online backup of the whole database to a gzip file (consistent snapshot, restorable on either engine)',
    )
    .argument('[file]', '备份文件 / backup file')
    .option('--out <file>', '备份文件 / backup file')
    .action(async (file: string | undefined, opts: { out?: string }) => {
      const target = opts.out ?? file;
      if (!target) throw new CliError('请用 --out 指定备份文件', 'give the backup file with --out');
      await withDatabase(async ({ config, handle }) => {
        out(`数据库 / database: ${describeDatabase(config)}`);
        const started = Date.now();
        const r = await backupDatabase(handle, target);
        const rows = Object.values(r.header.tables).reduce((n, s) => n + s.rows, 0);
        out(tableLines(r.header.tables));
        out(
          `备份完成 / backup complete: ${r.file} (${r.bytes} 字节 / bytes, ${Object.keys(r.header.tables).length} 张表 / tables, ` +
            `${rows} 行 / rows, ${Date.now() - started} ms)`,
        );
      });
    });

  program
    .command('restore')
    .description(
      '从备份文件恢复到空数据库（全部在一个事务中，校验行数和哈希）/ restore a backup into an empty database (one transaction; counts and hashes verified)',
    )
    .argument('[file]', '备份文件 / backup file')
    .option('--in <file>', '备份文件 / backup file')
    .action(async (file: string | undefined, opts: { in?: string }) => {
      const source = opts.in ?? file;
      if (!source) throw new CliError('请用 --in 指定备份文件', 'give the backup file with --in');
      await withDatabase(async ({ config, handle }) => {
        out(`数据库 / database: ${describeDatabase(config)}`);
        if ((await listTables(handle.engine, handle.db as unknown as Kysely<unknown>)).length === 0) {
          const applied = await migrateToLatest(handle.db, handle.engine);
          out(`新数据库，已先迁移 / new database, migrated first: ${applied.join(', ')}`);
        }
        const started = Date.now();
        const r = await restoreDatabase(handle, source);
        out(tableLines(r.tables));
        out(
          `恢复完成 / restore complete: ${Object.keys(r.tables).length} 张表 / tables, ${r.totalRows} 行 / rows, ` +
            `行数与哈希均与备份一致 / counts and hashes match the backup (${Date.now() - started} ms)`,
        );
        out(`备份来源 / taken from: ${r.sourceEngine}, ${r.createdAt}`);
      });
    });
}
