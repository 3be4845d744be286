import type { SelectQueryBuilder } from 'kysely';
import type { Database } from '../../db/database.ts';

export interface PageRequest {
  page: number;
  pageSize: number;
}

/** Runs a count and one page of a query with the same filters. */
export async function fetchPage<TB extends keyof Database, O>(
  base: SelectQueryBuilder<Database, TB, object>,
  select: (qb: SelectQueryBuilder<Database, TB, object>) => SelectQueryBuilder<Database, TB, O>,
  page: PageRequest,
): Promise<{ rows: O[]; total: number }> {
  const countRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const total = Number((countRow as { n?: number } | undefined)?.n ?? 0);
  if (total === 0) return { rows: [], total };
  const rows = await select(base)
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { rows, total };
}
