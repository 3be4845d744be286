/**
 * The market's routes in the cross-division matrix (platform/access/matrix.test-helper.ts). Objects are made directly
 * (no audit rows) and owned by a fixture account that is none of the matrix principals, so owner-only steps are
 * refused to everyone; records on offer are open to every `market:read` holder wherever they are; records under
 * review only to `market:oversee` holders over their division, and review steps to `market:review` holders there.
 */
import { addUser } from '../../test/harness.ts';
import { defineAccessCases, type AccessCheck, type MatrixContext } from '../../platform/access/matrix.test-helper.ts';
import type { AchievementStatus, DemandStatus } from './market.tables.ts';

let ownerId = 0;

async function owner(ctx: MatrixContext): Promise<number> {
  if (
    ownerId === 0 ||
    !(await ctx.t.db.db.selectFrom('app_user').select('id').where('id', '=', ownerId).executeTakeFirst())
  )
    ownerId = await addUser(ctx.t, { username: `market-owner-${ctx.next()}`, role: 'researcher', division: '150105' });
  return ownerId;
}

/** An achievement in `division` in `status` (visibility nda), owned by the fixture account. */
export async function makeAchievement(
  ctx: MatrixContext,
  division: string,
  status: AchievementStatus,
): Promise<number> {
  const now = new Date().toISOString();
  const row = await ctx.t.db.db
    .insertInto('mkt_achievement')
    .values({
      registration_no: null,
      title: `矩阵成果${ctx.next()} 马铃薯脱毒种薯`,
      summary: '马铃薯脱毒种薯快繁',
      keywords: '["马铃薯"]',
      domain: 'seed',
      type: 'applied',
      attribute: 'original',
      form: 'technology',
      stage: 'mature',
      trl: 8,
      register: '{}',
      public_summary: '{}',
      confidential_detail: 'MATRIX-CONFIDENTIAL',
      visibility: 'nda',
      transfer_modes: '["license_ordinary"]',
      pricing_mode: 'negotiable',
      price: null,
      suitability: '{}',
      for_entrepreneurs: 0,
      status,
      status_reason: '',
      publicity_ends_at: null,
      division_code: division,
      owner_user_id: await owner(ctx),
      org_id: null,
      is_demo: 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A demand in `division` in `status` (an open call with a deadline far ahead), owned by the fixture account. */
export async function makeDemand(ctx: MatrixContext, division: string, status: DemandStatus): Promise<number> {
  const now = new Date().toISOString();
  const row = await ctx.t.db.db
    .insertInto('mkt_demand')
    .values({
      title: `矩阵需求${ctx.next()} 马铃薯种薯`,
      description: '需要马铃薯脱毒种薯技术',
      org_id: null,
      contact: '张经理 13800000000',
      source: 'self',
      source_ref: null,
      desired_outcome: '',
      requirements: '',
      keywords: '["马铃薯"]',
      domain: 'seed',
      target_stage: 'mature',
      target_trl: 7,
      budget_min: null,
      budget_max: 50,
      cooperation_forms: '["purchase","open_call"]',
      is_open_call: 1,
      deadline: '2099-12-31',
      status,
      status_reason: '',
      division_code: division,
      owner_user_id: await owner(ctx),
      is_demo: 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const anywhere = (permission: string) => (c: AccessCheck) => c.can(permission, null);
const nobody = () => false;

export const accessCases = defineAccessCases((ctx) => {
  let feedback = { demand: 0, achievement: 0 };
  const achievement = (status: AchievementStatus) =>
    ({
      at: 'objects',
      target: async (url: string, at: { division: string | null }) =>
        url.replace(':id', String(await makeAchievement(ctx, at.division ?? '150000', status))),
    }) as const;
  const demand = (status: DemandStatus) =>
    ({
      at: 'objects',
      target: async (url: string, at: { division: string | null }) =>
        url.replace(':id', String(await makeDemand(ctx, at.division ?? '150000', status))),
    }) as const;
  const byState = {
    at: 'objects',
    states: ['on-offer', 'under-review'],
    allows: (c: AccessCheck) =>
      c.state === 'on-offer' ? c.can('market:read', null) : c.can('market:oversee', c.division),
  } as const;
  return {
    async setup() {
      feedback = {
        demand: await makeDemand(ctx, '150102', 'published'),
        achievement: await makeAchievement(ctx, '150105', 'listed'),
      };
    },
    cases: {
      'GET /api/market/achievements': {},
      'GET /api/market/achievements/:id': {
        ...byState,
        target: async (url, at) =>
          url.replace(
            ':id',
            String(
              await makeAchievement(ctx, at.division ?? '150000', at.state === 'on-offer' ? 'listed' : 'submitted'),
            ),
          ),
      },
      'POST /api/market/achievements': {
        at: 'objects',
        body: (d, n) => ({
          title: `矩阵登记成果${n}`,
          summary: '成果简介',
          confidentialDetail: '保密',
          divisionCode: d,
        }),
      },
      'PATCH /api/market/achievements/:id': {
        ...achievement('draft'),
        allows: nobody,
        body: () => ({ title: '改名成果' }),
      },
      'POST /api/market/achievements/:id/owner-step': {
        ...achievement('draft'),
        allows: nobody,
        body: () => ({ step: 'submit' }),
      },
      'POST /api/market/achievements/:id/review': { ...achievement('submitted'), body: () => ({ action: 'start' }) },
      'POST /api/market/achievements/:id/objections': {
        ...achievement('publicity'),
        allows: anywhere('market:read'),
        body: () => ({ reason: '完成人排序有误' }),
      },
      'POST /api/market/achievements/:id/nda-requests': {
        ...achievement('listed'),
        allows: anywhere('market:read'),
        body: () => ({}),
      },
      'GET /api/market/achievements/:id/matches': { ...achievement('listed'), allows: anywhere('market:read') },
      'GET /api/market/nda-requests': { self: true },
      'POST /api/market/nda-requests/:id/decision': {
        at: 'objects',
        allows: nobody,
        body: () => ({ decision: 'approve' }),
        target: async (url, at) => {
          const achievementId = await makeAchievement(ctx, at.division ?? '150000', 'listed');
          const row = await ctx.t.db.db
            .insertInto('mkt_nda_request')
            .values({
              achievement_id: achievementId,
              requester_user_id: await owner(ctx),
              message: '',
              status: 'pending',
              decided_by: null,
              decided_at: null,
              created_at: new Date().toISOString(),
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          return url.replace(':id', String(row.id));
        },
      },
      'GET /api/market/demands': {},
      'GET /api/market/demands/:id': {
        ...byState,
        target: async (url, at) =>
          url.replace(
            ':id',
            String(await makeDemand(ctx, at.division ?? '150000', at.state === 'on-offer' ? 'published' : 'submitted')),
          ),
      },
      'POST /api/market/demands': {
        at: 'objects',
        body: (d, n) => ({ title: `矩阵发布需求${n}`, description: '需求描述', divisionCode: d }),
      },
      'PATCH /api/market/demands/:id': { ...demand('draft'), allows: nobody, body: () => ({ title: '改名需求' }) },
      'POST /api/market/demands/:id/owner-step': {
        ...demand('draft'),
        allows: nobody,
        body: () => ({ step: 'submit' }),
      },
      'POST /api/market/demands/:id/review': { ...demand('submitted'), body: () => ({ action: 'start' }) },
      'POST /api/market/demands/:id/supporters': {
        ...demand('published'),
        allows: anywhere('market:post_demand'),
        body: () => ({}),
      },
      'POST /api/market/demands/:id/proposals': {
        ...demand('published'),
        allows: anywhere('market:post_achievement'),
        body: () => ({ summary: '揭榜方案：脱毒快繁' }),
      },
      'GET /api/market/demands/:id/proposals': {
        ...demand('published'),
        allows: (c) => c.can('market:oversee', c.division),
      },
      'GET /api/market/demands/:id/matches': { ...demand('published'), allows: anywhere('market:read') },
      'GET /api/imports/templates/market-achievements.xlsx': {},
      // Upload answers 201 with row errors for rows outside the scope (tested in platform/spreadsheets).
      'POST /api/imports/market-achievements': {
        raw: (d, n) => `成果名称,成果简介,行政区划代码\n矩阵导入成果${n},成果简介,${d}\n`,
      },
      'POST /api/market/matches/feedback': {
        body: () => ({ fromType: 'demand', fromId: feedback.demand, toId: feedback.achievement, useful: true }),
      },
    },
  };
});
