/** Starts Qixian in demo mode on a temporary SQLite database (loopback only) and Debian's Chromium. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
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

/** The documented demo password (server/src/db/seed/demo.ts). */
export const DEMO_PASSWORD = 'Demo#2026qx';

/** A browser context of one journey with the console errors it collects (every journey expects none). */
export interface Journey {
  context: BrowserContext;
  page: Page;
  errors: string[];
  /** Every API call of the journey with its answer's status, oldest first (printed when a step fails). */
  calls: string[];
}

export async function openJourney(browser: Browser, width = 1360): Promise<Journey> {
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width, height: 900 },
    locale: 'zh-CN',
  });
  // The machine running the journeys may be busy (2 cores shared with builds): wait longer than the default.
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  const calls: string[] = [];
  const started = Date.now();
  const at = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/')) calls.push(`${at()} ${r.request().method()} ${url.pathname} ${r.status()}`);
  });
  page.on('requestfailed', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/'))
      calls.push(`${at()} ${r.method()} ${url.pathname} failed: ${r.failure()?.errorText ?? '?'}`);
  });
  return { context, page, errors, calls };
}

/** Fills the console sign-in form (a TOTP step, when the account has one, follows on the same page). */
export async function signIn(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/console/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
}

/**
 * What the page showed when a step failed: toasts, dialogs and form errors, the journey's API calls and console
 * errors. A journey that fails on a busy CI machine leaves only its log behind, so the log must say why.
 */
export async function describeFailure(j: Journey): Promise<string> {
  const visible = await j.page
    .locator('.ant-message-notice, .ant-notification-notice, .ant-modal, .ant-alert, .ant-form-item-explain-error')
    .allInnerTexts()
    .catch((e: unknown) => [`(page unreadable: ${String(e)})`]);
  return [
    `url: ${j.page.url()}`,
    `on screen: ${visible.map((v) => v.replace(/\s+/g, ' ').trim()).filter(Boolean).join(' | ') || '(no message or dialog)'}`,
    `api calls:\n  ${j.calls.slice(-40).join('\n  ') || '(none)'}`,
    `console errors: ${j.errors.join(' | ') || '(none)'}`,
  ].join('\n');
}
