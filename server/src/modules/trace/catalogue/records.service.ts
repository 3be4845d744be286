/**
 * An operator's records: sites, products (GTIN checked), input products (registration number, withdrawal interval),
 * batches (the platform issues the trace code) and animals (ear tag checked). Each is created under an operator the
 * caller may manage and listed under an operator the caller reaches; batches are also listed across the reach.
 */
import type { z } from 'zod';
import type {
  ZCreateAnimalRequest,
  ZCreateBatchRequest,
  ZCreateInputProductRequest,
  ZCreateProductRequest,
  ZCreateSiteRequest,
  ZListQuery,
} from '../../../../../contracts/trace.ts';
import type { PageRequest } from '../../../platform/http/paging.ts';
import { writeAudit } from '../../../platform/audit/audit.ts';
import { iso } from '../../../platform/clock.ts';
import type { Caller, Deps } from '../../../platform/deps.ts';
import type { Trx } from '../../../db/database.ts';
import { descendantCodes, divisionNames } from '../../../platform/divisions/index.ts';
import { AppError } from '../../../platform/errors/errors.ts';
import { invalidateCatalogueFacts } from './catalogue.facts.ts';
import { fetchPage } from '../../../platform/http/paging.ts';
import { parseEarTag } from '../identifiers/ear-tag.ts';
import { validateGtin } from '../identifiers/gs1-keys.ts';
import { issueTraceCode } from '../identifiers/trace-code.ts';
import { assertCanManage, inReach, reachOf } from './catalogue.access.ts';
import {
  presentAnimal,
  presentBatch,
  presentInputProduct,
  presentProduct,
  presentSite,
} from './catalogue.presenter.ts';
import { findOperatorInReach } from './operators.service.ts';

function invalid(path: string, zh: string, en: string): AppError {
  return new AppError('VALIDATION', { zh, en, details: [{ path, message: zh }] });
}

const page = <T>(items: T[], total: number, q: PageRequest) => ({ items, total, page: q.page, pageSize: q.pageSize });

async function managed(deps: Deps, caller: Caller, operatorId: number) {
  const op = await findOperatorInReach(deps, caller, operatorId);
  await assertCanManage(deps.db, caller, op);
  return op;
}

/**
 * Inserts one record under an operator and audits it (the operator is the target, the new id in the details) in one
 * transaction; returns the new id.
 */
async function insertUnderOperator(
  deps: Deps,
  caller: Caller,
  audit: { action: string; operatorId: number; divisionCode: string; detailKey: string },
  insert: (trx: Trx) => Promise<{ id: number }>,
): Promise<number> {
  return deps.db.transaction().execute(async (trx) => {
    const row = await insert(trx);
    await writeAudit(trx, deps.audit, caller.actor, {
      action: audit.action,
      targetType: 'trace_operator',
      targetId: audit.operatorId,
      divisionCode: audit.divisionCode,
      details: { [audit.detailKey]: row.id },
    });
    return row.id;
  });
}

export async function createSite(
  deps: Deps,
  caller: Caller,
  operatorId: number,
  body: z.infer<typeof ZCreateSiteRequest>,
) {
  const op = await managed(deps, caller, operatorId);
  const division = body.divisionCode ?? op.division_code;
  if (!(await descendantCodes(deps.db, [op.division_code])).includes(division))
    throw invalid(
      'body.divisionCode',
      '场所须在经营主体所在行政区划内',
      'The site must lie in the operator’s division',
    );
  if ((body.lat === undefined) !== (body.lon === undefined))
    throw invalid('body.lat', '经纬度须同时填写', 'Give both latitude and longitude');
  const id = await insertUnderOperator(
    deps,
    caller,
    { action: 'trace.site.create', operatorId: op.id, divisionCode: division, detailKey: 'siteId' },
    (trx) =>
      trx
        .insertInto('trace_site')
        .values({
          operator_id: op.id,
          name: body.name,
          kind: body.kind,
          lat: body.lat ?? null,
          lon: body.lon ?? null,
          division_code: division,
          is_demo: 0,
          created_at: iso(deps.clock.now()),
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
  );
  return presentSite(await deps.db.selectFrom('trace_site').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
}

export async function listSites(deps: Deps, caller: Caller, operatorId: number, q: PageRequest) {
  const op = await findOperatorInReach(deps, caller, operatorId);
  const base = deps.db.selectFrom('trace_site').where('operator_id', '=', op.id);
  const { rows, total } = await fetchPage(base, (b) => b.selectAll().orderBy('id'), q);
  return page(rows.map(presentSite), total, q);
}

export async function createProduct(
  deps: Deps,
  caller: Caller,
  operatorId: number,
  body: z.infer<typeof ZCreateProductRequest>,
) {
  const op = await managed(deps, caller, operatorId);
  let gtin: string | null = null;
  if (body.gtin) {
    const r = validateGtin(body.gtin);
    if (!r.ok) throw invalid('body.gtin', r.message, 'Invalid GTIN');
    gtin = r.value;
  }
  const id = await insertUnderOperator(
    deps,
    caller,
    { action: 'trace.product.create', operatorId: op.id, divisionCode: op.division_code, detailKey: 'productId' },
    (trx) =>
      trx
        .insertInto('trace_product')
        .values({
          operator_id: op.id,
          name: body.name,
          category: body.category,
          gtin,
          unit: body.unit,
          description: body.description,
          division_code: op.division_code,
          is_demo: 0,
          created_at: iso(deps.clock.now()),
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
  );
  return presentProduct(
    await deps.db.selectFrom('trace_product').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
  );
}

export async function listProducts(deps: Deps, caller: Caller, operatorId: number, q: PageRequest) {
  const op = await findOperatorInReach(deps, caller, operatorId);
  const base = deps.db.selectFrom('trace_product').where('operator_id', '=', op.id);
  const { rows, total } = await fetchPage(base, (b) => b.selectAll().orderBy('id'), q);
  return page(rows.map(presentProduct), total, q);
}

export async function createInputProduct(
  deps: Deps,
  caller: Caller,
  operatorId: number,
  body: z.infer<typeof ZCreateInputProductRequest>,
) {
  const op = await managed(deps, caller, operatorId);
  const id = await insertUnderOperator(
    deps,
    caller,
    {
      action: 'trace.input_product.create',
      operatorId: op.id,
      divisionCode: op.division_code,
      detailKey: 'inputProductId',
    },
    (trx) =>
      trx
        .insertInto('trace_input_product')
        .values({
          operator_id: op.id,
          name: body.name,
          kind: body.kind,
          registration_no: body.registrationNo,
          withdrawal_days: body.withdrawalDays,
          manufacturer: body.manufacturer,
          division_code: op.division_code,
          is_demo: 0,
          created_at: iso(deps.clock.now()),
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
  );
  return presentInputProduct(
    await deps.db.selectFrom('trace_input_product').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
  );
}

export async function listInputProducts(deps: Deps, caller: Caller, operatorId: number, q: PageRequest) {
  const op = await findOperatorInReach(deps, caller, operatorId);
  const base = deps.db.selectFrom('trace_input_product').where('operator_id', '=', op.id);
  const { rows, total } = await fetchPage(base, (b) => b.selectAll().orderBy('id'), q);
  return page(rows.map(presentInputProduct), total, q);
}

function batchQuery(deps: Deps) {
  return deps.db
    .selectFrom('trace_batch')
    .innerJoin('trace_operator', 'trace_operator.id', 'trace_batch.operator_id')
    .innerJoin('trace_product', 'trace_product.id', 'trace_batch.product_id');
}

const batchColumns = ['trace_operator.name as operator_name', 'trace_product.name as product_name'] as const;

export async function createBatch(
  deps: Deps,
  caller: Caller,
  operatorId: number,
  body: z.infer<typeof ZCreateBatchRequest>,
) {
  const op = await managed(deps, caller, operatorId);
  const product = await deps.db
    .selectFrom('trace_product')
    .selectAll()
    .where('id', '=', body.productId)
    .where('operator_id', '=', op.id)
    .executeTakeFirst();
  if (!product) throw invalid('body.productId', '产品不存在或不属于该经营主体', 'Unknown product of this operator');
  if (body.siteId !== undefined) {
    const site = await deps.db
      .selectFrom('trace_site')
      .select('id')
      .where('id', '=', body.siteId)
      .where('operator_id', '=', op.id)
      .executeTakeFirst();
    if (!site) throw invalid('body.siteId', '场所不存在或不属于该经营主体', 'Unknown site of this operator');
  }
  let gtin = product.gtin;
  if (body.gtin) {
    const r = validateGtin(body.gtin);
    if (!r.ok) throw invalid('body.gtin', r.message, 'Invalid GTIN');
    gtin = r.value;
  }
  if (body.lot && !gtin) throw invalid('body.lot', '填写批号时须有商品条码（GTIN）', 'A lot needs a GTIN');
  if (gtin && body.lot) {
    const dup = await deps.db
      .selectFrom('trace_batch')
      .select('id')
      .where('gtin', '=', gtin)
      .where('lot', '=', body.lot)
      .executeTakeFirst();
    if (dup) throw new AppError('CONFLICT', { zh: '该商品条码下已有相同批号的批次', en: 'GTIN + lot already used' });
  }
  const now = deps.clock.now();
  // The county of the code is the operator's county (or the division itself when it is a league or the region).
  const county = op.division_code.length === 6 ? op.division_code : op.division_code.slice(0, 6);
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('trace_batch')
      .values({
        operator_id: op.id,
        product_id: product.id,
        site_id: body.siteId ?? null,
        quantity: body.quantity,
        unit: body.unit,
        produced_on: body.producedOn,
        trace_code: issueTraceCode(county, now.getUTCFullYear()),
        gtin: body.lot ? gtin : null,
        lot: body.lot ?? null,
        national_trace_code: body.nationalTraceCode ?? null,
        status: 'active',
        status_reason: '',
        division_code: op.division_code,
        is_demo: 0,
        created_by: caller.principal.userId,
        created_at: iso(now),
        updated_at: iso(now),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'trace.batch.create',
      targetType: 'trace_batch',
      targetId: row.id,
      divisionCode: op.division_code,
      details: { operatorId: op.id, productId: product.id },
    });
    return row.id;
  });
  invalidateCatalogueFacts();
  return getBatch(deps, caller, id);
}

export async function listBatches(deps: Deps, caller: Caller, q: z.infer<typeof ZListQuery>) {
  const reach = await reachOf(deps.db, caller);
  let base = batchQuery(deps).where((eb) =>
    inReach(eb, reach, eb.ref('trace_batch.division_code'), eb.ref('trace_batch.operator_id')),
  );
  if (q.division) base = base.where('trace_batch.division_code', 'in', await descendantCodes(deps.db, [q.division]));
  if (q.q) {
    const like = `%${q.q}%`;
    const code = q.q.toUpperCase();
    base = base.where((eb) =>
      eb.or([
        eb('trace_product.name', 'like', like),
        eb('trace_operator.name', 'like', like),
        eb('trace_batch.trace_code', '=', code),
        eb('trace_batch.lot', '=', q.q ?? ''),
      ]),
    );
  }
  const { rows, total } = await fetchPage(
    base,
    (b) => b.selectAll('trace_batch').select(batchColumns).orderBy('trace_batch.id', 'desc'),
    q,
  );
  return page(rows.map(presentBatch), total, q);
}

export async function getBatch(deps: Deps, caller: Caller, id: number) {
  const reach = await reachOf(deps.db, caller);
  const row = await batchQuery(deps)
    .selectAll('trace_batch')
    .select(batchColumns)
    .where('trace_batch.id', '=', id)
    .where((eb) => inReach(eb, reach, eb.ref('trace_batch.division_code'), eb.ref('trace_batch.operator_id')))
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return presentBatch(row);
}

export async function createAnimal(
  deps: Deps,
  caller: Caller,
  operatorId: number,
  body: z.infer<typeof ZCreateAnimalRequest>,
) {
  const op = await managed(deps, caller, operatorId);
  const names = await divisionNames(deps.db);
  const tag = parseEarTag(body.earTag, { isCountyCode: (c) => names.has(c) });
  if (!tag.ok) throw invalid('body.earTag', tag.message, 'Invalid ear tag');
  if (body.batchId !== undefined) {
    const b = await deps.db
      .selectFrom('trace_batch')
      .select('id')
      .where('id', '=', body.batchId)
      .where('operator_id', '=', op.id)
      .executeTakeFirst();
    if (!b) throw invalid('body.batchId', '批次不存在或不属于该经营主体', 'Unknown batch of this operator');
  }
  const dup = await deps.db
    .selectFrom('trace_animal')
    .select('id')
    .where('ear_tag', '=', tag.value.number)
    .executeTakeFirst();
  if (dup)
    throw new AppError('CONFLICT', { zh: `耳标号 ${tag.value.number} 已登记`, en: 'Ear tag already registered' });
  const id = await insertUnderOperator(
    deps,
    caller,
    { action: 'trace.animal.create', operatorId: op.id, divisionCode: op.division_code, detailKey: 'animalId' },
    (trx) =>
      trx
        .insertInto('trace_animal')
        .values({
          operator_id: op.id,
          ear_tag: tag.value.number,
          species: tag.value.species,
          batch_id: body.batchId ?? null,
          division_code: op.division_code,
          is_demo: 0,
          created_at: iso(deps.clock.now()),
        })
        .returning('id')
        .executeTakeFirstOrThrow(),
  );
  return presentAnimal(
    await deps.db.selectFrom('trace_animal').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
  );
}

export async function listAnimals(deps: Deps, caller: Caller, operatorId: number, q: PageRequest) {
  const op = await findOperatorInReach(deps, caller, operatorId);
  const base = deps.db.selectFrom('trace_animal').where('operator_id', '=', op.id);
  const { rows, total } = await fetchPage(base, (b) => b.selectAll().orderBy('id'), q);
  return page(rows.map(presentAnimal), total, q);
}
