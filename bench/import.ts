/**
 * Import and export benchmark: a 100,000-row organisations xlsx through the real upload use case (worker parse,
 * zod validation, scope and duplicate checks, encrypted pending rows) and the export of 100,000 organisations to
 * xlsx and CSV from a temp SQLite database. Prints time and memory; writes docs/BENCHMARKS.md unless --no-write.
 * The file is built by a child process (so that the writer's garbage is not in this process's RSS) and the upload is
 * measured first, from this process at rest; each step reports the RSS it started from.
 *
 *   npx tsx bench/import.ts [--rows 100000] [--no-write]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { DEMO_SECRET, loadConfig } from '../server/src/config.ts';
import { connect } from '../server/src/db/connect.ts';
import { migrateToLatest } from '../server/src/db/migrate.ts';
import { seedReference } from '../server/src/db/seed/reference.ts';
import { organisationImport } from '../server/src/modules/organisations/index.ts';
import { exportOrganisations } from '../server/src/modules/organisations/organisations.export.ts';
import { createUser } from '../server/src/modules/users/users.admin.ts';
import { createDeps, type Caller } from '../server/src/platform/deps.ts';
import { usccCheckChar } from '../contracts/identifiers.ts';
import { uploadImport } from '../server/src/platform/spreadsheets/imports.service.ts';
import { parseInWorker } from '../server/src/platform/spreadsheets/parse.ts';
import { upsertSubsection } from './lib/docs.ts';

const args = process.argv.slice(2);
const ROWS = Number(args[args.indexOf('--rows') + 1]) || 100_000;
const UPLOAD_ONLY = args.includes('--upload-only');
const WRITE = !args.includes('--no-write') && !UPLOAD_ONLY;
const TRACE = args.includes('--trace');
const MB = 1024 * 1024;

/** Samples the main thread's RSS and heap while `fn` runs. */
async function measure<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; ms: number; startRss: number; peakRss: number; peakHeap: number }> {
  let peakRss = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  let lastTrace = 0;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    if (TRACE && performance.now() - lastTrace > 250) {
      lastTrace = performance.now();
      console.log(
        `  ${((lastTrace - t0) / 1000).toFixed(2)} s: rss ${(m.rss / MB).toFixed(0)} MB, heap ${(m.heapUsed / MB).toFixed(0)} MB, external ${(m.external / MB).toFixed(0)} MB`,
      );
    }
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  const startRss = peakRss;
  const value = await fn();
  const ms = performance.now() - t0;
  clearInterval(timer);
  return { value, ms, startRss, peakRss, peakHeap };
}

function uscc(n: number): string {
  const first17 = `91150102MA${String(n).padStart(7, '0')}`;
  return first17 + (usccCheckChar(first17) ?? '0');
}

async function buildXlsx(rows: number, counties: string[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true });
  const ws = wb.addWorksheet('单位');
  ws.addRow(['单位名称', '单位类型', '统一社会信用代码', '行政区划代码']).commit();
  for (let i = 1; i <= rows; i++)
    ws.addRow([`基准测试单位${i}`, i % 2 ? '企业' : '事业单位', uscc(i), counties[i % counties.length]]).commit();
  ws.commit();
  await wb.commit();
  return Buffer.concat(chunks);
}

const CONFIG = (dir: string) =>
  loadConfig({ QIXIAN_MODE: 'test', QIXIAN_SECRET: DEMO_SECRET, QIXIAN_DATA_DIR: dir, LOG_LEVEL: 'silent' });
const openDb = (dir: string) => connect({ url: `sqlite:${path.join(dir, 'bench.db')}`, sqliteSynchronous: 'NORMAL' });

/**
 * Child mode, `--prepare <dir>`: migrates and seeds the database, creates the region officer and writes the file
 * (dir/bench.xlsx), then exits — so that the measuring process starts like a server at rest, without that garbage.
 */
async function prepare(dir: string): Promise<void> {
  const handle = openDb(dir);
  try {
    await migrateToLatest(handle.db, handle.engine);
    await seedReference(handle.db, new Date().toISOString());
    await createUser(createDeps(CONFIG(dir), handle), {
      username: 'bench-region',
      password: 'Qx-7mRt2#vLp9-zeb',
      displayName: 'bench',
      roles: [{ role: 'region-officer', divisionCode: '150000' }],
      divisionCode: '150000',
      orgId: null,
      phone: null,
      idNumber: null,
      actor: { userId: null, username: 'bench', ip: '127.0.0.1' },
    });
    const counties = (
      await handle.db
        .selectFrom('division')
        .select('code')
        .where('level', '=', 'county')
        .where('code', 'like', '15%')
        .execute()
    ).map((r) => r.code);
    fs.writeFileSync(path.join(dir, 'bench.xlsx'), await buildXlsx(ROWS, counties));
  } finally {
    await handle.destroy();
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qixian-bench-import-'));
  const t0 = performance.now();
  const self = process.argv[1] ?? 'bench/import.ts';
  execFileSync(process.execPath, [...process.execArgv, self, '--rows', String(ROWS), '--prepare', dir], {
    stdio: 'inherit',
  });
  const handle = openDb(dir);
  try {
    const deps = createDeps(CONFIG(dir), handle);
    const { id: userId } = await handle.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'bench-region')
      .executeTakeFirstOrThrow();
    const caller: Caller = {
      principal: {
        userId,
        username: 'bench-region',
        displayName: 'bench',
        divisionCode: '150000',
        orgId: null,
        roles: [{ role: 'region-officer', divisionCode: '150000' }],
      },
      actor: { userId, username: 'bench-region', ip: '127.0.0.1' },
    };
    const file = fs.readFileSync(path.join(dir, 'bench.xlsx'));
    console.log(
      `xlsx of ${ROWS} rows: ${(file.length / MB).toFixed(1)} MB; database and file prepared in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const upload = await measure(() =>
      uploadImport(deps, caller, organisationImport, { bytes: file, fileName: 'bench.xlsx', wait: true }),
    );
    if (UPLOAD_ONLY) {
      console.log(
        `upload: ${(upload.ms / 1000).toFixed(2)} s, ${upload.value.status}, main peak RSS ${(upload.peakRss / MB).toFixed(0)} MB (from ${(upload.startRss / MB).toFixed(0)} MB), peak heap ${(upload.peakHeap / MB).toFixed(0)} MB`,
      );
      return;
    }
    const parse = await measure(() => parseInWorker(file));
    if (upload.value.status !== 'validated')
      throw new Error(`import not validated: ${JSON.stringify(upload.value.errors.slice(0, 3))}`);

    // Commit writes the rows the export then reads (one transaction, one audit row per organisation).
    const { commitImport } = await import('../server/src/platform/spreadsheets/imports.service.ts');
    const commit = await measure(() =>
      commitImport(deps, caller, new Map([['organisations', organisationImport as never]]), upload.value.id),
    );
    const xlsx = await measure(() => exportOrganisations(deps, caller, 'xlsx', {}));
    const csv = await measure(() => exportOrganisations(deps, caller, 'csv', {}));

    const lines = [
      `| step | time | figures |`,
      `|---|---|---|`,
      `| parse only (worker: zip checks + inflate count + exceljs streaming read) | ${(parse.ms / 1000).toFixed(2)} s | worker heap at end ${(parse.value.workerHeapUsed / MB).toFixed(0)} MB (limit 128 MB); main peak RSS ${(parse.peakRss / MB).toFixed(0)} MB (from ${(parse.startRss / MB).toFixed(0)} MB) |`,
      `| upload use case (parse + zod validation + scope + duplicate checks + encrypted pending rows) | ${(upload.ms / 1000).toFixed(2)} s | ${upload.value.rowCount} rows, ${upload.value.errorCount} errors; main peak RSS ${(upload.peakRss / MB).toFixed(0)} MB (from ${(upload.startRss / MB).toFixed(0)} MB at rest), peak heap ${(upload.peakHeap / MB).toFixed(0)} MB |`,
      `| commit (one transaction, ${ROWS} inserts + ${ROWS} audit rows) | ${(commit.ms / 1000).toFixed(2)} s | main peak RSS ${(commit.peakRss / MB).toFixed(0)} MB |`,
      `| export xlsx (${xlsx.value.count} rows, keyset batches of 5,000, streaming writer) | ${(xlsx.ms / 1000).toFixed(2)} s | ${(xlsx.value.buffer.length / MB).toFixed(1)} MB; main peak RSS ${(xlsx.peakRss / MB).toFixed(0)} MB |`,
      `| export CSV (${csv.value.count} rows, UTF-8 + BOM) | ${(csv.ms / 1000).toFixed(2)} s | ${(csv.value.buffer.length / MB).toFixed(1)} MB; main peak RSS ${(csv.peakRss / MB).toFixed(0)} MB |`,
    ];
    const content = [
      `Command: \`npx tsx bench/import.ts --rows ${ROWS}\``,
      '',
      `Date: ${new Date().toISOString()} — machine: nproc ${os.cpus().length} (${os.cpus()[0]?.model ?? '?'}), Node ${process.version}, load average ${os.loadavg()[0]?.toFixed(2)}.`,
      `Input: ${ROWS}-row organisations xlsx (4 columns, shared strings), ${(file.length / MB).toFixed(1)} MB; SQLite temp file (WAL, synchronous=NORMAL). One run; single-shot wall times on a shared machine.`,
      '',
      ...lines,
    ].join('\n');
    console.log(content);
    if (WRITE)
      upsertSubsection(
        path.resolve('docs/BENCHMARKS.md'),
        'Import and export (bench/import.ts)',
        'A 100,000-row organisations import (worker parse with heap and time limits, validation, checks) and the export of the same rows to xlsx and CSV. Memory: the worker heap is capped at 128 MB; main-process figures are sampled every 20 ms.',
        'SQLite',
        content,
      );
  } finally {
    await handle.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const prepareAt = args.indexOf('--prepare');
if (prepareAt >= 0) await prepare(args[prepareAt + 1] ?? '');
else await main();
