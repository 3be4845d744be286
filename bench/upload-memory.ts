/**
 * Memory of the production server during a 100,000-row spreadsheet upload (issue 11, item 3): the compiled server
 * (dist/server/main.js, as `npm start` runs it) on the demo database, the region officer uploads a 100,000-row
 * organisations xlsx over HTTP (`POST /api/imports/organisations?wait=true`: parse in the worker, validation, scope,
 * duplicate checks, sealed pending rows), and this process samples the server's RSS from /proc every 20 ms.
 * Baseline in the same run: the same server's RSS at rest (after a few warm-up requests) just before the upload.
 * Then the commit of the same import is measured the same way (informative: the bar is for the upload).
 *
 *   npx tsx bench/upload-memory.ts [--rows 100000] [--runs 3] [--engine sqlite|postgres] [--no-write] [--trace]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { usccCheckChar } from '../contracts/identifiers.ts';
import { memoryOf } from './lib/child.ts';
import { upsertSubsection } from './lib/docs.ts';
import { createPgDatabase, dropPgDatabase, signIn, startCompiledQixian, type Session } from './lib/qixian-stack.ts';
import { markdownTable, median } from './lib/stats.ts';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string): string => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
};
const ROWS = Number(opt('rows', '100000'));
const RUNS = Number(opt('runs', '3'));
const ENGINE = opt('engine', 'sqlite') as 'sqlite' | 'postgres';
const WRITE = !args.includes('--no-write');
const TRACE = args.includes('--trace');
/** Extra node flags for the server (experiments, e.g. `--server-args=--max-semi-space-size=8`). */
const SERVER_ARGS = args.filter((a) => a.startsWith('--server-args=')).map((a) => a.slice('--server-args='.length));
const BAR_MB = 300;
// Counties of several leagues (the region officer's scope covers them all).
const COUNTIES = ['150102', '150121', '150203', '150221', '150402', '150502', '150621', '150702', '150802', '150902'];

function uscc(n: number): string {
  const first17 = `91150102MB${String(n).padStart(7, '0')}`;
  return first17 + (usccCheckChar(first17) ?? '0');
}

async function buildXlsx(rows: number): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true });
  const ws = wb.addWorksheet('单位');
  ws.addRow(['单位名称', '单位类型', '统一社会信用代码', '行政区划代码']).commit();
  for (let i = 1; i <= rows; i++)
    ws.addRow([`基准上传单位${i}`, i % 2 ? '企业' : '事业单位', uscc(i), COUNTIES[i % COUNTIES.length]]).commit();
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

/** Runs `fn` while sampling `pid`'s RSS every 20 ms; returns its result, the peak RSS and the wall time. */
async function sampled<T>(pid: number, fn: () => Promise<T>): Promise<{ value: T; peakMb: number; ms: number }> {
  let peak = memoryOf(pid)?.rssMb ?? 0;
  const trace: string[] = [];
  let ticks = 0;
  const timer = setInterval(() => {
    const rss = memoryOf(pid)?.rssMb ?? 0;
    peak = Math.max(peak, rss);
    if (TRACE && ++ticks % 25 === 0) trace.push(rss.toFixed(0));
  }, 20);
  const t0 = performance.now();
  try {
    const value = await fn();
    if (TRACE) console.log(`RSS every 0.5 s: ${trace.join(' ')}`);
    return { value, peakMb: Math.max(peak, memoryOf(pid)?.rssMb ?? 0), ms: performance.now() - t0 };
  } finally {
    clearInterval(timer);
  }
}

interface Job {
  id: number;
  status: string;
  rowCount: number;
  errorCount: number;
}

async function call(base: string, s: Session, method: string, url: string, body?: Buffer): Promise<Job> {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.csrf,
      ...(body ? { 'content-type': 'application/octet-stream' } : {}),
    },
    body: body ? new Uint8Array(body) : undefined,
  });
  const json = (await res.json()) as Job;
  if (res.status >= 300) throw new Error(`${method} ${url}: HTTP ${res.status} ${JSON.stringify(json).slice(0, 400)}`);
  return json;
}

async function waitFor(base: string, s: Session, id: number, done: (j: Job) => boolean): Promise<Job> {
  for (;;) {
    const job = await call(base, s, 'GET', `/api/imports/${id}`);
    if (done(job)) return job;
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface RunResult {
  restMb: number;
  uploadPeakMb: number;
  uploadMs: number;
  commitPeakMb: number;
  commitMs: number;
  rows: string;
}

async function oneRun(file: Buffer): Promise<RunResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qixian-upload-mem-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    QIXIAN_MODE: 'demo',
    QIXIAN_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
  };
  const pgName = `qixian_upload_mem_${process.pid}`;
  const adminUrl = process.env.DATABASE_URL;
  if (ENGINE === 'postgres') {
    if (!adminUrl) throw new Error('--engine postgres needs DATABASE_URL');
    env.DATABASE_URL = (await createPgDatabase(adminUrl, pgName)).url;
  } else delete env.DATABASE_URL;
  const { server } = await startCompiledQixian(env, null, [...SERVER_ARGS, ...(TRACE ? ['--trace-gc'] : [])]);
  try {
    const base = `http://127.0.0.1:${server.port}`;
    const region = await signIn(base, 'region');
    for (let i = 0; i < 20; i++) await fetch(`${base}/api/organisations?pageSize=20`, { headers: { cookie: region.cookie } });
    await new Promise((r) => setTimeout(r, 2000));
    const restMb = memoryOf(server.pid)?.rssMb ?? NaN;
    const upload = await sampled(server.pid, () =>
      call(base, region, 'POST', `/api/imports/organisations?name=${encodeURIComponent('单位.xlsx')}&wait=true`, file),
    );
    const job = upload.value;
    const rows = `${job.rowCount} rows, ${job.errorCount} errors`;
    const commit = await sampled(server.pid, async () => {
      await call(base, region, 'POST', `/api/imports/${job.id}/commit`);
      return waitFor(base, region, job.id, (j) => j.status !== 'committing' && j.status !== 'validated');
    });
    if (TRACE) fs.writeFileSync(path.join(os.tmpdir(), 'qixian-upload-gc.log'), server.log());
    return {
      restMb,
      uploadPeakMb: upload.peakMb,
      uploadMs: upload.ms,
      commitPeakMb: commit.peakMb,
      commitMs: commit.ms,
      rows: `${rows}; commit ${commit.value.status}`,
    };
  } finally {
    await server.stop();
    if (ENGINE === 'postgres' && adminUrl) await dropPgDatabase(adminUrl, pgName);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const file = await buildXlsx(ROWS);
  console.log(`xlsx of ${ROWS} rows: ${(file.length / 2 ** 20).toFixed(1)} MB; engine ${ENGINE}; ${RUNS} runs`);
  const runs: RunResult[] = [];
  for (let i = 0; i < RUNS; i++) {
    const r = await oneRun(file);
    runs.push(r);
    console.log(
      `run ${i + 1}: rest ${r.restMb.toFixed(0)} MB, upload peak ${r.uploadPeakMb.toFixed(0)} MB (${(r.uploadMs / 1000).toFixed(1)} s), commit peak ${r.commitPeakMb.toFixed(0)} MB (${(r.commitMs / 1000).toFixed(1)} s); ${r.rows}`,
    );
  }
  const m = (f: (r: RunResult) => number) => median(runs.map(f));
  const each = (f: (r: RunResult) => number) => runs.map((r) => f(r).toFixed(0)).join(', ');
  const peak = m((r) => r.uploadPeakMb);
  const table = markdownTable(
    ['measure', `median of ${RUNS}`, 'runs'],
    [
      ['server RSS at rest before the upload (baseline)', `${m((r) => r.restMb).toFixed(0)} MB`, each((r) => r.restMb)],
      ['peak RSS during the upload', `${peak.toFixed(0)} MB`, each((r) => r.uploadPeakMb)],
      ['growth over rest', `${m((r) => r.uploadPeakMb - r.restMb).toFixed(0)} MB`, each((r) => r.uploadPeakMb - r.restMb)],
      ['upload wall time', `${(m((r) => r.uploadMs) / 1000).toFixed(1)} s`, runs.map((r) => (r.uploadMs / 1000).toFixed(1)).join(', ')],
      ['peak RSS during the commit (informative)', `${m((r) => r.commitPeakMb).toFixed(0)} MB`, each((r) => r.commitPeakMb)],
      ['commit wall time', `${(m((r) => r.commitMs) / 1000).toFixed(1)} s`, runs.map((r) => (r.commitMs / 1000).toFixed(1)).join(', ')],
    ],
  );
  const verdict = `Upload peak ${peak.toFixed(0)} MB: ${peak < BAR_MB ? 'under' : 'OVER'} the ${BAR_MB} MB bar.`;
  console.log(`\n${table}\n\n${verdict}\nresult: ${runs[0]?.rows ?? ''}`);
  if (WRITE) {
    const load = os.loadavg().map((l) => l.toFixed(1)).join(' / ');
    upsertSubsection(
      path.resolve('docs/BENCHMARKS.md'),
      'Upload memory on the compiled server (bench/upload-memory.ts)',
      'The production server (`dist/server/main.js`) on the demo database; the region officer uploads a 100,000-row organisations xlsx over HTTP (`POST /api/imports/organisations?wait=true`) and the bench samples the server process RSS from /proc every 20 ms (worker thread included). Baseline: the same process at rest just before the upload. Bar (issue 11): peak < 300 MB.',
      ENGINE === 'postgres' ? 'PostgreSQL' : 'SQLite',
      `Command: \`${ENGINE === 'postgres' ? 'DATABASE_URL=… ' : ''}npx tsx bench/upload-memory.ts --rows ${ROWS} --runs ${RUNS}${ENGINE === 'postgres' ? ' --engine postgres' : ''}\`\n\nDate: ${new Date().toISOString()} — ${os.cpus().length} cores, Node ${process.version}, load average ${load}. Input: ${ROWS}-row xlsx, ${(file.length / 2 ** 20).toFixed(1)} MB; ${runs[0]?.rows ?? ''}.\n\n${table}\n\n${verdict}`,
      ['SQLite', 'PostgreSQL'],
    );
  }
}

await main();
