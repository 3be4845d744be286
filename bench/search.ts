/**
 * Search benchmark: N deterministic Chinese documents (titles and bodies composed from the domain vocabulary and the
 * county names) indexed through the search service into a temp SQLite file (or a fresh PostgreSQL database), then
 * p50/p95 of the same queries through `search()` (full-text, scoped, ranked, highlighted, counted) and through a
 * LIKE '%term%' scan of the same table with the same scope, page and count, in the same run. Writes the section
 * "Search (bench/search.ts)" of docs/BENCHMARKS.md (subsection per engine; other sections kept).
 *
 *   npx tsx bench/search.ts [--docs 1000000] [--queries 200] [--like-queries 40] [--engine sqlite|postgres] [--no-write]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pg from 'pg';
import { DEMO_SECRET, loadConfig } from '../server/src/config.ts';
import { connect } from '../server/src/db/connect.ts';
import type { DbHandle } from '../server/src/db/database.ts';
import { likeOperator, likePattern } from '../server/src/db/dialect.ts';
import { migrateToLatest } from '../server/src/db/migrate.ts';
import { seedReference } from '../server/src/db/seed/reference.ts';
import { scopeFilter } from '../server/src/platform/access/scope.ts';
import { createDeps, type Caller } from '../server/src/platform/deps.ts';
import { indexDocuments, search, type DocumentInput } from '../server/src/platform/search/search.service.ts';
import { queryTerms } from '../server/src/platform/search/segment.ts';
import { REPO_ROOT } from './lib/child.ts';
import { upsertSubsection } from './lib/docs.ts';
import { fmtInt, fmtMs, fmtRatio, markdownTable, median } from './lib/stats.ts';

const { values: opts } = parseArgs({
  options: {
    docs: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '200' },
    'like-queries': { type: 'string', default: '40' },
    engine: { type: 'string', default: 'sqlite' },
    'no-write': { type: 'boolean', default: false },
  },
  strict: true,
});
const N = Number(opts.docs);
const Q = Number(opts.queries);
const LIKE_Q = Math.min(Q, Number(opts['like-queries']));
const engine = opts.engine;
if (engine !== 'sqlite' && engine !== 'postgres') throw new Error('--engine must be sqlite or postgres');
const BENCH_DB = 'qixian_search_bench';

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRODUCTS = ['马铃薯', '燕麦', '荞麦', '向日葵', '甜菜', '玉米', '大豆', '羊草', '苜蓿', '谷子', '沙棘', '枸杞'];
const BREEDS = ['奶牛', '肉牛', '绒山羊', '乌珠穆沁羊', '苏尼特羊', '呼伦贝尔羊', '科尔沁牛', '三河马', '双峰驼'];
const POLICY = [
  '科技特派员',
  '星创天地',
  '众创空间',
  '孵化器',
  '高新技术企业',
  '科技型中小企业',
  '成果转化',
  '技术合同',
];
const KINDS = ['种植基地', '良种繁育场', '专业合作社', '示范园区', '技术服务站', '加工企业', '种薯繁育基地'];
const VERBS = ['推广', '示范', '繁育', '引进', '试验', '加工', '储藏', '销售'];
const FILLER = [
  '年度工作取得积极进展',
  '带动周边农牧民增收',
  '开展技术培训多次',
  '建成标准化生产线',
  '获得地理标志认证',
];

const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

function makeDoc(i: number, rand: () => number, counties: readonly { code: string; name: string }[]): DocumentInput {
  const c = pick(rand, counties);
  const subject = rand() < 0.6 ? pick(rand, PRODUCTS) : pick(rand, BREEDS);
  const title = `${c.name}${subject}${pick(rand, KINDS)}${i % 97}号`;
  const sentences = [
    `${c.name}${pick(rand, VERBS)}${pick(rand, PRODUCTS)}新品种${1 + Math.floor(rand() * 50)}个`,
    `依托${pick(rand, POLICY)}${pick(rand, VERBS)}${pick(rand, BREEDS)}养殖技术`,
    pick(rand, FILLER),
    `${pick(rand, POLICY)}与${pick(rand, POLICY)}协同推进县域创新`,
  ];
  const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(rand() * 6 * 365) * 86400000).toISOString();
  return {
    sourceType: 'organisation',
    sourceId: i + 1,
    divisionCode: c.code,
    title,
    body: `${sentences.join('，')}。`,
    createdAt: day,
    updatedAt: day,
  };
}

function makeQueries(rand: () => number, counties: readonly { name: string }[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < Q; i++) {
    const r = i % 5;
    if (r === 0) out.push(pick(rand, ['种薯', '奶牛', '肉牛', '苜蓿', '燕麦']));
    else if (r === 1) out.push(`${pick(rand, counties).name} ${pick(rand, PRODUCTS)}`);
    else if (r === 2) out.push(`${pick(rand, BREEDS)} ${pick(rand, POLICY)}`);
    else if (r === 3) out.push(`${pick(rand, counties).name}${pick(rand, BREEDS)}${pick(rand, KINDS)}`);
    else out.push(pick(rand, [...PRODUCTS, ...BREEDS, ...POLICY]));
  }
  return out;
}

async function open(): Promise<{ h: DbHandle; cleanup: () => Promise<void>; label: string }> {
  if (engine === 'postgres') {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('--engine postgres needs DATABASE_URL');
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${BENCH_DB} with (force)`);
    await admin.query(`create database ${BENCH_DB}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${BENCH_DB}`;
    const h = connect({ url: u.toString(), poolSize: 4 });
    const v = await sql<{ v: string }>`select version() as v`.execute(h.db);
    return {
      h,
      label: (v.rows[0]?.v ?? 'PostgreSQL').split(' on ')[0] ?? 'PostgreSQL',
      cleanup: async () => {
        await h.destroy();
        const a = new pg.Client({ connectionString: url });
        await a.connect();
        await a.query(`drop database if exists ${BENCH_DB} with (force)`);
        await a.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qixian-search-bench-'));
  const h = connect({ url: `sqlite:${path.join(dir, 'bench.db')}`, sqliteSynchronous: 'NORMAL' });
  const v = await sql<{ v: string }>`select sqlite_version() as v`.execute(h.db);
  return {
    h,
    label: `SQLite ${v.rows[0]?.v ?? ''} (temp file, WAL)`,
    cleanup: async () => {
      await h.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The LIKE baseline: every term as '%term%' on title or body, same scope, same page of 20 and count. */
async function likeSearch(h: DbHandle, q: string, roots: string[]): Promise<number> {
  const op = likeOperator(h.engine);
  const base = () => {
    let qb = h.db.selectFrom('search_document as d').where(scopeFilter('d.division_code', roots));
    for (const term of queryTerms(q)) {
      const p = likePattern(term);
      qb = qb.where((eb) =>
        eb.or([eb(sql`d.title`, op, sql`${p} escape '\\'`), eb(sql`d.body`, op, sql`${p} escape '\\'`)]),
      );
    }
    return qb;
  };
  const rows = await base().select(['d.id', 'd.title']).orderBy('d.id', 'desc').limit(20).execute();
  if (rows.length < 20) return rows.length;
  const c = await base()
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(c.n);
}

function pct(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

async function main(): Promise<void> {
  const started = new Date();
  const loadStart = os.loadavg()[0] ?? 0;
  const { h, cleanup, label } = await open();
  try {
    await migrateToLatest(h.db, h.engine);
    await seedReference(h.db, started.toISOString());
    const config = loadConfig({ QIXIAN_MODE: 'test', QIXIAN_SECRET: DEMO_SECRET, LOG_LEVEL: 'silent' });
    const deps = createDeps(config, h);
    const counties = await h.db
      .selectFrom('division')
      .select(['code', 'name'])
      .where('level', '=', 'county')
      .where('code', 'like', '15%')
      .orderBy('code')
      .execute();
    const rand = prng(2026);
    const t0 = performance.now();
    const CHUNK = 5000;
    for (let i = 0; i < N; i += CHUNK) {
      const docs: DocumentInput[] = [];
      for (let j = i; j < Math.min(N, i + CHUNK); j++) docs.push(makeDoc(j, rand, counties));
      await h.db.transaction().execute((trx) => indexDocuments(trx, docs));
      if ((i / CHUNK) % 20 === 0) process.stdout.write(`\rindexed ${fmtInt(i + docs.length)} / ${fmtInt(N)}`);
    }
    if (h.engine === 'postgres') await sql`analyze`.execute(h.db);
    const indexSeconds = (performance.now() - t0) / 1000;
    console.log(`\nindexed ${fmtInt(N)} documents in ${indexSeconds.toFixed(0)} s`);

    const region: Caller = {
      principal: {
        userId: 0,
        username: 'bench',
        displayName: 'bench',
        divisionCode: '150000',
        orgId: null,
        roles: [{ role: 'region-officer', divisionCode: '150000' }],
      },
      actor: { userId: 0, username: 'bench', ip: '127.0.0.1' },
    };
    const queries = makeQueries(prng(7), counties);
    for (const q of queries.slice(0, 10)) await search(deps, region, { q, page: 1, pageSize: 20 }); // warm-up
    const ftsMs: number[] = [];
    const ftsTotals: number[] = [];
    for (const q of queries) {
      const s = performance.now();
      const r = await search(deps, region, { q, page: 1, pageSize: 20 });
      ftsMs.push(performance.now() - s);
      ftsTotals.push(r.total);
    }
    const likeMs: number[] = [];
    const likeTotals: number[] = [];
    const step = Math.max(1, Math.floor(Q / LIKE_Q));
    const ftsSubset: number[] = [];
    for (let i = 0; i < Q && likeMs.length < LIKE_Q; i += step) {
      const s = performance.now();
      likeTotals.push(await likeSearch(h, queries[i]!, ['150000']));
      likeMs.push(performance.now() - s);
      ftsSubset.push(ftsMs[i]!);
    }
    const p50 = pct(ftsMs, 50);
    const p95 = pct(ftsMs, 95);
    const speedup = median(likeMs) / median(ftsSubset);
    const speedup95 = pct(likeMs, 95) / pct(ftsSubset, 95);
    const table = markdownTable(
      ['method', 'queries', 'p50', 'p95', 'max', 'median hits (total)', 'target'],
      [
        [
          'search() — FTS, scoped, ranked, highlighted, counted',
          String(ftsMs.length),
          fmtMs(p50),
          fmtMs(p95),
          fmtMs(Math.max(...ftsMs)),
          fmtInt(median(ftsTotals)),
          `p95 < 30 ms: ${p95 < 30 ? 'met' : '**no**'}`,
        ],
        [
          "LIKE '%term%' scan, same scope, page and count",
          String(likeMs.length),
          fmtMs(pct(likeMs, 50)),
          fmtMs(pct(likeMs, 95)),
          fmtMs(Math.max(...likeMs)),
          fmtInt(median(likeTotals)),
          '—',
        ],
        [
          'FTS on the same queries as LIKE',
          String(ftsSubset.length),
          fmtMs(pct(ftsSubset, 50)),
          fmtMs(pct(ftsSubset, 95)),
          fmtMs(Math.max(...ftsSubset)),
          '',
          `>= 50x faster: ${fmtRatio(speedup)} at p50, ${fmtRatio(speedup95)} at p95 ${speedup >= 50 ? '(met)' : '(**no**)'}`,
        ],
      ],
    );
    const cmd = `${engine === 'postgres' ? 'DATABASE_URL=postgres://postgres@127.0.0.1:5432/test ' : ''}npx tsx bench/search.ts --docs ${N} --queries ${Q} --like-queries ${LIKE_Q}${engine === 'postgres' ? ' --engine postgres' : ''}`;
    const content = [
      `Command: \`${cmd}\``,
      '',
      `Date: ${started.toISOString()} — machine: nproc ${os.cpus().length}, Node ${process.version}, ${label}.`,
      `Machine load (1-min load average, shared machine): ${loadStart.toFixed(2)} at the start, ${(os.loadavg()[0] ?? 0).toFixed(2)} at the end.`,
      `Data: ${fmtInt(N)} generated documents over ${counties.length} counties, indexed through indexDocuments (jieba search mode + the engine's index via triggers) in ${indexSeconds.toFixed(0)} s. Queries: ${Q} (one, two or three terms; 2-character words such as 种薯 and 奶牛 included) as the region officer (all counties in scope), page 1 of 20; the LIKE baseline runs every ${step}th query (${likeMs.length}) because each is a full scan.`,
      '',
      table,
    ].join('\n');
    console.log(`\n${content}\n`);
    if (!opts['no-write']) {
      const intro = [
        'The search service (`server/src/platform/search`) against a LIKE scan of the same table in the same run:',
        'generated Chinese documents from the domain vocabulary and county names, queries through `search()` (AND of',
        'the jieba terms, scope, bm25/ts_rank order, count, snippets) vs `LIKE %term%` on title and body with the same',
        'scope, page and count. Targets: p95 < 30 ms and >= 50x faster than LIKE. No timing is asserted in tests.',
      ].join('\n');
      const file = path.join(REPO_ROOT, 'docs', 'BENCHMARKS.md');
      upsertSubsection(
        file,
        'Search (bench/search.ts)',
        intro,
        engine === 'postgres' ? 'PostgreSQL' : 'SQLite',
        content,
        ['SQLite', 'PostgreSQL'],
      );
      console.log(`written to ${path.relative(REPO_ROOT, file)}`);
    }
  } finally {
    await cleanup();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
