/** Entry point: `npm start`. Demo mode migrates, seeds and prints the demo accounts. */
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { connect } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { seedDemo } from './db/seed/demo.ts';
import { seedReference } from './db/seed/reference.ts';
import { createDeps } from './platform/deps.ts';
import { reindexIfStale } from './platform/search/sources.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = connect({ url: config.databaseUrl, sqliteSynchronous: config.sqliteSynchronous });
  const applied = await migrateToLatest(database.db, database.engine);
  if (applied.length > 0) console.log(`已执行迁移 / migrations applied: ${applied.join(', ')}`);
  const ref = await seedReference(database.db, new Date().toISOString());
  if (ref.divisions > 0)
    console.log(`已载入行政区划 ${ref.divisions} 条、旗县属性 ${ref.attributes} 条 / reference data loaded`);

  if (config.mode === 'demo') {
    const { accounts } = await seedDemo(createDeps(config, database));
    console.log(
      '\n演示模式（演示数据） / demo mode — demo accounts (password for all: %s)',
      accounts[0]?.password ?? '',
    );
    const shown = accounts.filter(
      (a) =>
        !a.username.startsWith('county-') || ['county-150102', 'county-150121', 'county-150203'].includes(a.username),
    );
    console.table(shown.map((a) => ({ 用户名: a.username, 角色: a.role, 区划: a.division, 说明: a.note })));
    console.log(
      '另有每个旗县一个账户 county-<代码>（共 103 个）/ plus one county-<code> account for each of the 103 counties\n',
    );
  }

  const reindexed = await reindexIfStale(database.db); // the segmenter changed since the index was written
  if (reindexed > 0) console.log(`已重建检索索引 ${reindexed} 条 / search index rebuilt (${reindexed} documents)`);

  const app = await buildApp({ config, database });
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await database.destroy();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  console.log(
    `旗县平台已启动 / Qixian is running: http://localhost:${config.port}  (${database.engine}, ${config.mode})`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
