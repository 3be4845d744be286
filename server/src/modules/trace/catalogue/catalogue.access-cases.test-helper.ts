/**
 * The trace catalogue's routes in the cross-division matrix. Fixture operators (with a product, a site and a batch)
 * are made directly in each object division, acting for no principal: they are reached only by `trace:oversee`
 * holders over their division, and written to only by those also holding `trace:catalogue_manage` there. The matrix's
 * enterprise and farmer principals act for an operator of their own (made in setup), so their lists are not empty.
 */
import { usccCheckChar } from '../../../../../contracts/identifiers.ts';
import {
  defineAccessCases,
  type AccessCheck,
  type MatrixContext,
} from '../../../platform/access/matrix.test-helper.ts';
import { issueTraceCode } from '../identifiers/trace-code.ts';

const oversees = (c: AccessCheck) => c.can('trace:oversee', c.division);
const managesThere = (c: AccessCheck) =>
  c.can('trace:oversee', c.division) && c.can('trace:catalogue_manage', c.division);

function uscc(division: string, n: number): string {
  const first17 = `93${division}${String(n).padStart(9, '0')}`;
  return first17 + (usccCheckChar(first17) ?? '0');
}

interface Fixture {
  operatorId: number;
  productId: number;
  batchId: number;
}

let lastProductId = 0;
let lastBatchId = 0;

async function makeOperator(ctx: MatrixContext, division: string, actingUser?: number): Promise<Fixture> {
  const db = ctx.t.db.db;
  const now = new Date().toISOString();
  const n = ctx.next();
  const op = await db
    .insertInto('trace_operator')
    .values({
      name: `矩阵经营主体${n}`,
      kind: 'cooperative',
      uscc: uscc(division.slice(0, 6), n),
      masked_id: null,
      division_code: division,
      gs1_prefixes: '[]',
      gln: null,
      org_id: null,
      contact: '',
      is_demo: 0,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (actingUser !== undefined)
    await db.insertInto('trace_operator_user').values({ operator_id: op.id, user_id: actingUser }).execute();
  const product = await db
    .insertInto('trace_product')
    .values({
      operator_id: op.id,
      name: `矩阵产品${n}`,
      category: '粮食',
      gtin: null,
      unit: '千克',
      description: '',
      division_code: division,
      is_demo: 0,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const batch = await db
    .insertInto('trace_batch')
    .values({
      operator_id: op.id,
      product_id: product.id,
      site_id: null,
      quantity: 10,
      unit: '千克',
      produced_on: '2026-09-01',
      trace_code: issueTraceCode(division.slice(0, 6), 2026),
      gtin: null,
      lot: null,
      national_trace_code: null,
      status: 'active',
      status_reason: '',
      division_code: division,
      is_demo: 0,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  lastProductId = product.id;
  lastBatchId = batch.id;
  return { operatorId: op.id, productId: product.id, batchId: batch.id };
}

export const accessCases = defineAccessCases((ctx) => {
  const onOperator = async (url: string, at: { division: string | null }) =>
    url.replace(':id', String((await makeOperator(ctx, at.division ?? '150000')).operatorId));
  const onBatch = async (url: string, at: { division: string | null }) =>
    url.replace(':id', String((await makeOperator(ctx, at.division ?? '150000')).batchId));
  const read = { at: 'objects', target: onOperator, allows: oversees } as const;
  const write = (body: (d: string, n: number) => unknown) =>
    ({ at: 'objects', target: onOperator, allows: managesThere, body }) as const;
  return {
    async setup() {
      const db = ctx.t.db.db;
      for (const name of ['enterprise', 'farmer']) {
        const user = await db
          .selectFrom('app_user')
          .select(['id', 'division_code'])
          .where('username', '=', name)
          .executeTakeFirstOrThrow();
        await makeOperator(ctx, user.division_code, user.id);
      }
      for (const d of ['150000', '150100', '150102', '150105', '150200', '150203', '152921'])
        await makeOperator(ctx, d);
    },
    cases: {
      'GET /api/trace/operators': { list: true },
      'GET /api/trace/batches': { list: true },
      'GET /api/trace/operators/:id': read,
      'POST /api/trace/operators': {
        at: 'objects',
        body: (d, n) => ({ name: `矩阵新主体${n}`, kind: 'cooperative', uscc: uscc(d, n), divisionCode: d }),
      },
      'GET /api/trace/operators/:id/sites': read,
      'GET /api/trace/operators/:id/products': read,
      'GET /api/trace/operators/:id/input-products': read,
      'GET /api/trace/operators/:id/animals': read,
      'POST /api/trace/operators/:id/sites': write((_d, n) => ({ name: `矩阵田块${n}`, kind: 'field' })),
      'POST /api/trace/operators/:id/products': write((_d, n) => ({
        name: `矩阵产品${n}`,
        category: '粮食',
        unit: '千克',
      })),
      'POST /api/trace/operators/:id/input-products': write((_d, n) => ({
        name: `矩阵投入品${n}`,
        kind: 'feed',
        registrationNo: `饲准字（矩阵）${n}`,
        withdrawalDays: 0,
      })),
      'POST /api/trace/operators/:id/animals': {
        at: ['150102', '150105', '150203', '152921'],
        target: onOperator,
        allows: managesThere,
        body: (d, n) => ({ earTag: `2${d}${String(n).padStart(8, '0')}` }),
      },
      'POST /api/trace/operators/:id/batches': write(() => ({
        productId: lastProductId,
        quantity: 5,
        unit: '千克',
        producedOn: '2026-09-02',
      })),
      'POST /api/trace/batches/labels.pdf': {
        at: 'objects',
        target: async (url, at) => {
          await makeOperator(ctx, at.division ?? '150000');
          return url;
        },
        allows: oversees,
        body: () => ({ batchIds: [lastBatchId] }),
      },
      'GET /api/trace/batches/:id': { at: 'objects', target: onBatch, allows: oversees },
      'GET /api/trace/batches/:id/qr.png': { at: 'objects', target: onBatch, allows: oversees },
      'GET /api/trace/batches/:id/qr.svg': { at: 'objects', target: onBatch, allows: oversees },
    },
  };
});
