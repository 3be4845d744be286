/** `qixian migrate` and `qixian seed [--demo]`. */
import type { Command } from 'commander';
import { migrateToLatest } from '../db/migrate.ts';
import { seedDemo } from '../db/seed/demo.ts';
import { seedReference } from '../db/seed/reference.ts';
import { iso } from '../platform/clock.ts';
import { CliError, describeDatabase, formatTable, out, withDatabase } from './context.ts';

/** Registers the database commands on the program. */
export function registerDbCommands(program: Command): void {
  program
    .command('migrate')
    .description('将数据库迁移到最新版本 / migrate the database to the latest schema')
    .action(async () => {
      await withDatabase(async ({ config, handle }) => {
        out(`数据库 / database: ${describeDatabase(config)}`);
        const applied = await migrateToLatest(handle.db, handle.engine);
        if (applied.length === 0) out('数据库已是最新版本 / the database is already up to date');
        else {
          out(`已应用 ${applied.length} 个迁移 / applied ${applied.length} migration(s):`);
          for (const name of applied) out(`  ${name}`);
        }
      });
    });

  program
    .command('seed')
    .description(
      '写入基础参考数据（行政区划等）；加 --demo 同时写入演示数据 / seed reference data (divisions …); with --demo also the demo data set',
    )
    .option(
      '--demo',
      '同时写入演示账户和单位（生产模式禁止）/ also seed demo accounts and organisations (refused in production)',
    )
    .action(async (opts: { demo?: boolean }) => {
      await withDatabase(async ({ config, handle, deps }) => {
        if (opts.demo && config.mode === 'production')
          throw new CliError(
            '生产模式下禁止写入演示数据',
            'refusing to seed demo data in production mode (QIXIAN_MODE=production)',
          );
        out(`数据库 / database: ${describeDatabase(config)}`);
        const applied = await migrateToLatest(handle.db, handle.engine);
        if (applied.length > 0) out(`已应用迁移 / applied migrations: ${applied.join(', ')}`);
        const ref = await seedReference(handle.db, iso(deps.clock.now()));
        if (ref.divisions === 0) out('参考数据已存在，未改动 / reference data already present, unchanged');
        else
          out(
            `参考数据 / reference data: ${ref.divisions} 个行政区划 / divisions, ${ref.attributes} 条旗县属性 / county attributes`,
          );
        if (!opts.demo) return;
        const demo = await seedDemo(deps);
        out(`演示单位 / demo organisations: ${demo.organisations}`);
        if (demo.accounts.length === 0) {
          out('演示账户已存在，未改动 / demo accounts already present, unchanged');
          return;
        }
        out(`演示账户 / demo accounts (${demo.accounts.length}):`);
        out(
          formatTable(
            ['用户名 / username', '密码 / password', '角色 / role', '区划 / division', '说明 / note'],
            demo.accounts.map((a) => [a.username, a.password, a.role, a.division, a.note]),
          ),
        );
      });
    });
}
