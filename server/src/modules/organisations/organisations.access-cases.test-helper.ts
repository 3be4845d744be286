/**
 * The organisations module's routes in the cross-division matrix (platform/access/matrix.test-helper.ts), and its
 * fixtures: two organisations in every object division (the first published to other case files as `organisation`
 * rows), put into the search index.
 */
import { OBJECT_DIVISIONS, defineAccessCases, type MatrixContext } from '../../platform/access/matrix.test-helper.ts';
import { reindex } from '../../platform/search/sources.ts';

/** A fresh active organisation in `division` (bypassing the service: no audit row, no search entry). */
export async function makeOrganisation(ctx: MatrixContext, division: string): Promise<number> {
  const now = new Date().toISOString();
  const row = await ctx.t.db.db
    .insertInto('organisation')
    .values({
      name: `目标单位${ctx.next()}`,
      type: 'government',
      uscc: null,
      division_code: division,
      status: 'active',
      is_demo: 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export const accessCases = defineAccessCases((ctx) => {
  const org = {
    at: 'objects',
    target: async (url: string, at: { division: string | null }) =>
      url.replace(':id', String(await makeOrganisation(ctx, at.division ?? '150000'))),
  } as const;
  return {
    async setup() {
      // Rows to see in lists, in every object division.
      const first = new Map<string, number>();
      for (const d of OBJECT_DIVISIONS) {
        first.set(d, await makeOrganisation(ctx, d));
        await makeOrganisation(ctx, d); // a second one: "similar items" of the first then has an answer everywhere
      }
      ctx.rows.set('organisation', first);
      await reindex(ctx.t.app.deps.db); // the rows above bypass the services: put them into the search index
    },
    cases: {
      'GET /api/organisations': { list: true },
      'GET /api/organisations/:id': org,
      'POST /api/organisations': {
        at: 'objects',
        body: (d, n) => ({ name: `矩阵测试单位${n}`, type: 'government', divisionCode: d }),
      },
      'PATCH /api/organisations/:id': { ...org, body: (_d, n) => ({ name: `改名单位${n}` }) },
      'GET /api/organisations/export.xlsx': {},
      'GET /api/organisations/export.csv': {},
      'GET /api/imports/templates/organisations.xlsx': {},
      // Upload answers 201 with row errors for rows outside the scope (tested in platform/spreadsheets).
      'POST /api/imports/organisations': {
        raw: (d, n) => `单位名称,单位类型,行政区划代码\n矩阵导入${n},政府部门,${d}\n`,
      },
    },
  };
});
