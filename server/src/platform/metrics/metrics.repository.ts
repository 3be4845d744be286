/** Division reads the metrics service needs: a subtree and each node's ancestor at one level (closure table). */
import type { DbOrTrx } from '../../db/database.ts';
import type { DivisionLevel } from '../divisions/divisions.tables.ts';

export interface DivisionNode {
  code: string;
  name: string;
  level: DivisionLevel;
}

/** The division with this code, or undefined. */
export function findDivisionNode(db: DbOrTrx, code: string): Promise<DivisionNode | undefined> {
  return db.selectFrom('division').select(['code', 'name', 'level']).where('code', '=', code).executeTakeFirst();
}

/** The division and every division below it, ordered by code. */
export function listSubtree(db: DbOrTrx, root: string): Promise<DivisionNode[]> {
  return db
    .selectFrom('division_closure as c')
    .innerJoin('division as d', 'd.code', 'c.descendant_code')
    .select(['d.code', 'd.name', 'd.level'])
    .where('c.ancestor_code', '=', root)
    .orderBy('d.code')
    .execute();
}

/** Pairs (division of `level` inside the subtree of `root`, one of its descendants or itself). */
export function listLevelMembers(
  db: DbOrTrx,
  root: string,
  level: DivisionLevel,
): Promise<{ group: string; member: string }[]> {
  return db
    .selectFrom('division_closure as c')
    .innerJoin('division as a', 'a.code', 'c.ancestor_code')
    .innerJoin('division_closure as r', 'r.descendant_code', 'c.ancestor_code')
    .select(['c.ancestor_code as group', 'c.descendant_code as member'])
    .where('r.ancestor_code', '=', root)
    .where('a.level', '=', level)
    .execute();
}
