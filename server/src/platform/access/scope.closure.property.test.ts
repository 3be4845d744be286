/**
 * T2a: the division closure (buildClosure), tested as a property over random division trees against the pure model of
 * parent chains; relabelling the nodes commutes with it, so it never decides by code prefix.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildClosure } from './scope.ts';
import { chainOf, treeArb, type Tree } from './scope.trees.test-helper.ts';

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
