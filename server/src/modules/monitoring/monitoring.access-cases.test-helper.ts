/**
 * The monitoring module's routes in the cross-division matrix (platform/access/matrix.test-helper.ts), its fixtures
 * (county forms, attachments, framework drafts, finished index runs) and its own check: unpublished runs are listed
 * only to monitoring:manage over the whole region.
 */
import type { Framework } from '../../../../contracts/monitoring.ts';
import {
  COUNTY_DIVISIONS,
  PRINCIPALS,
  defineAccessCases,
  type AccessCheck,
  type At,
  type RouteCase,
} from '../../platform/access/matrix.test-helper.ts';
import {
  DEFAULT_FRAMEWORK_CODE,
  insertFramework,
  loadActiveFramework,
  loadCurrentFramework,
  loadFramework,
} from './frameworks/frameworks.repository.ts';
import { insertTestFramework } from './collection/collection.test-helpers.ts';
import { runCopier } from './runs/runs.test-helper.ts';

/** 8-byte PNG signature + padding: an attachment recognised by its bytes. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]);

type RunState = 'published' | 'unpublished';

/**
 * Index runs are region-wide (no object division). Results of a published run are readable by every monitoring:read
 * user; an unpublished run exists only for monitoring:manage over the whole region (reads and writes alike), others
 * get 404.
 */
const unpublishedForManagers = (c: AccessCheck): boolean =>
  c.state !== 'unpublished' || c.can('monitoring:manage', '150000');

export const accessCases = defineAccessCases((ctx) => {
  /** A numeric indicator of the active framework that accepts 1 (set up). */
  let monIndicator = '';
  /** The shipped default framework: `framework` drafts copy it, the save sends it back. */
  let defaultFramework: Framework | null = null;
  /** Inserts a copy of a finished index run (set up). */
  let makeRun: (state: 'published' | 'done') => Promise<number> = () => Promise.reject(new Error('no run fixture'));
  const runOf = (state: string | undefined) => makeRun(state === 'unpublished' ? 'done' : 'published');
  /** The published and the unpublished run report requests name (made on first use). */
  const reportRuns = new Map<string, number>();
  let monPeriod = 0;
  /** A year not used by the previous requests (forms stay editable drafts in the matrix). */
  const nextPeriod = () => 2000 + (monPeriod++ % 101);

  /** An attachment of a fresh draft county-year in `division` (the framework code does not matter for scope). */
  async function makeAttachment(division: string): Promise<number> {
    const now = new Date().toISOString();
    const db = ctx.t.db.db;
    const sub = await db
      .insertInto('mon_submission')
      .values({
        framework_code: 'matrix',
        division_code: division,
        period: 2000 + ctx.next(),
        status: 'draft',
        submitted_at: null,
        approved_at: null,
        is_demo: 0,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const row = await db
      .insertInto('mon_attachment')
      .values({
        submission_id: sub.id,
        indicator_code: null,
        file_name: 'm.png',
        mime: 'image/png',
        bytes: PNG.byteLength,
        sha256: '0'.repeat(64),
        content: PNG,
        uploaded_by: null,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** A fresh draft version of the default framework. */
  async function makeFramework(): Promise<number> {
    const f = defaultFramework!;
    const last = await ctx.t.db.db
      .selectFrom('mon_framework')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('code', '=', f.code)
      .executeTakeFirstOrThrow();
    return insertFramework(ctx.t.db.db, {
      ...f,
      version: Number(last.v) + 1,
      status: 'draft',
      createdBy: null,
      now: new Date().toISOString(),
    });
  }

  /** `:id` = a fresh draft version of the default framework (frameworks are region-wide: no object division). */
  const framework: RouteCase = {
    target: async (url) => url.replace(':id', String(await makeFramework())),
  };
  /** A monitoring form: `:division` = each county among the object divisions and `:period` a fresh year. */
  const county: RouteCase = {
    at: COUNTY_DIVISIONS,
    target: (url, at) => url.replace(':division', at.division ?? '').replace(':period', String(nextPeriod())),
  };
  /** A monitoring attachment of a fresh county-year in the object division. */
  const attachment: RouteCase = {
    at: 'objects',
    target: async (url, at) => url.replace(':id', String(await makeAttachment(at.division ?? '150000'))),
  };
  /** `:id` = a fresh finished index run in `states` (default: published, then unpublished). */
  const run = (states: readonly RunState[] = ['published', 'unpublished']): RouteCase => ({
    states,
    target: async (url: string, at: At) => url.replace(':id', String(await runOf(at.state))),
    allows: (c) => unpublishedForManagers(c) && c.standard,
  });

  return {
    async setup() {
      const db = ctx.t.db.db;
      defaultFramework = await loadActiveFramework(db, DEFAULT_FRAMEWORK_CODE);
      // Monitoring forms need an active framework (the shipped default, or a test one until it is seeded).
      const active =
        (await loadCurrentFramework(db)) ??
        (await loadFramework(db, await insertTestFramework(db, { keepOthers: true })));
      makeRun = await runCopier(ctx.t.app.deps, 2100); // its generated values are removed again: forms stay untouched
      monIndicator =
        active?.nodes.find(
          (n) =>
            n.spec?.valueType === 'number' &&
            (n.spec.min === null || n.spec.min <= 1) &&
            (n.spec.max === null || n.spec.max >= 1),
        )?.code ?? '';
    },
    cases: {
      'GET /api/monitoring/frameworks': {},
      'GET /api/monitoring/frameworks/active': {},
      'GET /api/monitoring/frameworks/:id': framework,
      'POST /api/monitoring/frameworks/:id/versions': { ...framework, region: true },
      'PUT /api/monitoring/frameworks/:id': {
        ...framework,
        region: true,
        body: () => {
          const f = defaultFramework!;
          return {
            nameZh: f.nameZh,
            nameEn: f.nameEn,
            description: f.description,
            settings: f.settings,
            nodes: f.nodes,
          };
        },
      },
      'POST /api/monitoring/frameworks/:id/activate': { ...framework, region: true },
      'DELETE /api/monitoring/frameworks/:id': { ...framework, region: true },
      'GET /api/monitoring/frameworks/:id/export.xlsx': framework,
      'POST /api/monitoring/frameworks/import': {
        region: true,
        url: '/api/monitoring/frameworks/import?code=matrix-import&nameZh=%E7%9F%A9%E9%98%B5',
        raw: () => '编码,上级编码,层级,中文名称\nI,,指数,指数\nD1,I,维度,维度\nA,D1,指标,甲\n',
      },
      'GET /api/monitoring/forms/:division/:period': county,
      'PUT /api/monitoring/forms/:division/:period/values': {
        ...county,
        body: (_d, n) => ({ values: [{ indicatorCode: monIndicator, value: 1, note: `矩阵${n}` }] }),
      },
      'GET /api/monitoring/forms/:division/:period/template.xlsx': county,
      'POST /api/monitoring/forms/:division/:period/import': {
        ...county,
        raw: (_d, n) => `指标代码,本年值,备注\n${monIndicator},1,矩阵${n}\n`,
      },
      'POST /api/monitoring/forms/:division/:period/attachments': {
        ...county,
        url: '/api/monitoring/forms/:division/:period/attachments?name=m.png',
        raw: () => PNG,
        rawType: 'image/png',
      },
      // Workflow steps succeed only in the right state (a valid, submitted form …): their scope and permission checks
      // (county vs other county, league 150200 vs 150102, county cannot approve, region step needs manage) are tested
      // in modules/monitoring/collection.test.ts.
      'POST /api/monitoring/forms/:division/:period/submit': { ...county, self: true },
      'POST /api/monitoring/forms/:division/:period/return': { ...county, self: true },
      'POST /api/monitoring/forms/:division/:period/approve': { ...county, self: true },
      'POST /api/monitoring/forms/:division/:period/unlock': { ...county, self: true },
      'GET /api/monitoring/attachments/:id': attachment,
      'DELETE /api/monitoring/attachments/:id': attachment,
      'GET /api/monitoring/submissions': { list: true, query: () => 'period=2025' },
      'GET /api/monitoring/completeness': { url: '/api/monitoring/completeness?period=2025' },
      // Index runs (测算): published ones are public to monitoring:read; unpublished ones and every write need
      // monitoring:manage over the whole region (modules/monitoring/runs.test.ts; lists in the check below).
      'POST /api/monitoring/runs': {
        region: true,
        body: () => ({ period: 2001, mode: 'ranking', replications: 0 }),
      },
      'GET /api/monitoring/runs': {},
      'GET /api/monitoring/runs/:id': run(),
      'GET /api/monitoring/runs/:id/result': run(),
      'GET /api/monitoring/runs/:id/coverage': run(),
      'GET /api/monitoring/runs/:id/counties/:code': { ...run(), url: '/api/monitoring/runs/:id/counties/150102' },
      'GET /api/monitoring/runs/:id/export.xlsx': run(),
      'POST /api/monitoring/runs/:id/publish': {
        ...run(['unpublished']),
        region: true,
        body: () => ({ acknowledgeIncomplete: true }),
      },
      'POST /api/monitoring/runs/:id/unpublish': { ...run(['published']), region: true },
      // A report job (202) of a published run, then an unpublished one: the region report (150000) needs
      // monitoring:read over the region; a county report follows the county diagnosis (any county of a run the
      // caller sees).
      'POST /api/monitoring/runs/:id/reports': {
        at: ['150000', ...COUNTY_DIVISIONS],
        states: ['published', 'unpublished'],
        target: async (url, at) => {
          const state = at.state ?? 'published';
          const id = reportRuns.get(state) ?? (await runOf(state));
          reportRuns.set(state, id);
          return url.replace(':id', String(id));
        },
        allows: (c) => unpublishedForManagers(c) && c.can(c.permission, c.division === '150000' ? c.division : null),
        body: (d) =>
          d === '150000' ? { kind: 'region', format: 'docx' } : { kind: 'county', division: d, format: 'docx' },
      },
      'POST /api/monitoring/values/import.csv': {
        raw: () => `旗县代码,指标代码,年份,数值\n150102,${monIndicator},${nextPeriod()},1\n`,
      },
    },
    checks: [
      {
        name: 'lists unpublished runs only to monitoring:manage over the whole region (finding 5)',
        async run() {
          const published = await makeRun('published');
          const unpublished = await makeRun('done'); // the newest: first on the first page
          const failures: string[] = [];
          for (const p of PRINCIPALS) {
            const agent = ctx.agent(p.name);
            const res = await agent.request('GET', '/api/monitoring/runs?pageSize=50');
            if (!ctx.allowed(p, 'monitoring:read', null)) {
              if (res.statusCode !== 403) failures.push(`${p.name}: expected 403, got ${res.statusCode}`);
              continue;
            }
            const manager = ctx.allowed(p, 'monitoring:manage', '150000');
            const items = res.json<{ items: { id: number; publishedAt: string | null }[] }>().items;
            const ids = items.map((i) => i.id);
            if (!ids.includes(published)) failures.push(`${p.name}: the published run is missing`);
            if (ids.includes(unpublished) !== manager)
              failures.push(`${p.name}: unpublished run ${manager ? 'missing' : 'listed'}`);
            if (!manager && items.some((i) => i.publishedAt === null))
              failures.push(`${p.name}: an unpublished run listed`);
            // asking for unpublished runs does not widen the list
            const drafts = await agent.request('GET', '/api/monitoring/runs?published=false&pageSize=50');
            const total = drafts.json<{ total: number }>().total;
            if (manager ? total === 0 : total !== 0) failures.push(`${p.name}: ?published=false gave ${total} runs`);
          }
          return failures;
        },
      },
    ],
  };
});
