/**
 * Qixian child for bench/http.ts: migrates and seeds the database named by the environment (a fresh temp SQLite file
 * under QIXIAN_DATA_DIR, or DATABASE_URL for PostgreSQL), then serves buildApp on 127.0.0.1 at an ephemeral port and
 * announces it on stdout with a `QX_READY {json}` line. Stops cleanly on SIGTERM/SIGINT (so --cpu-prof is written).
 * With QX_PREPARE_ONLY=1 it only migrates and seeds, announces, and exits.
 */
import { buildApp } from '../../server/src/app.ts';
import { loadConfig } from '../../server/src/config.ts';
import { connect } from '../../server/src/db/connect.ts';
import { migrateToLatest } from '../../server/src/db/migrate.ts';
import { seedDemo } from '../../server/src/db/seed/demo.ts';
import { seedReference } from '../../server/src/db/seed/reference.ts';
import { createDeps } from '../../server/src/platform/deps.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const database = connect({ url: config.databaseUrl, sqliteSynchronous: config.sqliteSynchronous });
  await migrateToLatest(database.db, database.engine);
  await seedReference(database.db, new Date().toISOString());
  const { organisations } = await seedDemo(createDeps(config, database));
  if (process.env.QX_PREPARE_ONLY === '1') {
    // bench/http.ts serves the prepared database from the compiled server (dist/server/main.js) in a fresh process.
    await database.destroy();
    process.stdout.write(`QX_READY ${JSON.stringify({ port: 0, engine: database.engine, organisations })}\n`);
    return;
  }
  const app = await buildApp({ config, database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  process.stdout.write(`QX_READY ${JSON.stringify({ port, engine: database.engine, organisations })}\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void app
      .close()
      .then(() => database.destroy())
      .finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
