/**
 * Start-up benchmark (issue 11 item 2): seconds from running the start command to the first healthy
 * `GET /api/health`, SQLite demo mode, for
 *   - the baseline, the previous start from sources (`npm run start:source`: tsx server/src/main.ts), and
 *   - the compiled server (`npm start`: builds dist/server when a source changed, then node dist/server/main.js),
 * each cold (a new data directory: migrate, load the division tree, seed the demo data; for `npm start` also no
 * dist/, so it compiles first) and warm (the same data directory again, demo database present; median of --runs).
 *
 *   npx tsx bench/startup.ts [--runs 3] [--with-web]
 *
 * `--with-web` also deletes web/dist before each cold start (a fresh clone: the web build joins both cold figures).
 * Without it the web app must already be built (`npm run build:web`); it is then reused by every start.
 * Deletes dist/server (and with --with-web web/dist) of this checkout: do not run it beside a server started from it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from './lib/child.ts';
import { median } from './lib/stats.ts';

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    'with-web': { type: 'boolean', default: false },
  },
});
const RUNS = Math.max(1, Number(opts.runs));
const WARM_BAR_S = 3;
const TIMEOUT_MS = 10 * 60_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function healthy(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

/** Ends the whole process group (npm, sh, node) started for one run, and waits for it. */
async function stopGroup(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  process.kill(-proc.pid!, 'SIGTERM');
  const killer = setTimeout(() => process.kill(-proc.pid!, 'SIGKILL'), 15_000);
  await exited;
  clearTimeout(killer);
}

/** Runs `npm run <script>` in its own process group until /api/health answers; seconds to that answer. */
async function startOnce(script: string, dataDir: string): Promise<number> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    QIXIAN_DATA_DIR: dataDir,
    QIXIAN_MODE: 'demo',
    LOG_LEVEL: 'warn',
  };
  delete env.DATABASE_URL;
  const started = performance.now();
  const proc = spawn('npm', ['run', '--silent', script], {
    cwd: REPO_ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  try {
    for (;;) {
      if (proc.exitCode !== null) throw new Error(`${script} exited (${proc.exitCode}) before healthy:\n${output}`);
      if (performance.now() - started > TIMEOUT_MS) throw new Error(`${script}: not healthy in time:\n${output}`);
      if (await healthy(port)) return (performance.now() - started) / 1000;
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await stopGroup(proc);
  }
}

interface Figures {
  cold: number;
  warm: number[];
}

async function measure(script: string, removeBeforeCold: string[]): Promise<Figures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qixian-startup-'));
  try {
    for (const rel of removeBeforeCold) fs.rmSync(path.join(REPO_ROOT, rel), { recursive: true, force: true });
    const cold = await startOnce(script, dataDir);
    console.log(`  ${script} cold: ${cold.toFixed(2)} s`);
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      warm.push(await startOnce(script, dataDir));
      console.log(`  ${script} warm ${i + 1}: ${warm[i]!.toFixed(2)} s`);
    }
    return { cold, warm };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const web = opts['with-web'] ? ['web/dist'] : [];
if (!opts['with-web'] && !fs.existsSync(path.join(REPO_ROOT, 'web', 'dist', 'console.html'))) {
  throw new Error('web/dist is missing: run `npm run build:web` first, or pass --with-web');
}
console.log(
  `start-up to a healthy /api/health (SQLite, demo; warm = median of ${RUNS}${web.length ? '; web/dist rebuilt cold' : ''})`,
);
const baseline = await measure('start:source', web);
const compiled = await measure('start', [...web, 'dist']);

const rows = [
  ['baseline: tsx server/src/main.ts (`npm run start:source`)', baseline],
  ['compiled: node dist/server/main.js (`npm start`)', compiled],
] as const;
console.log('\n| start | cold (s) | warm (s, median) |\n|---|---:|---:|');
for (const [name, f] of rows) console.log(`| ${name} | ${f.cold.toFixed(1)} | ${median(f.warm).toFixed(2)} |`);
const warm = median(compiled.warm);
console.log(
  `\nstartup: cold ${compiled.cold.toFixed(1)} s (baseline ${baseline.cold.toFixed(1)} s), warm ${warm.toFixed(2)} s ` +
    `(baseline ${median(baseline.warm).toFixed(2)} s, ${(median(baseline.warm) / warm).toFixed(1)}x); ` +
    `warm bar < ${WARM_BAR_S} s: ${warm < WARM_BAR_S ? 'met' : 'NOT met'}`,
);
