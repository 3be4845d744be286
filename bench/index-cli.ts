/**
 * `qixian index run` at the size of a real complaint: a 214,000-row data file (one row per unit; the duplicate-unit
 * check of the CLI used to be quadratic: 14 min and 3.8 GB peak RSS there). Runs the CLI as users do (bin/qixian.js,
 * a child process under /usr/bin/time for wall, CPU and peak RSS) at 214,000 rows and at a tenth of that, so that
 * the ratio shows whether time and memory grow linearly; beside them, in the same run, `qixian --help` (start-up
 * only) and the old duplicate check (`indexOf` per row) on the tenth, whose quadratic cost is then extrapolated.
 * Writes the subsection "CLI at 214,000 rows (bench/index-cli.ts)" of the composite-index section of
 * docs/BENCHMARKS.md unless --no-write.
 *
 *   npx tsx bench/index-cli.ts [--runs 3] [--rows 214000] [--indicators 20] [--no-write]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createRng } from '@qixian/composite-index';
import { REPO_ROOT } from './lib/child.ts';
import { upsertSubsection } from './lib/docs.ts';
import { fmtMs, fmtRatio, markdownTable, median } from './lib/stats.ts';

const { values: opts } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    rows: { type: 'string', default: '214000' },
    indicators: { type: 'string', default: '20' },
    'no-write': { type: 'boolean', default: false },
  },
  strict: true,
});
const RUNS = Number(opts.runs);
const ROWS = Number(opts.rows);
const K = Number(opts.indicators);
const BIN = path.join(REPO_ROOT, 'bin', 'qixian.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-index-cli-'));

/** A data file of `rows` units x K indicators (2 % missing), a league column, and its metadata (4 pillars). */
function writeInputs(rows: number): { data: string; meta: string; method: string; bytes: number } {
  const rng = createRng(2026);
  const codes = Array.from({ length: K }, (_, j) => `x${j + 1}`);
  const lines = [['code', 'league', ...codes].join(',')];
  for (let i = 0; i < rows; i++) {
    const cells = codes.map((_, j) => (rng() < 0.02 ? 'NA' : (Math.exp(rng() * 4 + j / K) * 10).toFixed(3)));
    lines.push([`U${String(i + 1).padStart(7, '0')}`, `L${i % 12}`, ...cells].join(','));
  }
  const data = path.join(tmp, `data-${rows}.csv`);
  fs.writeFileSync(data, `${lines.join('\n')}\n`);
  const meta = path.join(tmp, 'meta.csv');
  const metaLines = ['code,type,parent,weight,direction'];
  codes.forEach((c, j) => metaLines.push(`${c},Indicator,P${(j % 4) + 1},1,${j % 5 === 4 ? -1 : 1}`));
  for (let p = 1; p <= 4; p++) metaLines.push(`P${p},Aggregate,Index,1,`);
  metaLines.push('Index,Aggregate,,1,');
  fs.writeFileSync(meta, `${metaLines.join('\n')}\n`);
  const method = path.join(tmp, 'method.json');
  const stages = [
    { op: 'impute', method: 'groupMean', groupBy: 'league' },
    { op: 'normalise', method: 'minMax', range: [0, 100] },
    { op: 'aggregate' },
    { op: 'rank' },
  ];
  fs.writeFileSync(method, JSON.stringify({ stages }));
  return { data, meta, method, bytes: fs.statSync(data).size };
}

interface Measure {
  wall: number;
  cpu: number;
  rssMb: number;
}

/** Runs bin/qixian.js with `args` under /usr/bin/time: wall and CPU milliseconds, peak RSS in MB. */
function timeCli(args: string[]): Measure {
  const report = path.join(tmp, 'time.txt');
  execFileSync('/usr/bin/time', ['-f', '%e %U %S %M', '-o', report, process.execPath, BIN, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const [e, u, s, m] = fs.readFileSync(report, 'utf8').trim().split(/\s+/).map(Number) as number[];
  return { wall: (e ?? NaN) * 1000, cpu: ((u ?? NaN) + (s ?? NaN)) * 1000, rssMb: (m ?? NaN) / 1024 };
}

/** The old duplicate check (`units.find((u, i) => units.indexOf(u) !== i)`) on `n` unique codes, in ms. */
function oldDuplicateCheck(n: number): number {
  const units = Array.from({ length: n }, (_, i) => `U${String(i + 1).padStart(7, '0')}`);
  const t0 = performance.now();
  const dup = units.find((u, i) => units.indexOf(u) !== i);
  if (dup !== undefined) throw new Error('unexpected duplicate');
  return performance.now() - t0;
}

/** The new check (a set) on `n` unique codes, in ms. */
function setDuplicateCheck(n: number): number {
  const units = Array.from({ length: n }, (_, i) => `U${String(i + 1).padStart(7, '0')}`);
  const t0 = performance.now();
  const seen = new Set<string>();
  for (const u of units) {
    if (seen.has(u)) throw new Error('unexpected duplicate');
    seen.add(u);
  }
  return performance.now() - t0;
}

const runArgs = (i: { data: string; meta: string; method: string }, out: string): string[] => [
  'index',
  'run',
  '--data',
  i.data,
  '--meta',
  i.meta,
  '--method',
  i.method,
  '--out',
  path.join(tmp, out),
];

const SECTION = 'Composite index (bench/index-pipeline.ts)';

/** The section's intro as it stands (bench/index-pipeline.ts owns it; this script only adds its subsection). */
function sectionIntro(file: string): string {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const start = text.indexOf(`## ${SECTION}\n`);
  if (start < 0) return '';
  const body = text.slice(start + SECTION.length + 4);
  const end = body.search(/^##+ /m);
  return (end < 0 ? body : body.slice(0, end)).trim();
}

function main(): void {
  const tenth = Math.round(ROWS / 10);
  const small = writeInputs(tenth);
  const large = writeInputs(ROWS);
  const load0 = os.loadavg()[0] ?? 0;
  timeCli(['--help']); // warm the file cache and tsx's transform cache
  const cases = {
    help: [] as Measure[],
    small: [] as Measure[],
    large: [] as Measure[],
  };
  for (let r = 0; r < RUNS; r++) {
    cases.help.push(timeCli(['--help']));
    cases.small.push(timeCli(runArgs(small, 'out-small')));
    cases.large.push(timeCli(runArgs(large, 'out-large')));
    process.stderr.write(`run ${r + 1}/${RUNS}: ${fmtMs(cases.large.at(-1)!.wall)} at ${ROWS} rows\n`);
  }
  const oldSmall = median(Array.from({ length: RUNS }, () => oldDuplicateCheck(tenth)));
  const setLarge = median(Array.from({ length: RUNS }, () => setDuplicateCheck(ROWS)));
  const load1 = os.loadavg()[0] ?? 0;
  const med = (ms: Measure[], k: keyof Measure) => median(ms.map((m) => m[k]));
  const base = med(cases.help, 'wall');
  const row = (name: string, ms: Measure[]): string[] => [
    name,
    fmtMs(med(ms, 'wall')),
    fmtMs(med(ms, 'cpu')),
    `${Math.round(med(ms, 'rssMb'))} MB`,
    fmtRatio(med(ms, 'wall') / base),
    ms.map((m) => fmtMs(m.wall)).join(' / '),
  ];
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
  const table = markdownTable(
    ['case', 'wall (median)', 'CPU (median)', 'peak RSS (median)', 'x `qixian --help`', 'wall per run'],
    [
      row('baseline: `qixian --help` (start-up only)', cases.help),
      row(`index run, ${tenth} rows x ${K} indicators (${mb(small.bytes)})`, cases.small),
      row(`index run, ${ROWS} rows x ${K} indicators (${mb(large.bytes)})`, cases.large),
    ],
  );
  const grow = (k: keyof Measure) =>
    fmtRatio((med(cases.large, k) - med(cases.help, k)) / (med(cases.small, k) - med(cases.help, k)));
  const content = [
    `Command: \`npx tsx bench/index-cli.ts --runs ${RUNS}\``,
    '',
    `Date: ${new Date().toISOString()} — machine: nproc ${os.cpus().length}, Node ${process.version}, ` +
      `CLI ${fs.existsSync(path.join(REPO_ROOT, 'dist/server/cli.js')) ? 'compiled or tsx (bin/qixian.js decides)' : 'through tsx'}.`,
    `Machine load (1-min load average): ${load0.toFixed(2)} at the start, ${load1.toFixed(2)} at the end.`,
    `Data (generated, seed 2026): unit code, league (12), ${K} indicators (2 % NA) in 4 pillars; method: group-mean ` +
      'imputation, min-max [0, 100], arithmetic aggregation, rank. Medians over the runs; wall, CPU and peak RSS of ' +
      'the CLI process from /usr/bin/time.',
    '',
    table,
    '',
    `Growth from ${tenth} to ${ROWS} rows (10x the rows), start-up subtracted: wall ${grow('wall')}, CPU ${grow('cpu')}, ` +
      `peak RSS ${grow('rssMb')} (linear = 10x). Duplicate-unit check alone: the old \`indexOf\` check took ` +
      `${fmtMs(oldSmall)} at ${tenth} rows, so ~${fmtMs(oldSmall * 100)} at ${ROWS} (quadratic: x100); the set ` +
      `takes ${fmtMs(setLarge)} at ${ROWS}.`,
  ].join('\n');
  process.stdout.write(`${content}\n`);
  if (!opts['no-write']) {
    const file = path.join(REPO_ROOT, 'docs', 'BENCHMARKS.md');
    upsertSubsection(file, SECTION, sectionIntro(file), 'CLI at 214,000 rows (bench/index-cli.ts)', content);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

main();
