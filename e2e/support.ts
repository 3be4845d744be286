/** Starts Qixian in demo mode on a temporary SQLite database (loopback only) and Debian's Chromium. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/src/app.ts';
import { loadConfig } from '../server/src/config.ts';
import { connect } from '../server/src/db/connect.ts';
import { migrateToLatest } from '../server/src/db/migrate.ts';
import { seedDemo } from '../server/src/db/seed/demo.ts';
import { seedReference } from '../server/src/db/seed/reference.ts';
import { createDeps } from '../server/src/platform/deps.ts';

export const SCREENSHOT_DIR = path.resolve('e2e/screenshots');

export interface Stack {
  baseUrl: string;
  browser: Browser;
  app: FastifyInstance;
  stop(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qixian-e2e-'));
  const config = loadConfig({ QIXIAN_MODE: 'demo', QIXIAN_DATA_DIR: dir, LOG_LEVEL: 'warn' });
  const database = connect({ url: config.databaseUrl });
  await migrateToLatest(database.db, database.engine);
  await seedReference(database.db, new Date().toISOString());
  await seedDemo(createDeps(config, database));
  const app = await buildApp({ config, database, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    baseUrl: `http://localhost:${port}`,
    browser,
    app,
    async stop() {
      await browser.close();
      await app.close();
      await database.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
