/**
 * Sustained mixed load (issue 11, item 4; not part of the fast suite): the compiled server on the demo database takes
 * 200 reads/s spread over lists, details, search, metrics and published results, and 20 writes/s (new organisations
 * and monitoring values) for ten minutes. Reports errors, p50/p99 per route, RSS over time with its trend, and checks
 * afterwards that every acknowledged write is present with the acknowledged content. One summary line per engine,
 * written to docs/BENCHMARKS.md under "Sustained mixed load (bench/soak.ts)".
 *
 *   npx tsx bench/soak.ts [--minutes 10] [--reads 200] [--writes 20] [--engine sqlite|postgres] [--no-write]
 *
 * Requests go out on a fixed schedule (open loop): a slow answer does not slow the offered load, so queueing shows in
 * the latencies instead of hiding in a lower rate. Loopback only.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT, memoryOf } from './lib/child.ts';
import { upsertSubsection } from './lib/docs.ts';
import { createPgDatabase, dropPgDatabase, signIn, startCompiledQixian, type Session } from './lib/qixian-stack.ts';
import { fmtInt, fmtMs, markdownTable, median } from './lib/stats.ts';

const { values: opts } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    reads: { type: 'string', default: '200' },
    writes: { type: 'string', default: '20' },
    engine: { type: 'string', default: 'sqlite' },
    'no-write': { type: 'boolean', default: false },
  },
  strict: true,
});
const minutes = Number(opts.minutes);
const readRate = Number(opts.reads);
const writeRate = Number(opts.writes);
const engine = opts.engine;
if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`--engine must be sqlite or postgres, not ${engine}`);
if (!(minutes > 0) || !(readRate > 0) || !(writeRate > 0))
  throw new Error('--minutes, --reads and --writes must be > 0');
const SOAK_DB = 'qixian_soak';
const COUNTY = '150102';
const PERIOD = 2025;

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

interface Answer {
  status: number;
  body: string;
  ms: number;
}

function send(base: string, method: string, url: string, s: Session | null, body?: unknown): Promise<Answer> {
  const started = performance.now();
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = {};
  if (s) headers.cookie = s.cookie;
  if (s && method !== 'GET') headers['x-csrf-token'] = s.csrf;
  if (payload) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${url}`, { method, headers, agent, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString(),
          ms: performance.now() - started,
        }),
      );
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout after 30 s')));
    req.on('error', reject);
    req.end(payload);
  });
}

interface RouteStats {
  latencies: number[];
  errors: number;
  firstError?: string;
}

async function main(): Promise<void> {
  const loadStart = os.loadavg()[0]!;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qixian-soak-'));
  const cleanups: (() => Promise<void>)[] = [
    () => Promise.resolve(fs.rmSync(dataDir, { recursive: true, force: true })),
  ];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    QIXIAN_MODE: 'demo',
    QIXIAN_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
  };
  const adminUrl = process.env.DATABASE_URL;
  if (engine === 'postgres') {
    if (!adminUrl) throw new Error('--engine postgres needs DATABASE_URL');
    env.DATABASE_URL = (await createPgDatabase(adminUrl, SOAK_DB)).url;
    cleanups.push(() => dropPgDatabase(adminUrl, SOAK_DB));
  } else delete env.DATABASE_URL;

  try {
    const { server } = await startCompiledQixian(env, null);
    cleanups.unshift(() => server.stop());
    const base = `http://127.0.0.1:${server.port}`;
    const county = await signIn(base, `county-${COUNTY}`);
    const region = await signIn(base, 'region');
    const league = await signIn(base, 'league-150100');

    // What the reads and writes need: an organisation id, the published run, the county's form and its indicators.
    const orgs = JSON.parse((await send(base, 'GET', '/api/organisations?pageSize=50', region)).body) as {
      items: { id: number }[];
    };
    const orgIds = orgs.items.map((o) => o.id);
    const form = JSON.parse((await send(base, 'GET', `/api/monitoring/forms/${COUNTY}/${PERIOD}`, county)).body) as {
      editable: boolean;
      indicators: { code: string; kind?: string; unit?: string | null }[];
      previous: { indicatorCode: string; value: number | null }[];
    };
    if (!form.editable) throw new Error(`the ${COUNTY} ${PERIOD} form is not editable for the county officer`);
    const previous = new Map(form.previous.map((p) => [p.indicatorCode, p.value]));
    const numeric = form.indicators.filter((n) => typeof previous.get(n.code) === 'number');
    if (numeric.length === 0) throw new Error('no indicator with a previous value to write');

    const reads: { name: string; run: () => Promise<Answer> }[] = [
      {
        name: 'GET /api/organisations (county)',
        run: () => send(base, 'GET', '/api/organisations?page=1&pageSize=20', county),
      },
      {
        name: 'GET /api/organisations (region, page 3)',
        run: () => send(base, 'GET', '/api/organisations?page=3&pageSize=20', region),
      },
      {
        name: 'GET /api/organisations/:id',
        run: () => send(base, 'GET', `/api/organisations/${orgIds[Math.floor(Math.random() * orgIds.length)]}`, region),
      },
      {
        name: 'GET /api/search?q=…',
        run: () =>
          send(
            base,
            'GET',
            `/api/search?q=${encodeURIComponent(['马铃薯', '乳业', '农牧', '科技'][Math.floor(Math.random() * 4)]!)}`,
            league,
          ),
      },
      { name: 'GET /api/metrics', run: () => send(base, 'GET', '/api/metrics', region) },
      {
        name: 'GET /api/monitoring/forms/:county/:year',
        run: () => send(base, 'GET', `/api/monitoring/forms/${COUNTY}/${PERIOD}`, county),
      },
    ];
    // The published results are public and rate limited per client (300/min): one client asks at 4/s, the other
    // reads share the rest of the read rate.
    const publicRead = {
      name: 'GET /api/public/monitoring/results',
      run: () => send(base, 'GET', '/api/public/monitoring/results', null),
    };
    const publicRate = Math.min(4, readRate / 8);
    for (const r of [...reads, publicRead]) {
      const a = await r.run();
      if (a.status !== 200) throw new Error(`${r.name}: HTTP ${a.status} ${a.body.slice(0, 300)}`);
    }

    const stats = new Map<string, RouteStats>();
    const record = (name: string, a: Answer | Error, ok: (a: Answer) => boolean) => {
      let s = stats.get(name);
      if (!s) stats.set(name, (s = { latencies: [], errors: 0 }));
      if (a instanceof Error || !ok(a)) {
        s.errors++;
        s.firstError ??= a instanceof Error ? a.message : `HTTP ${a.status} ${a.body.slice(0, 200)}`;
      } else s.latencies.push(a.ms);
    };

    // Acknowledged writes, checked afterwards: organisations by id and name; the last acknowledged value per indicator.
    const createdOrgs = new Map<number, string>();
    const lastValue = new Map<string, number>();
    let writeSeq = 0;
    const write = async (): Promise<void> => {
      const n = writeSeq++;
      if (n % 2 === 0) {
        const name = `压测单位${process.pid}-${n}（演示数据）`;
        const a = await send(base, 'POST', '/api/organisations', league, {
          name,
          type: 'social',
          divisionCode: '150102',
        }).catch((e: Error) => e);
        record('POST /api/organisations', a, (x) => x.status === 201);
        if (!(a instanceof Error) && a.status === 201) createdOrgs.set((JSON.parse(a.body) as { id: number }).id, name);
      } else {
        const ind = numeric[n % numeric.length]!;
        const value = Math.round(previous.get(ind.code)! * (1.01 + (n % 7) / 100) * 100) / 100;
        const a = await send(base, 'PUT', `/api/monitoring/forms/${COUNTY}/${PERIOD}/values`, county, {
          values: [{ indicatorCode: ind.code, value, source: '压测（演示数据）' }],
        }).catch((e: Error) => e);
        record('PUT /api/monitoring/forms/:county/:year/values', a, (x) => x.status === 200);
        // Value writes run one after another (valueChain below), so the last acknowledged value is the one held.
        if (!(a instanceof Error) && a.status === 200) lastValue.set(ind.code, value);
      }
    };

    const rss: { t: number; mb: number }[] = [];
    const started = performance.now();
    const endAt = started + minutes * 60_000;
    const inflight = new Set<Promise<void>>();
    const schedule = (rate: number, fire: (i: number) => Promise<void>) =>
      new Promise<void>((resolve) => {
        let i = 0;
        const tick = () => {
          const now = performance.now();
          if (now >= endAt) return resolve();
          // Fire every request whose time has come (catches up after a late timer), then sleep to the next one.
          while (started + (i * 1000) / rate <= now) {
            const p = fire(i++).finally(() => inflight.delete(p));
            inflight.add(p);
          }
          setTimeout(tick, Math.max(0, started + (i * 1000) / rate - performance.now()));
        };
        tick();
      });
    // Writes to one indicator run one at a time (a county officer saves, waits, saves again), so the last
    // acknowledged value is the one the database must hold; organisations and the other reads are concurrent.
    let valueChain: Promise<void> = Promise.resolve();
    const sampler = setInterval(() => {
      const m = memoryOf(server.pid);
      if (m) rss.push({ t: (performance.now() - started) / 1000, mb: m.rssMb });
    }, 5_000);
    const progress = setInterval(() => {
      const done = [...stats.values()].reduce((a, s) => a + s.latencies.length + s.errors, 0);
      const errs = [...stats.values()].reduce((a, s) => a + s.errors, 0);
      console.log(
        `  ${((performance.now() - started) / 60_000).toFixed(1)} min: ${done} requests, ${errs} errors, RSS ${rss.at(-1)?.mb.toFixed(0) ?? '?'} MB`,
      );
    }, 60_000);
    await Promise.all([
      schedule(readRate - publicRate, async (i) => {
        const r = reads[i % reads.length]!;
        record(r.name, await r.run().catch((e: Error) => e), (x) => x.status === 200);
      }),
      schedule(publicRate, async () => {
        record(publicRead.name, await publicRead.run().catch((e: Error) => e), (x) => x.status === 200);
      }),
      schedule(writeRate, async (i) => {
        if (i % 2 === 0) return write();
        valueChain = valueChain.then(write);
        return valueChain;
      }),
    ]);
    await Promise.all([...inflight]);
    clearInterval(sampler);
    clearInterval(progress);
    const elapsed = (performance.now() - started) / 1000;

    // Every acknowledged write is there.
    let missing = 0;
    const missingExamples: string[] = [];
    for (const [id, name] of createdOrgs) {
      const a = await send(base, 'GET', `/api/organisations/${id}`, league);
      if (a.status !== 200 || (JSON.parse(a.body) as { name: string }).name !== name) {
        missing++;
        if (missingExamples.length < 3) missingExamples.push(`organisation ${id}: HTTP ${a.status}`);
      }
    }
    const after = JSON.parse((await send(base, 'GET', `/api/monitoring/forms/${COUNTY}/${PERIOD}`, county)).body) as {
      values: { indicatorCode: string; value: number | null }[];
    };
    const held = new Map(after.values.map((v) => [v.indicatorCode, v.value]));
    for (const [code, value] of lastValue) {
      if (held.get(code) !== value) {
        missing++;
        if (missingExamples.length < 3) missingExamples.push(`${code}: ${held.get(code)} instead of ${value}`);
      }
    }
    const acknowledged =
      createdOrgs.size +
      [...stats.entries()].filter(([k]) => k.startsWith('PUT')).reduce((a, [, s]) => a + s.latencies.length, 0);

    // RSS trend: least-squares slope over the second half of the run (after warm-up), MB per minute.
    const tail = rss.filter((r) => r.t >= elapsed / 2);
    const slope = slopeOf(tail.map((r) => [r.t / 60, r.mb] as const));
    const rssLine = `RSS start ${rss[0]?.mb.toFixed(0) ?? '?'} MB, end ${rss.at(-1)?.mb.toFixed(0) ?? '?'} MB, max ${Math.max(...rss.map((r) => r.mb)).toFixed(0)} MB, trend over the second half ${slope >= 0 ? '+' : ''}${slope.toFixed(2)} MB/min`;
    const flat = Math.abs(slope) < 1;

    const rows = [...stats.entries()].map(([name, s]) => {
      const sorted = [...s.latencies].sort((a, b) => a - b);
      const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
      return [
        name,
        fmtInt(s.latencies.length + s.errors),
        fmtInt(s.errors),
        fmtMs(median(sorted)),
        fmtMs(q(0.99)),
        fmtMs(sorted.at(-1) ?? NaN),
      ];
    });
    const table = markdownTable(['route', 'requests', 'errors', 'p50', 'p99', 'max'], rows);
    const errors = [...stats.values()].reduce((a, s) => a + s.errors, 0);
    const total = [...stats.values()].reduce((a, s) => a + s.latencies.length + s.errors, 0);
    // Sustained: every request answered within the run plus 10 s; a server that falls behind shows a backlog instead.
    const sustained = elapsed <= minutes * 60 + 10;
    const summary = `soak ${engine}: ${minutes} min, ${fmtInt(total)} requests (${(total / elapsed).toFixed(0)}/s answered, ${readRate}+${writeRate}/s offered: ${sustained ? 'sustained' : `NOT sustained, the last answer came ${(elapsed - minutes * 60).toFixed(0)} s after the schedule ended`}), ${errors} errors, ${acknowledged} acknowledged writes, ${missing} missing afterwards; ${rssLine} (${flat ? 'flat' : 'NOT flat'})`;
    console.log(`\n${table}\n`);
    for (const [name, s] of stats) if (s.firstError) console.log(`first error on ${name}: ${s.firstError}`);
    if (missingExamples.length) console.log(`missing: ${missingExamples.join('; ')}`);
    console.log(summary);

    if (!opts['no-write']) {
      const file = path.join(REPO_ROOT, 'docs', 'BENCHMARKS.md');
      const content = [
        `Command: \`${engine === 'postgres' ? 'DATABASE_URL=… ' : ''}npx tsx bench/soak.ts --engine ${engine} --minutes ${minutes}\``,
        '',
        `Date: ${new Date().toISOString()} — machine: nproc ${os.availableParallelism()}, Node ${process.version}; load average ${loadStart.toFixed(2)} at the start, ${os.loadavg()[0]!.toFixed(2)} at the end. Server: compiled (dist/server/main.js), demo database, not pinned; the load generator runs on the same two cores.`,
        '',
        `**${summary}**`,
        '',
        table,
      ].join('\n');
      const intro = [
        'Open-loop mixed load on the compiled server for ten minutes per engine: 200 reads/s over the county and region',
        'organisation lists, an organisation, search, metrics, the county entry form and the published results (4/s, one',
        'anonymous client under its rate limit of 300/min); 20 writes/s',
        '(new organisations, monitoring values). Every acknowledged write is checked afterwards; RSS is sampled every 5 s and',
        'its trend is the least-squares slope over the second half (flat: under 1 MB/min).',
      ].join('\n');
      upsertSubsection(
        file,
        'Sustained mixed load (bench/soak.ts)',
        intro,
        engine === 'postgres' ? 'PostgreSQL' : 'SQLite',
        content,
        ['SQLite', 'PostgreSQL'],
      );
    }
    if (errors > 0 || missing > 0 || !flat || !sustained) process.exitCode = 1;
  } finally {
    for (const c of cleanups) await c().catch(() => undefined);
    agent.destroy();
  }
}

function slopeOf(points: readonly (readonly [number, number])[]): number {
  if (points.length < 2) return 0;
  const mx = points.reduce((a, p) => a + p[0], 0) / points.length;
  const my = points.reduce((a, p) => a + p[1], 0) / points.length;
  const num = points.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0);
  const den = points.reduce((a, p) => a + (p[0] - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
