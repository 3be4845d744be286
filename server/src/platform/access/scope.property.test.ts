/**
 * T2b: the scope function in SQL (scopeFilter, isWithinScope, coversDivision), tested as a property over random
 * division trees (scope.trees.test-helper.ts) against the pure model, on SQLite and PostgreSQL.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connect } from '../../db/connect.ts';
import type { Db, DbHandle } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { buildClosure, coversDivision, isWithinScope, scopeFilter } from './scope.ts';
import { chainOf, codeArb, inScopeModel, treeArb, type Tree } from './scope.trees.test-helper.ts';

interface Scenario {
  tree: Tree;
  /** Division of each organisation row, in insertion order. */
  orgDivisions: string[];
  roots: string[];
}

const scenarioArb: fc.Arbitrary<Scenario> = treeArb(30).chain((tree) =>
  fc.record({
    tree: fc.constant(tree),
    orgDivisions: fc.array(fc.constantFrom(...tree.codes), { minLength: 0, maxLength: 40 }),
    roots: fc.uniqueArray(
      fc.oneof({ arbitrary: fc.constantFrom(...tree.codes), weight: 4 }, { arbitrary: codeArb, weight: 1 }),
      {
        minLength: 0,
        maxLength: 4,
      },
    ),
  }),
);

const NOW = '2026-01-15T02:00:00.000Z';

async function loadScenario(db: Db, s: Scenario): Promise<number[]> {
  for (const code of s.tree.codes) {
    await db
      .insertInto('division')
      .values({
        code,
        name: `区划${code}`,
        level: 'county',
        type: '旗',
        parent_code: s.tree.parents.get(code) ?? null,
        depth: chainOf(s.tree, code).length - 1,
      })
      .execute();
  }
  const closure = buildClosure(s.tree.parents);
  for (let i = 0; i < closure.length; i += 500) {
    await db
      .insertInto('division_closure')
      .values(
        closure
          .slice(i, i + 500)
          .map((c) => ({ ancestor_code: c.ancestor, descendant_code: c.descendant, distance: c.distance })),
      )
      .execute();
  }
  const ids: number[] = [];
  for (const [i, division] of s.orgDivisions.entries()) {
    const row = await db
      .insertInto('organisation')
      .values({
        name: `单位${i}`,
        type: 'enterprise',
        uscc: null,
        division_code: division,
        status: 'active',
        is_demo: 0,
        created_at: NOW,
        updated_at: NOW,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return ids;
}

async function checkScenario(db: Db, s: Scenario, ids: number[]): Promise<void> {
  const expected = ids.filter((_, i) => inScopeModel(s.tree, s.roots, s.orgDivisions[i] ?? '')).sort((a, b) => a - b);
  const rows = await db
    .selectFrom('organisation')
    .select('id')
    .where(scopeFilter('organisation.division_code', s.roots))
    .execute();
  expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(expected);
  // Also combined with another predicate, as repositories do.
  const active = await db
    .selectFrom('organisation')
    .select('id')
    .where('status', '=', 'active')
    .where(scopeFilter('organisation.division_code', s.roots))
    .execute();
  expect(active.length).toBe(expected.length);
  for (const code of s.tree.codes) {
    expect(await isWithinScope(db, s.roots, code), `${code} in [${s.roots.join(',')}]`).toBe(
      inScopeModel(s.tree, s.roots, code),
    );
  }
  // The reverse question (whose subtree contains this division): exactly its chain of ancestors, itself included.
  // Every sixth node of each tree: enough across 100 trees, without doubling the queries per tree.
  for (const code of s.tree.codes.filter((_, i) => i % 6 === 0)) {
    const covering = await db
      .selectFrom('division')
      .select('code')
      .where(coversDivision('division.code', code))
      .execute();
    expect(covering.map((r) => r.code).sort(), `roots covering ${code}`).toEqual(chainOf(s.tree, code).sort());
  }
  // Codes that are not divisions at all are never in scope, whatever they look like.
  for (const code of ['999999', '150299', '1502', '']) {
    if (!s.tree.parents.has(code)) expect(await isWithinScope(db, s.roots, code)).toBe(false);
  }
}

const SQL_RUNS = 100;

describe('T2b: scopeFilter, isWithinScope and coversDivision agree with the model', () => {
  it(`on a fresh in-memory SQLite per tree (${SQL_RUNS} trees)`, async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const h: DbHandle = connect({ url: 'sqlite::memory:' });
        try {
          await migrateToLatest(h.db, h.engine);
          const ids = await loadScenario(h.db, s);
          await checkScenario(h.db, s, ids);
        } finally {
          await h.destroy();
        }
      }),
      { numRuns: SQL_RUNS },
    );
  });

  it('the 150200 / 150203 trap in SQL: a sibling-looking code under another league stays out', async () => {
    const h = connect({ url: 'sqlite::memory:' });
    try {
      await migrateToLatest(h.db, h.engine);
      const s: Scenario = {
        tree: {
          codes: ['150000', '150200', '152500', '150203', '150202'],
          parents: new Map([
            ['150000', null],
            ['150200', '150000'],
            ['152500', '150000'],
            ['150203', '152500'],
            ['150202', '150200'],
          ]),
        },
        orgDivisions: ['150200', '150203', '150202', '152500'],
        roots: ['150200'],
      };
      const ids = await loadScenario(h.db, s);
      const rows = await h.db
        .selectFrom('organisation')
        .select('id')
        .where(scopeFilter('organisation.division_code', ['150200']))
        .execute();
      expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual([ids[0], ids[2]]);
      expect(await isWithinScope(h.db, ['150200'], '150203')).toBe(false);
      expect(await isWithinScope(h.db, ['150200'], '150202')).toBe(true);
      expect(
        await h.db
          .selectFrom('organisation')
          .select('id')
          .where(scopeFilter('organisation.division_code', []))
          .execute(),
      ).toEqual([]);
      expect(await isWithinScope(h.db, [], '150200')).toBe(false);
    } finally {
      await h.destroy();
    }
  });

  const pgUrl = process.env.DATABASE_URL;
  if (pgUrl?.startsWith('postgres')) {
    it(`on PostgreSQL too (${SQL_RUNS} trees, each in a rolled-back transaction)`, async () => {
      const { freshDatabase } = await import('../../test/harness.ts');
      const h = await freshDatabase();
      class Rollback extends Error {}
      try {
        // This database is ours alone: clear the seeded reference tree once, then roll back each random tree.
        await h.db.transaction().execute(async (trx) => {
          await trx.deleteFrom('user_role').execute();
          await trx.deleteFrom('session').execute();
          await trx.deleteFrom('app_user').execute();
          await trx.deleteFrom('organisation').execute();
          await trx.deleteFrom('county_attribute').execute();
          await trx.deleteFrom('division_closure').execute();
          await trx.deleteFrom('division').execute();
        });
        await fc.assert(
          fc.asyncProperty(scenarioArb, async (s) => {
            await h.db
              .transaction()
              .execute(async (trx) => {
                const ids = await loadScenario(trx, s);
                await checkScenario(trx, s, ids);
                throw new Rollback();
              })
              .catch((err: unknown) => {
                if (!(err instanceof Rollback)) throw err;
              });
          }),
          { numRuns: SQL_RUNS },
        );
      } finally {
        await h.drop();
      }
    });
  }
});
