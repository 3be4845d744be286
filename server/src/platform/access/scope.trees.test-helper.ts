/**
 * Random division trees for the scope properties (T2): codes are drawn so that string-prefix relations are everywhere
 * (150200 vs 150203, 1502xx hung under unrelated parents) while the parent links are random, so any implementation
 * that decided containment by code prefix would fail.
 */
import fc from 'fast-check';

export interface Tree {
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

export const codeArb: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...TRICKY), weight: 3 },
  { arbitrary: fc.integer({ min: 0, max: 99 }).map((n) => `1502${String(n).padStart(2, '0')}`), weight: 3 },
  { arbitrary: fc.integer({ min: 150000, max: 159999 }).map(String), weight: 2 },
  { arbitrary: fc.integer({ min: 0, max: 999_999 }).map((n) => String(n).padStart(6, '0')), weight: 1 },
);

/** A random forest: each node after the first hangs under a random earlier node, or (1 in 8) starts a new tree. */
export function treeArb(maxNodes: number): fc.Arbitrary<Tree> {
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
export function chainOf(tree: Tree, code: string): string[] {
  const out: string[] = [];
  let cur: string | null | undefined = code;
  while (cur !== null && cur !== undefined) {
    out.push(cur);
    cur = tree.parents.get(cur);
  }
  return out;
}

/** Pure model of the scope rule: `code` lies in the subtree of one of `roots` iff one of them is on its chain. */
export function inScopeModel(tree: Tree, roots: readonly string[], code: string): boolean {
  return chainOf(tree, code).some((c) => roots.includes(c));
}
