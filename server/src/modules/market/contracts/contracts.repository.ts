/** All SQL of mkt_tech_contract. Reads are narrowed to the caller's area (a list of division codes within scope). */
import { sql, type Expression, type Selectable, type SqlBool } from 'kysely';
import type { ContractDirection, ListContractsQuery } from '../../../../../contracts/market-contracts.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import { likeOperator, likePattern, type Engine } from '../../../db/dialect.ts';
import type { MktTechContractTable } from './contracts.tables.ts';

export type ContractRow = Selectable<MktTechContractTable>;
export type NewContract = Omit<MktTechContractTable, 'id'>;

/** Contracts touching `area` in the given direction (see ZListContractsQuery). `area` must lie within the scope. */
export function inArea(area: readonly string[], direction: ContractDirection | undefined): Expression<SqlBool> {
  const list = area.length > 0 ? sql.join([...area]) : sql`null`;
  const seller = area.length > 0 ? sql<SqlBool>`seller_division_code in (${list})` : sql<SqlBool>`1 = 0`;
  const buyer = area.length > 0 ? sql<SqlBool>`buyer_division_code in (${list})` : sql<SqlBool>`1 = 0`;
  const notSeller = area.length > 0 ? sql<SqlBool>`seller_division_code not in (${list})` : sql<SqlBool>`1 = 1`;
  const notBuyer = area.length > 0 ? sql<SqlBool>`buyer_division_code not in (${list})` : sql<SqlBool>`1 = 1`;
  let cond: Expression<SqlBool>;
  switch (direction) {
    case 'seller':
      cond = seller;
      break;
    case 'buyer':
      cond = buyer;
      break;
    case 'inflow':
      cond = sql<SqlBool>`(${buyer} and ${notSeller})`;
      break;
    case 'outflow':
      cond = sql<SqlBool>`(${seller} and ${notBuyer})`;
      break;
    case 'local':
      cond = sql<SqlBool>`(${seller} and ${buyer})`;
      break;
    case undefined:
      cond = sql<SqlBool>`(${seller} or ${buyer})`;
      break;
  }
  return cond;
}

type Filters = Omit<ListContractsQuery, 'page' | 'pageSize' | 'division' | 'direction'>;

function filtered(
  db: DbOrTrx,
  engine: Engine,
  area: readonly string[],
  direction: ContractDirection | undefined,
  f: Filters,
) {
  let qb = db.selectFrom('mkt_tech_contract').where(inArea(area, direction));
  if (f.year !== undefined) qb = qb.where('year', '=', f.year);
  if (f.type) qb = qb.where('type', '=', f.type);
  if (f.field) qb = qb.where('field', '=', f.field);
  if (f.agency) qb = qb.where('agency_code', '=', f.agency);
  if (f.taxReview) qb = qb.where('tax_review', '=', f.taxReview);
  if (f.overdue) qb = qb.where('is_overdue', '=', f.overdue === 'true' ? 1 : 0);
  const q = f.q;
  if (q) {
    const pattern = likePattern(q);
    const op = likeOperator(engine);
    const exact = q.toUpperCase();
    qb = qb.where((eb) =>
      eb.or([
        eb(sql`title`, op, sql`${pattern} escape '\\'`),
        eb(sql`seller_name`, op, sql`${pattern} escape '\\'`),
        eb(sql`buyer_name`, op, sql`${pattern} escape '\\'`),
        eb('registration_no', '=', q),
        eb('seller_uscc', '=', exact),
        eb('buyer_uscc', '=', exact),
      ]),
    );
  }
  return qb;
}

/** One page, newest registration first, and the total. */
export async function listContracts(
  db: DbOrTrx,
  engine: Engine,
  area: readonly string[],
  direction: ContractDirection | undefined,
  f: Filters,
  page: { page: number; pageSize: number },
): Promise<{ rows: ContractRow[]; total: number }> {
  if (area.length === 0) return { rows: [], total: 0 };
  const rows = await filtered(db, engine, area, direction, f)
    .selectAll()
    .orderBy('registered_on', 'desc')
    .orderBy('id', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  if (page.page === 1 && rows.length < page.pageSize) return { rows, total: rows.length };
  const count = await filtered(db, engine, area, direction, f)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  return { rows, total: Number(count?.n ?? 0) };
}

/** One export batch in id order descending after the keyset `afterId`. */
export function listContractsForExport(
  db: DbOrTrx,
  engine: Engine,
  area: readonly string[],
  direction: ContractDirection | undefined,
  f: Filters,
  afterId: number | null,
  limit: number,
): Promise<ContractRow[]> {
  if (area.length === 0) return Promise.resolve([]);
  let qb = filtered(db, engine, area, direction, f).selectAll();
  if (afterId !== null) qb = qb.where('id', '<', afterId);
  return qb.orderBy('id', 'desc').limit(limit).execute();
}

/** The rows statistics need (small columns only), for contracts touching `area`. */
export function listForStats(
  db: DbOrTrx,
  area: readonly string[],
  f: { year?: number; fromYear?: number; toYear?: number; type?: string; field?: string },
) {
  if (area.length === 0) return Promise.resolve([]);
  let qb = db
    .selectFrom('mkt_tech_contract')
    .select(['seller_division_code', 'buyer_division_code', 'contract_value', 'turnover', 'year', 'type', 'field'])
    .where(inArea(area, undefined));
  if (f.year !== undefined) qb = qb.where('year', '=', f.year);
  if (f.fromYear !== undefined) qb = qb.where('year', '>=', f.fromYear);
  if (f.toYear !== undefined) qb = qb.where('year', '<=', f.toYear);
  if (f.type) qb = qb.where('type', '=', f.type as ContractRow['type']);
  if (f.field) qb = qb.where('field', '=', f.field as ContractRow['field']);
  return qb.execute();
}

/** One contract touching `area` (the caller's scope), or undefined: outside looks the same as absent. */
export function findContract(db: DbOrTrx, area: readonly string[], id: number): Promise<ContractRow | undefined> {
  if (area.length === 0) return Promise.resolve(undefined);
  return db
    .selectFrom('mkt_tech_contract')
    .selectAll()
    .where('id', '=', id)
    .where(inArea(area, undefined))
    .executeTakeFirst();
}

export async function insertContract(db: DbOrTrx, values: NewContract): Promise<number> {
  const row = await db.insertInto('mkt_tech_contract').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateContract(db: DbOrTrx, id: number, set: Partial<NewContract>): Promise<void> {
  await db.updateTable('mkt_tech_contract').set(set).where('id', '=', id).execute();
}

export async function deleteContract(db: DbOrTrx, id: number): Promise<void> {
  await db.deleteFrom('mkt_tech_contract').where('id', '=', id).execute();
}

/** Registration numbers among `numbers` already registered. */
export async function existingRegistrationNos(db: DbOrTrx, numbers: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < numbers.length; i += 500) {
    const rows = await db
      .selectFrom('mkt_tech_contract')
      .select('registration_no')
      .where('registration_no', 'in', numbers.slice(i, i + 500))
      .execute();
    for (const r of rows) found.add(r.registration_no);
  }
  return found;
}

/** Per county of `side` (among `codes`) and year: count, contract value, turnover; `inflow` counts only contracts
 * whose seller lies outside the buyer's county. Rows of the market.* contract facts. */
export function sumBySide(db: DbOrTrx, side: 'seller' | 'buyer' | 'inflow', codes: readonly string[], year: number) {
  const column = side === 'seller' ? 'seller_division_code' : 'buyer_division_code';
  let qb = db
    .selectFrom('mkt_tech_contract')
    .select([
      `${column} as division_code`,
      'type',
      'field',
      (eb) => eb.fn.countAll<number | string>().as('n'),
      (eb) => eb.fn.sum<number | string>('turnover').as('turnover'),
      (eb) => eb.fn.sum<number | string>('contract_value').as('value'),
    ])
    .where(column, 'in', [...codes])
    .where('year', '=', year)
    .groupBy([column, 'type', 'field']);
  if (side === 'inflow') qb = qb.whereRef('seller_division_code', '<>', 'buyer_division_code');
  return qb.execute();
}
