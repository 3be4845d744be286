/**
 * T2: the scope function, tested as a property over random division trees. Codes are drawn so that string-prefix
 * relations are everywhere (150200 vs 150203, 1502xx hung under unrelated parents) while the parent links are
 * random, so any implementation that decided containment by code prefix would fail.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connect } from '../../db/connect.ts';
import type { Db, DbHandle } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { ADMIN_ROLES, ROLE_CODES, keepsSeparationOfDuties } from './roles.ts';
import { buildClosure, coversDivision, isWithinScope, scopeFilter } from './scope.ts';

// ---------------------------------------------------------------------------------------------------------------
// Random division trees
// ---------------------------------------------------------------------------------------------------------------

interface Tree {
  /** Codes in insertion order: every parent comes before its children. */
  codes: string[];
  parents: Map<string, string | null>;
}

/** Real-looking codes whose prefixes collide: 1502xx siblings, league codes, and codes that merely look related. */
const TRICKY = [
  '150000',
  '150100',
  '150102',
  '150105',
  '150200',
  '150202',
  '150203',
  '150204',
  '150205',
  '150206',
  '150207',
  '150220',
  '150221',
  '150222',
  '150223',
  '150230',
  '150300',
  '150302',
  '152000',
  '152500',
  '152502',
  '150020',
  '150023',
  '150002',
  '102030',
  '015020',
];

const codeArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...TRICKY), weight: 3 },
  { arbitrary: fc.integer({ min: 0, max: 99 }).map((n) => `1502${String(n).padStart(2, '0')}`), weight: 3 },
  { arbitrary: fc.integer({ min: 150000, max: 159999 }).map(String), weight: 2 },
  { arbitrary: fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, '0')), weight: 1 },
);

/** A random forest: each node after the first hangs under a random earlier node, or (1 in 8) starts a new tree. */
function treeArb(maxNodes: number): fc.Arbitrary<Tree> {
  return fc.uniqueArray(codeArb, { minLength: 1, maxLength: maxNodes, size: 'medium' }).chain((codes) =>
    fc.array(fc.nat(), { minLength: codes.length, maxLength: codes.length }).map((choices) => {
      const parents = new Map<string, string | null>();
      codes.forEach((code, i) => {
        const c = choices[i] ?? 0;
        parents.set(code, i === 0 || c % 8 === 0 ? null : (codes[c % i] ?? null));
      });
      return { codes, parents };
    }),
  );
}

/** The node itself, then its parent, grandparent … up to its root. */
function chainOf(tree: Tree, code: string): string[] {
  const out: string[] = [];
  let cur: string | null | undefined = code;
  while (cur !== null && cur !== undefined) {
    out.push(cur);
    cur = tree.parents.get(cur);
  }
  return out;
}

/** Pure model of the scope rule: `code` lies in the subtree of one of `roots` iff one of them is on its chain. */
function inScopeModel(tree: Tree, roots: readonly string[], code: string): boolean {
  return chainOf(tree, code).some((c) => roots.includes(c));
}

function closureIndex(rows: ReturnType<typeof buildClosure>): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) m.set(`${r.ancestor}>${r.descendant}`, r.distance);
  return m;
}

function looksRelatedByPrefix(a: string, d: string): boolean {
  return a !== d && (d.startsWith(a.replace(/0+$/, '')) || a.slice(0, 4) === d.slice(0, 4));
}

// ---------------------------------------------------------------------------------------------------------------
// (a) buildClosure against the pure model: 4 x 2,500 = 10,000 cases
// ---------------------------------------------------------------------------------------------------------------

const RUNS_PER_PROPERTY = 2_500;

describe('T2a: buildClosure (pure)', () => {
  it('puts a node in subtree(root) iff root is on its parent chain, at the chain distance, once', () => {
    fc.assert(
      fc.property(treeArb(40), (tree) => {
        const rows = buildClosure(tree.parents);
        const index = closureIndex(rows);
        expect(index.size).toBe(rows.length); // no duplicate pairs
        let expectedRows = 0;
        const wrong: string[] = [];
        for (const d of tree.codes) {
          const chain = chainOf(tree, d);
          expectedRows += chain.length;
          for (const a of tree.codes) {
            const pos = chain.indexOf(a);
            if (index.get(`${a}>${d}`) !== (pos < 0 ? undefined : pos)) wrong.push(`${a}>${d}`);
          }
        }
        expect(wrong).toEqual([]);
        expect(rows.length).toBe(expectedRows);
      }),
      { numRuns: RUNS_PER_PROPERTY },
    );
  });

  it('is reflexive (every node is its own ancestor at distance 0) and mentions only nodes of the tree', () => {
    fc.assert(
      fc.property(treeArb(40), (tree) => {
        const rows = buildClosure(tree.parents);
        const index = closureIndex(rows);
        expect(tree.codes.filter((c) => index.get(`${c}>${c}`) !== 0)).toEqual([]);
        const bad = rows.filter(
          (r) =>
            !tree.parents.has(r.ancestor) ||
            !tree.parents.has(r.descendant) ||
            (r.distance === 0) !== (r.ancestor === r.descendant),
        );
        expect(bad).toEqual([]);
      }),
      { numRuns: RUNS_PER_PROPERTY },
    );
  });

  it('is transitive with additive distances, and antisymmetric', () => {
    fc.assert(
      fc.property(treeArb(40), (tree) => {
        const rows = buildClosure(tree.parents);
        const index = closureIndex(rows);
        const byAncestor = new Map<string, typeof rows>();
        for (const r of rows) byAncestor.set(r.ancestor, [...(byAncestor.get(r.ancestor) ?? []), r]);
        const wrong: string[] = [];
        for (const ab of rows) {
          for (const bc of byAncestor.get(ab.descendant) ?? []) {
            if (index.get(`${ab.ancestor}>${bc.descendant}`) !== ab.distance + bc.distance)
              wrong.push(`${ab.ancestor}>${ab.descendant}>${bc.descendant}`);
          }
          if (ab.ancestor !== ab.descendant && index.has(`${ab.descendant}>${ab.ancestor}`))
            wrong.push(`cycle ${ab.ancestor}<>${ab.descendant}`);
        }
        expect(wrong).toEqual([]);
      }),
      { numRuns: RUNS_PER_PROPERTY },
    );
  });

  it('is never decided by code prefix: relabelling the nodes commutes with the closure', () => {
    const arb = treeArb(40).chain((tree) =>
      fc
        .shuffledSubarray(tree.codes, { minLength: tree.codes.length, maxLength: tree.codes.length })
        .map((perm) => ({ tree, relabel: new Map(tree.codes.map((c, i) => [c, perm[i] ?? c])) })),
    );
    fc.assert(
      fc.property(arb, ({ tree, relabel }) => {
        const r = (c: string): string => relabel.get(c) ?? c;
        // The same shape under shuffled names, inserted in reverse order.
        const relabelled = new Map<string, string | null>();
        for (const c of [...tree.codes].reverse()) {
          const p = tree.parents.get(c) ?? null;
          relabelled.set(r(c), p === null ? null : r(p));
        }
        const expected = buildClosure(tree.parents)
          .map((x) => `${r(x.ancestor)}>${r(x.descendant)}:${x.distance}`)
          .sort();
        const actual = buildClosure(relabelled)
          .map((x) => `${x.ancestor}>${x.descendant}:${x.distance}`)
          .sort();
        expect(actual).toEqual(expected);
        // Pairs that only look related by their codes are in the closure exactly when the chain says so.
        const index = closureIndex(buildClosure(tree.parents));
        const wrong: string[] = [];
        for (const a of tree.codes) {
          for (const d of tree.codes) {
            if (looksRelatedByPrefix(a, d) && index.has(`${a}>${d}`) !== chainOf(tree, d).includes(a))
              wrong.push(`${a}>${d}`);
          }
        }
        expect(wrong).toEqual([]);
      }),
      { numRuns: RUNS_PER_PROPERTY },
    );
  });

  it('keeps 150203 out of subtree(150200) when it hangs under another parent, and the reverse', () => {
    const tree: Tree = {
      codes: ['150000', '150200', '152500', '150203', '150202', '150204'],
      parents: new Map([
        ['150000', null],
        ['150200', '150000'],
        ['152500', '150000'],
        ['150203', '152500'],
        ['150202', '150200'],
        ['150204', '150203'],
      ]),
    };
    const index = closureIndex(buildClosure(tree.parents));
    expect(index.has('150200>150203')).toBe(false);
    expect(index.has('150200>150204')).toBe(false);
    expect(index.get('152500>150204')).toBe(2);
    expect(index.get('150200>150202')).toBe(1);
    expect(index.get('150000>150204')).toBe(3);
  });

  it('terminates on a (corrupt) parent cycle', () => {
    const rows = buildClosure(
      new Map([
        ['150200', '150203'],
        ['150203', '150200'],
      ]),
    );
    expect(rows.length).toBe(4);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// (b) scopeFilter / isWithinScope in SQL agree with the pure model
// ---------------------------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------------------------
// (c) 三员分立: no sequence of grants leaves an account with two admin roles, or an admin role and another role
// ---------------------------------------------------------------------------------------------------------------

const isAdmin = (r: string): boolean => (ADMIN_ROLES as readonly string[]).includes(r);

describe('T2c: keepsSeparationOfDuties', () => {
  it('no sequence of accepted grants breaks separation of duties (2,000 sequences)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...ROLE_CODES, 'unknown-role'), { minLength: 1, maxLength: 25 }),
        (grants) => {
          const held: string[] = [];
          for (const role of grants) {
            const before = [...held];
            const ok = keepsSeparationOfDuties(held, role);
            if (ok && !held.includes(role)) held.push(role);
            const admins = held.filter(isAdmin);
            expect(admins.length).toBeLessThanOrEqual(1);
            if (admins.length === 1) expect(held).toEqual(admins);
            // It refuses only when the grant would actually break the rule.
            const wouldBreak =
              (isAdmin(role) && before.some((r) => r !== role)) || (!isAdmin(role) && before.some(isAdmin));
            expect(ok).toBe(!wouldBreak);
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it.each([
    [[], 'sys-admin', true],
    [['sys-admin'], 'sys-admin', true],
    [['sys-admin'], 'sec-admin', false],
    [['sec-admin'], 'audit-admin', false],
    [['audit-admin'], 'county-officer', false],
    [['county-officer'], 'audit-admin', false],
    [['county-officer', 'expert'], 'sec-admin', false],
    [['county-officer'], 'expert', true],
    [['farmer', 'expert', 'researcher'], 'enterprise', true],
  ])('held %j + %s -> %s', (held, role, ok) => {
    expect(keepsSeparationOfDuties(held, role)).toBe(ok);
  });
});
