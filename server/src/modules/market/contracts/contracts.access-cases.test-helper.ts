/**
 * The technology-contract and transfer-project routes in the cross-division matrix. Contracts are made in every
 * county of the matrix with the seller there and the buyer in Beijing (so the registering division is that county),
 * plus contracts flowing in (Beijing -> county) and across leagues (昆都仑 -> 新城): the default list shows every
 * contract with either side in scope, checked below; the generic list check reads the seller-side list, whose rows'
 * divisionCode (the registering division) must lie in scope.
 */
import {
  COUNTY_DIVISIONS,
  defineAccessCases,
  type MatrixContext,
} from '../../../platform/access/matrix.test-helper.ts';
import { makeOrganisation } from '../../organisations/organisations.access-cases.test-helper.ts';
import { contractBody, insertContractRow } from './fixtures.test-helper.ts';

const BEIJING = '110108';

async function makeProject(ctx: MatrixContext, division: string, centre?: number): Promise<number> {
  const now = new Date().toISOString();
  const centreId = centre ?? (await makeOrganisation(ctx, division));
  const row = await ctx.t.db.db
    .insertInto('mkt_transfer_project')
    .values({
      centre_org_id: centreId,
      centre_name: '矩阵转化中心',
      achievement_id: null,
      achievement_title: '矩阵测试成果',
      title: `矩阵转化项目${ctx.next()}`,
      industry: '马铃薯种业',
      division_code: division,
      stage: 'rd',
      started_on: '2025-01-01',
      investment: 0,
      output_value: 0,
      jobs: 0,
      note: '',
      is_demo: 0,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function makeMilestone(ctx: MatrixContext, projectId: number): Promise<number> {
  const now = new Date().toISOString();
  const row = await ctx.t.db.db
    .insertInto('mkt_transfer_milestone')
    .values({
      project_id: projectId,
      stage: 'rd',
      title: '矩阵里程碑',
      planned_on: '2025-06-30',
      done_on: null,
      evidence: '',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const accessCases = defineAccessCases((ctx) => {
  const contract = {
    at: COUNTY_DIVISIONS,
    target: async (url: string, at: { division: string | null }) =>
      url.replace(':id', String(await insertContractRow(ctx.t, at.division ?? '150102', BEIJING))),
  } as const;
  const project = {
    at: COUNTY_DIVISIONS,
    target: async (url: string, at: { division: string | null }) =>
      url.replace(':id', String(await makeProject(ctx, at.division ?? '150102'))),
  } as const;
  const centreOf = (d: string) => ctx.rows.get('organisation')?.get(d) ?? 0;
  return {
    async setup() {
      for (const d of COUNTY_DIVISIONS) {
        await insertContractRow(ctx.t, d, BEIJING);
        await insertContractRow(ctx.t, BEIJING, d, d);
        await makeProject(ctx, d);
      }
      await insertContractRow(ctx.t, '150203', '150102');
    },
    cases: {
      'GET /api/market/contracts': { list: true, query: () => 'direction=seller' },
      'GET /api/market/contracts/:id': contract,
      'POST /api/market/contracts': { at: COUNTY_DIVISIONS, body: (d) => contractBody(d, BEIJING) },
      'PATCH /api/market/contracts/:id': { ...contract, body: (_d, n) => ({ note: `矩阵修改${n}` }) },
      'DELETE /api/market/contracts/:id': contract,
      'GET /api/market/contracts/export.xlsx': {},
      'GET /api/market/contracts/export.csv': {},
      'GET /api/market/contract-stats': {},
      'GET /api/market/contract-code-lists': {},
      'GET /api/imports/templates/market-contracts.xlsx': {},
      // Upload answers 201 with row errors for rows outside the scope (the platform's import tests).
      'POST /api/imports/market-contracts': {
        raw: (d, n) => {
          const b = contractBody('150102', BEIJING);
          return (
            '登记号,登记机构,合同名称,合同类型,技术领域,卖方名称,卖方统一社会信用代码,卖方所在旗县代码,买方名称,买方统一社会信用代码,买方所在旗县代码,合同成交额（万元）,技术交易额（万元）,签订日期,登记日期\n' +
            `M${n}${d},NM-HOHHOT,矩阵导入合同${n},技术开发,农业,${b.seller.name},${b.seller.uscc},150102,${b.buyer.name},${b.buyer.uscc},${BEIJING},10,8,2024-01-02,2024-01-20\n`
          );
        },
      },
      'GET /api/market/transfer-projects': { list: true },
      'GET /api/market/transfer-projects/:id': project,
      'POST /api/market/transfer-projects': {
        at: COUNTY_DIVISIONS,
        body: (d, n) => ({
          centreOrgId: centreOf(d),
          achievementTitle: '矩阵测试成果',
          title: `矩阵新建项目${n}`,
          industry: '乳业',
          divisionCode: d,
          startedOn: '2025-02-01',
        }),
      },
      'PATCH /api/market/transfer-projects/:id': { ...project, body: () => ({ jobs: 3 }) },
      'POST /api/market/transfer-projects/:id/stage': { ...project, body: () => ({ stage: 'small_trial' }) },
      'POST /api/market/transfer-projects/:id/milestones': {
        ...project,
        body: () => ({ stage: 'rd', title: '完成实验室验证', plannedOn: '2025-05-01' }),
      },
      'PATCH /api/market/transfer-projects/:id/milestones/:milestoneId': {
        at: COUNTY_DIVISIONS,
        target: async (url, at) => {
          const id = await makeProject(ctx, at.division ?? '150102');
          return url.replace(':id', String(id)).replace(':milestoneId', String(await makeMilestone(ctx, id)));
        },
        body: () => ({ doneOn: '2025-05-03', evidence: '验收意见' }),
      },
      'GET /api/market/transfer-centres/:id/board': {
        at: COUNTY_DIVISIONS,
        target: async (url, at) => {
          const centre = await makeOrganisation(ctx, at.division ?? '150102');
          await makeProject(ctx, at.division ?? '150102', centre);
          return url.replace(':id', String(centre));
        },
      },
    },
    checks: [
      {
        name: 'market contracts: the default list shows exactly the contracts with a party in scope',
        async run() {
          const failures: string[] = [];
          for (const [name, division] of [
            ['region', '150000'],
            ['league-hohhot', '150100'],
            ['league-baotou', '150200'],
            ['county-xincheng', '150102'],
            ['county-kundulun', '150203'],
          ] as const) {
            const res = await ctx.agent(name).request('GET', '/api/market/contracts?pageSize=200');
            const { items } = res.json<{
              items: { seller: { divisionCode: string }; buyer: { divisionCode: string } }[];
            }>();
            if (items.length === 0) failures.push(`${name}: empty list`);
            for (const c of items)
              if (!ctx.inScope(division, c.seller.divisionCode) && !ctx.inScope(division, c.buyer.divisionCode))
                failures.push(`${name}: foreign contract ${c.seller.divisionCode} -> ${c.buyer.divisionCode}`);
            const inflow = items.filter((c) => c.seller.divisionCode === BEIJING).length;
            if (inflow === 0) failures.push(`${name}: no inflow contract listed`);
          }
          const xincheng = (
            await ctx.agent('county-xincheng').request('GET', '/api/market/contracts?pageSize=200')
          ).json<{
            items: { seller: { divisionCode: string } }[];
          }>();
          if (!xincheng.items.some((c) => c.seller.divisionCode === '150203'))
            failures.push('county-xincheng: the contract bought from 昆都仑 is missing');
          return failures;
        },
      },
    ],
  };
});
