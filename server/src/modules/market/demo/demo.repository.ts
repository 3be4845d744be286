/** SQL of the market demo seed (its own tables; reads the demo accounts and organisations). */
import type { Insertable } from 'kysely';
import type { DbOrTrx } from '../../../db/database.ts';
import type { MktAchievementTable, MktDemandTable } from '../market.tables.ts';

export async function hasDemoMarket(db: DbOrTrx): Promise<boolean> {
  const row = await db.selectFrom('mkt_achievement').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function userIdByName(db: DbOrTrx, username: string): Promise<number | undefined> {
  const row = await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst();
  return row?.id;
}

/** The first demo enterprise of a county (the demo seed makes at least one per county). */
export async function demoEnterpriseOf(db: DbOrTrx, division: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('organisation')
    .select('id')
    .where('division_code', '=', division)
    .where('type', '=', 'enterprise')
    .where('is_demo', '=', 1)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

export async function insertDemoAchievement(trx: DbOrTrx, v: Insertable<MktAchievementTable>): Promise<number> {
  return (await trx.insertInto('mkt_achievement').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertDemoDemand(trx: DbOrTrx, v: Insertable<MktDemandTable>): Promise<number> {
  return (await trx.insertInto('mkt_demand').values(v).returning('id').executeTakeFirstOrThrow()).id;
}
