/** All SQL of mkt_deal, mkt_deal_message, mkt_deal_offer, mkt_deal_step and mkt_deal_event. */
import { sql, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { DealStatus, DealStepCode } from '../../../../../contracts/market-deals.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import { scopeFilter } from '../../../platform/access/scope.ts';
import type { DealSide, MktDealOfferTable, MktDealTable } from './deals.tables.ts';

const COLUMNS = [
  'd.id',
  'd.achievement_id',
  'd.demand_id',
  'd.buyer_user_id',
  'd.buyer_org_id',
  'd.buyer_division_code',
  'd.seller_user_id',
  'd.seller_division_code',
  'd.status',
  'd.agreed_amount',
  'd.agreed_mode',
  'd.declined_by',
  'd.decline_reason',
  'd.decline_note',
  'd.contract_id',
  'd.created_at',
  'd.updated_at',
  'a.title as achievement_title',
  'bu.display_name as buyer_name',
  'su.display_name as seller_name',
  'bo.name as buyer_org_name',
  'so.name as seller_org_name',
] as const;

function base(db: DbOrTrx) {
  return db
    .selectFrom('mkt_deal as d')
    .innerJoin('mkt_achievement as a', 'a.id', 'd.achievement_id')
    .innerJoin('app_user as bu', 'bu.id', 'd.buyer_user_id')
    .innerJoin('app_user as su', 'su.id', 'd.seller_user_id')
    .leftJoin('organisation as bo', 'bo.id', 'd.buyer_org_id')
    .leftJoin('organisation as so', 'so.id', 'a.org_id');
}

export type DealRow = Awaited<ReturnType<typeof findDeal>> & object;

export function findDeal(db: DbOrTrx, id: number) {
  return base(db).select(COLUMNS).where('d.id', '=', id).executeTakeFirst();
}

/** SQL: the deal `d` is the user's (either party) or lies (either side's division) in the oversee roots. */
function visible(userId: number, oversee: readonly string[]) {
  return sql<SqlBool>`(d.buyer_user_id = ${userId} or d.seller_user_id = ${userId} or ${scopeFilter(
    'd.seller_division_code',
    oversee,
  )} or ${scopeFilter('d.buyer_division_code', oversee)})`;
}

export async function listDeals(
  db: DbOrTrx,
  f: { userId: number; oversee: readonly string[]; status?: DealStatus; as?: DealSide },
  page: { page: number; pageSize: number },
) {
  let qb = base(db).where(visible(f.userId, f.oversee));
  if (f.as === 'buyer') qb = qb.where('d.buyer_user_id', '=', f.userId);
  if (f.as === 'seller') qb = qb.where('d.seller_user_id', '=', f.userId);
  if (f.status) qb = qb.where('d.status', '=', f.status);
  const count = await qb.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
  const total = Number(count?.n ?? 0);
  const rows = await qb
    .select(COLUMNS)
    .orderBy('d.updated_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return { rows, total };
}

/** The buyer's open deal on the achievement, if any (one at a time). */
export function openDealOf(db: DbOrTrx, achievementId: number, buyerId: number) {
  return db
    .selectFrom('mkt_deal')
    .select('id')
    .where('achievement_id', '=', achievementId)
    .where('buyer_user_id', '=', buyerId)
    .where('status', 'not in', ['signed', 'declined'])
    .executeTakeFirst();
}

export async function countOpenDeals(db: DbOrTrx, achievementId: number, exceptId: number): Promise<number> {
  const r = await db
    .selectFrom('mkt_deal')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('achievement_id', '=', achievementId)
    .where('id', '<>', exceptId)
    .where('status', 'not in', ['signed', 'declined'])
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function insertDeal(trx: DbOrTrx, v: Insertable<MktDealTable>): Promise<number> {
  const r = await trx.insertInto('mkt_deal').values(v).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateDeal(trx: DbOrTrx, id: number, v: Updateable<MktDealTable>): Promise<void> {
  await trx.updateTable('mkt_deal').set(v).where('id', '=', id).execute();
}

export async function insertEvent(
  trx: DbOrTrx,
  v: { dealId: number; action: string; side: DealSide | null; note: string; at: string },
): Promise<void> {
  await trx
    .insertInto('mkt_deal_event')
    .values({ deal_id: v.dealId, action: v.action, actor_side: v.side, note: v.note, at: v.at })
    .execute();
}

export async function insertMessage(
  trx: DbOrTrx,
  v: { dealId: number; side: DealSide; userId: number; body: string; at: string },
): Promise<void> {
  await trx
    .insertInto('mkt_deal_message')
    .values({ deal_id: v.dealId, author_side: v.side, author_user_id: v.userId, body: v.body, created_at: v.at })
    .execute();
}

export async function insertOffer(trx: DbOrTrx, v: Insertable<MktDealOfferTable>): Promise<number> {
  const r = await trx.insertInto('mkt_deal_offer').values(v).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export function findOffer(db: DbOrTrx, dealId: number, offerId: number) {
  return db
    .selectFrom('mkt_deal_offer')
    .selectAll()
    .where('deal_id', '=', dealId)
    .where('id', '=', offerId)
    .executeTakeFirst();
}

/** Marks the deal's pending offers (from `side`) with `status`. */
export async function closePendingOffers(
  trx: DbOrTrx,
  dealId: number,
  side: DealSide,
  status: 'countered' | 'superseded',
  at: string,
): Promise<void> {
  await trx
    .updateTable('mkt_deal_offer')
    .set({ status, decided_at: at })
    .where('deal_id', '=', dealId)
    .where('from_side', '=', side)
    .where('status', '=', 'pending')
    .execute();
}

export async function acceptOffer(trx: DbOrTrx, offerId: number, at: string): Promise<void> {
  await trx
    .updateTable('mkt_deal_offer')
    .set({ status: 'accepted', decided_at: at })
    .where('id', '=', offerId)
    .execute();
}

export async function insertSteps(trx: DbOrTrx, dealId: number, codes: readonly DealStepCode[]): Promise<void> {
  await trx
    .insertInto('mkt_deal_step')
    .values(
      codes.map((code, i) => ({
        deal_id: dealId,
        code,
        seq: i + 1,
        buyer_approved_at: null,
        seller_approved_at: null,
      })),
    )
    .execute();
}

export function listSteps(db: DbOrTrx, dealId: number) {
  return db.selectFrom('mkt_deal_step').selectAll().where('deal_id', '=', dealId).orderBy('seq').execute();
}

export async function approveStep(
  trx: DbOrTrx,
  dealId: number,
  code: DealStepCode,
  side: DealSide,
  at: string,
): Promise<void> {
  await trx
    .updateTable('mkt_deal_step')
    .set(side === 'buyer' ? { buyer_approved_at: at } : { seller_approved_at: at })
    .where('deal_id', '=', dealId)
    .where('code', '=', code)
    .execute();
}

export async function dealParts(db: DbOrTrx, dealId: number) {
  const [messages, offers, events] = await Promise.all([
    db.selectFrom('mkt_deal_message').selectAll().where('deal_id', '=', dealId).orderBy('id').execute(),
    db.selectFrom('mkt_deal_offer').selectAll().where('deal_id', '=', dealId).orderBy('id').execute(),
    db.selectFrom('mkt_deal_event').selectAll().where('deal_id', '=', dealId).orderBy('id').execute(),
  ]);
  return { messages, offers, events, steps: await listSteps(db, dealId) };
}
