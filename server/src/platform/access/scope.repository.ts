/** SQL the scope function runs as whole queries (scope.ts builds the predicates other queries embed). */
import type { DbOrTrx } from '../../db/database.ts';

/** Whether the closure links `divisionCode` to one of `ancestorCodes` (itself included, distance 0). */
export async function hasAncestorIn(
  db: DbOrTrx,
  divisionCode: string,
  ancestorCodes: readonly string[],
): Promise<boolean> {
  const row = await db
    .selectFrom('division_closure')
    .select('descendant_code')
    .where('descendant_code', '=', divisionCode)
    .where('ancestor_code', 'in', [...ancestorCodes])
    .executeTakeFirst();
  return row !== undefined;
}
