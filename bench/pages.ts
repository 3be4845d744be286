/**
 * Page load benchmark (issue 12, "Measure"): Chromium loads the main pages of the compiled server in demo mode and
 * reports the time from navigation to the page's content (the element a user waits for), against a bare static page
 * served by node:http in the same run. Each page loads in a fresh browser context (a first visit: nothing cached),
 * signed in through the API first where the page needs it. Target: results and entry under 2x the dashboard's time.
 *
 *   npx tsx bench/pages.ts [--runs 3] [--no-write]
 *
 * Needs Chromium at /usr/bin/chromium (or CHROMIUM_PATH). Loopback only.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from './lib/child.ts';
import { upsertSubsection } from './lib/docs.ts';
import { DEMO_PASSWORD, startCompiledQixian } from './lib/qixian-stack.ts';
import { fmtRatio, markdownTable, median } from './lib/stats.ts';

const { values: opts } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, 'no-write': { type: 'boolean', default: false } },
  strict: true,
});
const runs = Number(opts.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');

interface PageCase {
  id: string;
  label: string;
  /** Demo account signed in before the page loads, or null. */
  user: string | null;
  url: string;
  /** Resolves when the content the user came for is on screen. */
  content: (page: Page) => Promise<unknown>;
}

const CASES: PageCase[] = [
  {
    id: 'bare',
    label: 'bare static page (baseline)',
    user: null,
    url: 'BARE',
    content: (p) => p.locator('h1').waitFor(),
  },
  {
    id: 'portal',
    label: '门户首页 portal home',
    user: null,
    url: '/',
    content: (p) => p.getByText('个旗县级行政区').first().waitFor(),
  },
  {
    id: 'login',
    label: '工作台登录 console sign-in',
    user: null,
    url: '/console/login',
    content: (p) => p.getByLabel('用户名').waitFor(),
  },
  {
    id: 'dashboard',
    label: '工作台首页 dashboard with the map (region)',
    user: 'region',
    url: '/console',
    content: (p) => p.locator('[data-testid="county-map"][data-ready="true"]').first().waitFor(),
  },
  {
    id: 'entry',
    label: '数据填报 entry form (county 150102, 2025)',
    user: 'county-150102',
    url: '/console/monitoring/entry/150102/2025',
    content: (p) => p.getByTestId('form-status').waitFor(),
  },
  {
    id: 'results',
    label: '监测结果 results with map and rank table (region)',
    user: 'region',
    url: '/console/monitoring/results',
    content: async (p) => {
      await p.locator('[data-testid="county-map"][data-ready="true"]').first().waitFor();
      await p.locator('tbody tr.ant-table-row').first().waitFor();
    },
  },
];

function bareServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const html =
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>baseline</title></head><body><h1>旗县</h1></body></html>';
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html) });
    res.end(html);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

async function timePage(browser: Browser, base: string, bare: string, c: PageCase): Promise<number> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
  try {
    if (c.user) {
      const res = await context.request.post(`${base}/api/auth/login`, {
        data: { username: c.user, password: DEMO_PASSWORD },
      });
      if (res.status() !== 200) throw new Error(`sign-in ${c.user}: HTTP ${res.status()}`);
    }
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    const started = performance.now();
    await page.goto(c.url === 'BARE' ? bare : `${base}${c.url}`, { waitUntil: 'commit' });
    await c.content(page);
    return performance.now() - started;
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const loadStart = os.loadavg()[0]!;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qixian-pages-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    QIXIAN_MODE: 'demo',
    QIXIAN_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
  };
  delete env.DATABASE_URL;
  const { server } = await startCompiledQixian(env, null);
  const bare = await bareServer();
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
  const base = `http://127.0.0.1:${server.port}`;
  const times = new Map<string, number[]>(CASES.map((c) => [c.id, []]));
  try {
    // One unmeasured pass: the server's first answers (caches, lazy modules) are not what a user meets later.
    for (const c of CASES) await timePage(browser, base, bare.url, c);
    for (let run = 1; run <= runs; run++) {
      for (const c of CASES) {
        const ms = await timePage(browser, base, bare.url, c);
        times.get(c.id)!.push(ms);
        console.log(`run ${run}/${runs}  ${c.label.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms`);
      }
    }
  } finally {
    await browser.close();
    await bare.close();
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }

  const med = (id: string) => median(times.get(id)!);
  const baseline = med('bare');
  const dashboard = med('dashboard');
  const rows = CASES.map((c) => {
    const m = med(c.id);
    const target = c.id === 'entry' || c.id === 'results' ? '< 2x dashboard' : '—';
    const met = target === '—' ? '—' : m < 2 * dashboard ? 'yes' : '**no**';
    return [
      c.label,
      `${m.toFixed(0)} ms`,
      fmtRatio(m / baseline),
      fmtRatio(m / dashboard),
      target,
      met,
      times
        .get(c.id)!
        .map((t) => t.toFixed(0))
        .join(' / '),
    ];
  });
  const table = markdownTable(
    ['page', 'time to content (median)', 'x bare page', 'x dashboard', 'target', 'met', 'ms per run'],
    rows,
  );
  console.log(`\n${table}`);
  if (!opts['no-write']) {
    const content = [
      `Command: \`npx tsx bench/pages.ts --runs ${runs}\``,
      '',
      `Date: ${new Date().toISOString()} — machine: nproc ${os.availableParallelism()}, Node ${process.version}, ${chromium.name()} at ${process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'}; load average ${loadStart.toFixed(2)} at the start, ${os.loadavg()[0]!.toFixed(2)} at the end. Server: compiled (dist/server/main.js), demo mode, SQLite; each page in a fresh context at 1440x900 after one unmeasured pass; time from navigation to the content named in bench/pages.ts.`,
      '',
      table,
    ].join('\n');
    const intro = [
      'Chromium loads the main pages and reports the time from navigation to the content a user waits for, against a bare',
      'static page served by node:http in the same run. Target (issue 12): results and entry under 2x the dashboard.',
    ].join('\n');
    upsertSubsection(
      path.join(REPO_ROOT, 'docs', 'BENCHMARKS.md'),
      'Page load (bench/pages.ts)',
      intro,
      'Console and portal',
      content,
      ['Console and portal'],
    );
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
