/** SQL of the market demo seed (its own tables only; demo accounts and organisations come through their modules' front doors). */
import type { Insertable } from 'kysely';
import type { DbOrTrx } from '../../../db/database.ts';
import type { MktAchievementTable, MktDemandTable } from '../market.tables.ts';

export async function hasDemoMarket(db: DbOrTrx): Promise<boolean> {
  const row = await db.selectFrom('mkt_achievement').select('id').where('is_demo', '=', 1).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function insertDemoAchievement(trx: DbOrTrx, v: Insertable<MktAchievementTable>): Promise<number> {
  return (await trx.insertInto('mkt_achievement').values(v).returning('id').executeTakeFirstOrThrow()).id;
}

export async function insertDemoDemand(trx: DbOrTrx, v: Insertable<MktDemandTable>): Promise<number> {
  return (await trx.insertInto('mkt_demand').values(v).returning('id').executeTakeFirstOrThrow()).id;
}
