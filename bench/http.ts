/**
 * HTTP benchmark (`npm run bench:http`, see bench/README.md).
 *
 * Measures, in one run and against a baseline from the same run (shared/specs/performance.md):
 *   1. bare node:http JSON (the baseline),
 *   2. Qixian GET /api/health,
 *   3. Qixian GET /api/organisations?page=1&pageSize=20 signed in as a county officer and as the region officer.
 * Servers run as child processes pinned to CPU 0 with taskset; this process (autocannon) is pinned to CPU 1.
 * Loopback only. Writes the table to docs/BENCHMARKS.md under "HTTP (bench/http.ts)".
 *
 *   npx tsx bench/http.ts [--duration 10] [--connections 100] [--runs 3] [--warmup 2] [--engine sqlite|postgres]
 *                         [--cpu-prof] [--no-write] [--cases bare,health,county,region]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { REPO_ROOT, cpuSecondsOf, memoryOf, pinSelf, pinningAvailable, spawnServer, type ServerChild } from './lib/child.ts';
import { createPgDatabase, dropPgDatabase, redactUrl, signIn, startCompiledQixian } from './lib/qixian-stack.ts';
import { upsertSubsection } from './lib/docs.ts';
import { fmtInt, fmtMs, fmtRatio, markdownTable, median } from './lib/stats.ts';

const SERVER_CPU = 0;
const LOAD_CPU = 1;
const BENCH_DB = 'qixian_bench';
const LIST_PATH = '/api/organisations?page=1&pageSize=20';

const { values: opts } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '100' },
    runs: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '2' },
    engine: { type: 'string', default: 'sqlite' },
    'cpu-prof': { type: 'boolean', default: false },
    'no-write': { type: 'boolean', default: false },
    cases: { type: 'string', default: 'bare,health,county,region' },
  },
  strict: true,
});

const duration = Number(opts.duration);
const connections = Number(opts.connections);
const runs = Number(opts.runs);
const warmup = Number(opts.warmup);
const engine = opts.engine;
if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`--engine must be sqlite or postgres, not ${engine}`);
for (const [name, v] of Object.entries({ duration, connections, runs })) {
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer`);
}
if (!Number.isFinite(warmup) || warmup < 0) throw new Error('--warmup must be >= 0');

interface Case {
  id: string;
  label: string;
  server: 'bare' | 'qixian';
  path: string;
  headers: Record<string, string>;
  target: string;
  /** Whether the same-run ratio and p99 meet the spec target. */
  meets?: (ratio: number, p99: number) => boolean;
}

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Server process CPU (user + system) per completed request, microseconds. */
  cpuUs: number;
}

const cleanups: (() => Promise<void>)[] = [];
async function cleanup(): Promise<void> {
  while (cleanups.length > 0) {
    const fn = cleanups.pop()!;
    try {
      await fn();
    } catch (err) {
      console.error('cleanup failed:', err);
    }
  }
}
process.once('SIGINT', () => {
  console.error('\ninterrupted; cleaning up');
  void cleanup().finally(() => process.exit(130));
});

async function login(base: string, username: string): Promise<string> {
  return (await signIn(base, username)).cookie;
}

/** One request before the load, so a broken case fails before anything is measured. */
async function preflight(base: string, c: Case): Promise<string> {
  const res = await fetch(`${base}${c.path}`, { headers: c.headers });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${c.label}: HTTP ${res.status} ${text.slice(0, 300)}`);
  const body = JSON.parse(text) as { items?: unknown[]; total?: number };
  if (c.path.startsWith('/api/organisations')) {
    if (!Array.isArray(body.items) || typeof body.total !== 'number') throw new Error(`${c.label}: unexpected body ${text.slice(0, 300)}`);
    if (body.items.length !== Math.min(20, body.total)) throw new Error(`${c.label}: ${body.items.length} items for total ${body.total}`);
    return `${body.total} organisations in scope, ${body.items.length} on the page, ${Buffer.byteLength(text)} bytes`;
  }
  return `${Buffer.byteLength(text)} bytes`;
}

async function load(url: string, headers: Record<string, string>, seconds: number, serverPid: number): Promise<Sample> {
  const cpu0 = cpuSecondsOf(serverPid);
  const r = await autocannon({ url, connections, duration: seconds, headers, pipelining: 1 });
  const cpu1 = cpuSecondsOf(serverPid);
  return {
    cpuUs: ((cpu1 - cpu0) * 1e6) / r.requests.total,
    rps: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

async function main(): Promise<void> {
  const loadStart = os.loadavg()[0]!;
  const nproc = os.availableParallelism(); // before pinning this process to one CPU
  const pinned = pinningAvailable();
  if (pinned) pinSelf(LOAD_CPU);
  else console.warn('!! taskset unavailable or fewer than 2 CPUs: server and load generator share the CPUs; ratios still hold, absolutes do not');
  const serverCpu = pinned ? SERVER_CPU : null;

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qixian-bench-'));
  cleanups.push(() => Promise.resolve(fs.rmSync(dataDir, { recursive: true, force: true })));

  const env: NodeJS.ProcessEnv = { ...process.env, QIXIAN_MODE: 'demo', QIXIAN_DATA_DIR: dataDir, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: '0' };
  let dbDescription: string;
  const adminUrl = process.env.DATABASE_URL;
  if (engine === 'postgres') {
    if (!adminUrl) throw new Error('--engine postgres needs DATABASE_URL (a database to connect to for CREATE DATABASE)');
    const { url, version } = await createPgDatabase(adminUrl, BENCH_DB);
    cleanups.push(() => dropPgDatabase(adminUrl, BENCH_DB));
    env.DATABASE_URL = url;
    dbDescription = `PostgreSQL ${version} (local, fresh database \`${BENCH_DB}\`, pg pool of 10)`;
  } else {
    delete env.DATABASE_URL;
    const sqliteVersion = await import('better-sqlite3').then((m) => {
      const d = new m.default(':memory:');
      const v = (d.prepare('select sqlite_version() as v').get() as { v: string }).v;
      d.close();
      return v;
    });
    dbDescription = `SQLite ${sqliteVersion} via better-sqlite3 (temp file, WAL, synchronous=${process.env.QIXIAN_SQLITE_SYNCHRONOUS ?? 'FULL'})`;
  }

  const profDir = path.join(dataDir, 'cpu-prof');
  const profOut = path.join(os.tmpdir(), 'qixian-bench-profiles');
  console.log(`starting servers (${engine}; migrate + reference + demo seed)...`);
  const bare = await spawnServer({ name: 'bare', script: 'bench/lib/bare-server.ts', env: { ...process.env }, cpu: serverCpu });
  cleanups.push(() => bare.stop());
  // The database is prepared (migrated, seeded) by a tsx child first; the server measured is the production one:
  // compiled JavaScript (dist/server/main.js, built here when its sources changed) started on that database.
  const { server: qixian } = await startCompiledQixian(env, serverCpu, opts['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []);
  cleanups.push(() => qixian.stop());

  const baseOf = (s: ServerChild) => `http://127.0.0.1:${s.port}`;
  const qBase = baseOf(qixian);
  const countyCookie = await login(qBase, 'county-150102');
  const regionCookie = await login(qBase, 'region');

  // Targets of issue 11: health >= 0.85x; lists >= 0.25x (county) and >= 0.2x (region) on SQLite, >= 0.1x on
  // PostgreSQL; p99 < 50 ms at 100 connections.
  const listBar = (county: boolean) => (engine === 'postgres' ? 0.1 : county ? 0.25 : 0.2);
  const listTarget = (county: boolean) => `>= ${listBar(county)}x, p99 < 50 ms`;
  const listMeets = (county: boolean) => (ratio: number, p99: number) => ratio >= listBar(county) && p99 < 50;
  const allCases: Case[] = [
    { id: 'bare', label: 'bare node:http JSON (baseline)', server: 'bare', path: '/', headers: {}, target: '1.00x' },
    {
      id: 'health',
      label: 'Qixian GET /api/health',
      server: 'qixian',
      path: '/api/health',
      headers: {},
      target: '>= 0.85x',
      meets: (ratio) => ratio >= 0.85,
    },
    {
      id: 'county',
      label: 'Qixian GET /api/organisations (county-150102)',
      server: 'qixian',
      path: LIST_PATH,
      headers: { cookie: countyCookie },
      target: listTarget(true),
      meets: listMeets(true),
    },
    {
      id: 'region',
      label: 'Qixian GET /api/organisations (region, 103 counties)',
      server: 'qixian',
      path: LIST_PATH,
      headers: { cookie: regionCookie },
      target: listTarget(false),
      meets: listMeets(false),
    },
  ];
  const wanted = new Set(['bare', ...opts.cases.split(',').map((x) => x.trim())]);
  for (const w of wanted) if (!allCases.some((c) => c.id === w)) throw new Error(`--cases: unknown case ${w}`);
  const cases = allCases.filter((c) => wanted.has(c.id));
  const partial = cases.length < allCases.length;
  const urlOf = (c: Case) => `${baseOf(c.server === 'bare' ? bare : qixian)}${c.path}`;
  const pidOf = (c: Case) => (c.server === 'bare' ? bare : qixian).pid;

  const notes: string[] = [];
  for (const c of cases) {
    const note = await preflight(baseOf(c.server === 'bare' ? bare : qixian), c);
    notes.push(`${c.label}: ${note}`);
    console.log(`  ${c.label}: ${note}`);
  }

  if (warmup > 0) {
    console.log(`warm-up: ${warmup} s per case`);
    for (const c of cases) await load(urlOf(c), c.headers, warmup, pidOf(c));
  }

  const samples = new Map<string, Sample[]>(cases.map((c) => [c.id, []]));
  for (let run = 1; run <= runs; run++) {
    for (const c of cases) {
      const s = await load(urlOf(c), c.headers, duration, pidOf(c));
      samples.get(c.id)!.push(s);
      const bad = s.non2xx + s.errors + s.timeouts;
      console.log(
        `run ${run}/${runs}  ${c.label.padEnd(54)} ${fmtInt(s.rps).padStart(7)} req/s  p50 ${fmtMs(s.p50)}  p99 ${fmtMs(s.p99)}  server CPU ${fmtInt(s.cpuUs)} us/req${bad > 0 ? `  !! non-2xx ${s.non2xx}, errors ${s.errors}, timeouts ${s.timeouts}` : ''}`,
      );
    }
  }

  const qMem = memoryOf(qixian.pid);
  const bareMem = memoryOf(bare.pid);
  await qixian.stop();
  await bare.stop();

  // Ratio per run against that run's bare figure, then the median over runs.
  const bareRuns = samples.get('bare')!;
  const rows: string[][] = [];
  const verdicts: string[] = [];
  let failures = 0;
  for (const c of cases) {
    const ss = samples.get(c.id)!;
    const ratios = ss.map((s, i) => s.rps / bareRuns[i]!.rps);
    const rps = median(ss.map((s) => s.rps));
    const p50 = median(ss.map((s) => s.p50));
    const p99 = median(ss.map((s) => s.p99));
    const ratio = median(ratios);
    const cpuUs = median(ss.map((s) => s.cpuUs));
    const cpuRatio = median(ss.map((s, i) => bareRuns[i]!.cpuUs / s.cpuUs));
    const non2xx = ss.reduce((a, s) => a + s.non2xx, 0);
    const errors = ss.reduce((a, s) => a + s.errors + s.timeouts, 0);
    failures += non2xx + errors;
    const met = c.meets ? (c.meets(ratio, p99) ? 'yes' : '**no**') : '—';
    rows.push([
      c.label,
      fmtInt(rps),
      fmtMs(p50),
      fmtMs(p99),
      fmtRatio(ratio),
      `${fmtInt(cpuUs)} us`,
      fmtRatio(cpuRatio),
      c.target,
      met,
      String(non2xx) + (errors > 0 ? ` (+${errors} errors)` : ''),
      ss.map((s) => fmtInt(s.rps)).join(' / '),
    ]);
    if (c.meets) verdicts.push(`${c.id}: ${met.replace(/\*/g, '')}`);
  }
  const table = markdownTable(['case', 'req/s (median)', 'p50', 'p99', 'x bare (same run)', 'server CPU/req', 'x bare by CPU', 'target', 'met', 'non-2xx', 'req/s per run'], rows);
  const memLine = `Server RSS at the end (/proc/<pid>/status): Qixian ${qMem ? `${qMem.rssMb.toFixed(0)} MB (peak VmHWM ${qMem.hwmMb.toFixed(0)} MB)` : 'n/a'}; bare ${bareMem ? `${bareMem.rssMb.toFixed(0)} MB` : 'n/a'} — target < 300 MB.`;

  console.log(`\n${table}\n\n${memLine}`);

  if (opts['cpu-prof']) {
    fs.mkdirSync(profOut, { recursive: true });
    for (const f of fs.existsSync(profDir) ? fs.readdirSync(profDir) : []) {
      fs.copyFileSync(path.join(profDir, f), path.join(profOut, `${engine}-${f}`));
      console.log(`cpu profile: ${path.join(profOut, `${engine}-${f}`)}`);
    }
  }

  if (failures > 0) {
    await cleanup();
    console.error(`\n!!!!! FAILED: ${failures} non-2xx responses / connection errors during the load — the figures above are not valid and were not written.`);
    process.exit(1);
  }

  if (partial) console.log('\n(--cases selects a subset: not written to docs/BENCHMARKS.md)');
  else if (!opts['no-write']) {
    const args = process.argv.slice(2).join(' ');
    const command = `${engine === 'postgres' && adminUrl ? `DATABASE_URL=${redactUrl(adminUrl)} ` : ''}npx tsx bench/http.ts${args ? ` ${args}` : ''}`;
    const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
    const content = [
      `Command: \`${command}\``,
      '',
      `Date: ${new Date().toISOString()} — machine: nproc ${nproc} (${cpu}), Node ${process.version}, ${os.type()} ${os.release()}.`,
      `Setup: ${pinned ? `servers pinned to CPU ${SERVER_CPU} (\`taskset -c ${SERVER_CPU}\`), autocannon in the parent pinned to CPU ${LOAD_CPU}` : 'no CPU pinning (taskset unavailable)'}; 127.0.0.1; ${connections} connections, ${duration} s per case, ${runs} runs (cases interleaved in each run, ${warmup} s warm-up per case first); figures are medians over the runs; "x bare" is each run's req/s divided by the bare baseline of the same run, median over runs. "server CPU/req" is the server child's user+system CPU time (/proc/<pid>/stat) divided by the requests it served — less sensitive to other jobs on the machine than req/s; "x bare by CPU" is bare CPU/req ÷ case CPU/req (same run, median).${engine === 'postgres' ? ' With PostgreSQL the backends\' CPU is not included in "server CPU/req", and the PostgreSQL server processes (shared with other users of the machine) are not pinned.' : ''} Qixian: the compiled production server (dist/server/main.js, plain node) with LOG_LEVEL=warn in demo mode on ${dbDescription}, migrated + reference + demo seed by a separate process first.`,
      `Machine load (1-min load average, the machine is shared): ${loadStart.toFixed(2)} at the start, ${os.loadavg()[0]!.toFixed(2)} at the end — above ~2 means other jobs competed for the two cores and the absolute figures are depressed; the same-run ratios absorb part of that.`,
      `Data: ${notes.filter((n) => n.includes('organisations in scope')).join('; ')}.`,
      '',
      table,
      '',
      memLine,
    ].join('\n');
    const file = path.join(REPO_ROOT, 'docs', 'BENCHMARKS.md');
    const intro = [
      'Bare node:http JSON vs Qixian (Fastify + Kysely) on the same machine in the same run: the health route (framework',
      'overhead) and the scoped, authenticated organisation list (one session query + scope by division codes + page',
      'of 20 + total) for a county officer (one county) and the region officer (all 103 counties). Targets (issue 11): health',
      '>= 0.85x of bare; lists >= 0.25x (county) and >= 0.2x (region) on SQLite, >= 0.1x on PostgreSQL, p99 < 50 ms;',
      'RSS < 300 MB at the end. Non-2xx responses fail the run.',
    ].join('\n');
    upsertSubsection(file, 'HTTP (bench/http.ts)', intro, engine === 'postgres' ? 'PostgreSQL' : 'SQLite', content, ['SQLite', 'PostgreSQL']);
    console.log(`\nwritten to ${path.relative(REPO_ROOT, file)} (${verdicts.join(', ')})`);
  }
  await cleanup();
}

main().catch(async (err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  await cleanup();
  process.exit(1);
});
