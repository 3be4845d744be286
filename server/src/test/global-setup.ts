/**
 * Builds one migrated template database with the reference data per test run; every test then clones it
 * (a file copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL), so each test starts from a fresh database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { isPostgresUrl } from '../config.ts';
import { connect } from '../db/connect.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { seedReference } from '../db/seed/reference.ts';

export default async function setup(): Promise<() => Promise<void>> {
  const url = process.env.DATABASE_URL;
  // Names carry a run id so that concurrent test runs on one server never touch each other's databases.
  const runId = `${process.pid.toString(36)}${Date.now().toString(36).slice(-4)}`;
  process.env.QIXIAN_TEST_RUN = runId;
  const PG_TEMPLATE = `qx_tmpl_${runId}`;
  if (url && isPostgresUrl(url)) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${PG_TEMPLATE}`);
    await admin.query(`create database ${PG_TEMPLATE}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${PG_TEMPLATE}`;
    const h = connect({ url: u.toString(), poolSize: 1 });
    await migrateToLatest(h.db, h.engine);
    await seedReference(h.db, new Date().toISOString());
    await h.destroy();
    process.env.QIXIAN_TEST_TEMPLATE = PG_TEMPLATE;
    return async () => {
      const a = new pg.Client({ connectionString: url });
      await a.connect();
      const r = await a.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [
        `qx_t_${runId}_%`,
      ]);
      for (const row of r.rows) await a.query(`drop database if exists ${row.datname} with (force)`);
      await a.query(`drop database if exists ${PG_TEMPLATE}`);
      await a.end();
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qixian-test-'));
  const file = path.join(dir, 'template.db');
  const h = connect({ url: `sqlite:${file}` });
  await migrateToLatest(h.db, h.engine);
  await seedReference(h.db, new Date().toISOString());
  await h.destroy();
  process.env.QIXIAN_TEST_TEMPLATE = file;
  return () => {
    fs.rmSync(dir, { recursive: true, force: true });
    return Promise.resolve();
  };
}
