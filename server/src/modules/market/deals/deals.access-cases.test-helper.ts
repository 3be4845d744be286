/**
 * 交易洽谈 and the 创业技术库 queue in the cross-division matrix. Deals are made directly between two fixture accounts
 * (none of the matrix principals), both sides in the object's county: only officers whose `market:oversee` covers it
 * read one, nobody else (a stranger gets 404) and no principal may act in it. Opening a deal is tried on a fresh
 * listed achievement in each county (an achievement registered above county level cannot produce contract statistics).
 * Start-up requests are queued by the achievement's division for `market:startup_handle` holders (region and league).
 */
import { addUser } from '../../../test/harness.ts';
import {
  COUNTY_DIVISIONS,
  defineAccessCases,
  type AccessCheck,
  type MatrixContext,
} from '../../../platform/access/matrix.test-helper.ts';
import { makeAchievement } from '../market.access-cases.test-helper.ts';

const fixtures = { buyer: 0, seller: 0 };

async function party(ctx: MatrixContext, side: 'buyer' | 'seller'): Promise<number> {
  const id = fixtures[side];
  if (id === 0 || !(await ctx.t.db.db.selectFrom('app_user').select('id').where('id', '=', id).executeTakeFirst()))
    fixtures[side] = await addUser(ctx.t, {
      username: `deal-${side}-${ctx.next()}`,
      role: side === 'buyer' ? 'enterprise' : 'researcher',
      division: side === 'buyer' ? '150102' : '150105',
    });
  return fixtures[side];
}

async function makeDeal(ctx: MatrixContext, division: string, status: 'negotiating' | 'contracting') {
  const now = new Date().toISOString();
  const db = ctx.t.db.db;
  const deal = await db
    .insertInto('mkt_deal')
    .values({
      achievement_id: await makeAchievement(ctx, division, 'negotiating'),
      demand_id: null,
      buyer_user_id: await party(ctx, 'buyer'),
      buyer_org_id: null,
      buyer_division_code: division,
      seller_user_id: await party(ctx, 'seller'),
      seller_division_code: division,
      status,
      agreed_amount: status === 'contracting' ? 20 : null,
      agreed_mode: status === 'contracting' ? 'license_ordinary' : null,
      declined_by: null,
      decline_reason: null,
      decline_note: '',
      contract_id: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const offer = await db
    .insertInto('mkt_deal_offer')
    .values({
      deal_id: deal.id,
      from_side: 'seller',
      amount: 20,
      transfer_mode: 'license_ordinary',
      terms: '普通许可三年',
      status: 'pending',
      created_at: now,
      decided_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (status === 'contracting')
    await db
      .insertInto('mkt_deal_step')
      .values(
        (['terms', 'payment', 'ip', 'signing'] as const).map((code, i) => ({
          deal_id: deal.id,
          code,
          seq: i + 1,
          buyer_approved_at: null,
          seller_approved_at: null,
        })),
      )
      .execute();
  return { deal: deal.id, offer: offer.id };
}

async function makeRequest(ctx: MatrixContext, division: string): Promise<number> {
  const now = new Date().toISOString();
  const row = await ctx.t.db.db
    .insertInto('mkt_startup_request')
    .values({
      achievement_id: await makeAchievement(ctx, division, 'listed'),
      division_code: division,
      name: '矩阵申请人',
      phone: '13812345678',
      county_code: '150121',
      want: '想办小型加工点',
      user_id: null,
      status: 'new',
      note: '',
      handled_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const nobody = () => false;

export const accessCases = defineAccessCases((ctx) => {
  let achievementToOpen = 0;
  const deal =
    (status: 'negotiating' | 'contracting' = 'negotiating') =>
    async (url: string, at: { division: string | null }) => {
      const d = await makeDeal(ctx, at.division ?? '150000', status);
      return url.replace(':id', String(d.deal)).replace(':offerId', String(d.offer)).replace(':code', 'terms');
    };
  const partyStep = (status?: 'contracting') => ({ at: 'objects', target: deal(status), allows: nobody }) as const;
  return {
    async setup() {
      for (const d of ['150102', '150203']) await makeRequest(ctx, d);
    },
    cases: {
      'GET /api/market/deals': {},
      'GET /api/market/deals/:id': {
        at: 'objects',
        target: deal(),
        allows: (c: AccessCheck) => c.can('market:oversee', c.division),
      },
      'POST /api/market/deals': {
        at: COUNTY_DIVISIONS,
        target: async (url, at) => {
          achievementToOpen = await makeAchievement(ctx, at.division ?? '150102', 'listed');
          return url;
        },
        body: () => ({ achievementId: achievementToOpen }),
        allows: (c: AccessCheck) => c.can('market:deal', null),
      },
      'POST /api/market/deals/:id/proceed': partyStep(),
      'POST /api/market/deals/:id/messages': { ...partyStep(), body: () => ({ body: '矩阵消息' }) },
      'POST /api/market/deals/:id/offers': {
        ...partyStep(),
        body: () => ({ amount: 10, transferMode: 'license_ordinary', terms: '普通许可' }),
      },
      'POST /api/market/deals/:id/offers/:offerId/accept': partyStep(),
      'POST /api/market/deals/:id/steps/:code/approve': partyStep('contracting'),
      'POST /api/market/deals/:id/decline': { ...partyStep(), body: () => ({ reason: 'price' }) },
      'GET /api/market/startup-requests': { list: true },
      'GET /api/market/startup-requests/:id/contact': {
        at: 'objects',
        target: async (url, at) => url.replace(':id', String(await makeRequest(ctx, at.division ?? '150000'))),
      },
      'POST /api/market/startup-requests/:id/status': {
        at: 'objects',
        target: async (url, at) => url.replace(':id', String(await makeRequest(ctx, at.division ?? '150000'))),
        body: () => ({ status: 'contacted' }),
      },
    },
  };
});
