/**
 * 经营主体 use cases: create (USCC checked with GB 32100, or an individual's ID number kept masked only), list
 * (paged, searchable, scoped) and get. An account that creates an operator for itself (an enterprise or a farmer)
 * acts for it from then on.
 */
import type { z } from 'zod';
import { isValidIdNumber, isValidUscc, maskIdNumber } from '../../../../../contracts/identifiers.ts';
import type { ZCreateOperatorRequest, ZListQuery } from '../../../../../contracts/trace.ts';
import { hasPermission, scopeRoots } from '../../../platform/access/scope.ts';
import { writeAudit } from '../../../platform/audit/audit.ts';
import { iso } from '../../../platform/clock.ts';
import type { Caller, Deps } from '../../../platform/deps.ts';
import { descendantCodes, divisionNames } from '../../../platform/divisions/index.ts';
import { AppError } from '../../../platform/errors/errors.ts';
import { invalidateCatalogueFacts } from './catalogue.facts.ts';
import { fetchPage } from '../../../platform/http/paging.ts';
import { organisationExists } from '../../organisations/index.ts';
import { validateGln, validateGs1CompanyPrefix } from '../identifiers/gs1-keys.ts';
import { inReach, reachOf } from './catalogue.access.ts';
import { presentOperator } from './catalogue.presenter.ts';

function invalid(path: string, zh: string, en: string): AppError {
  return new AppError('VALIDATION', { zh, en, details: [{ path, message: zh }] });
}

export async function createOperator(deps: Deps, caller: Caller, body: z.infer<typeof ZCreateOperatorRequest>) {
  if (body.uscc && body.idNumber)
    throw invalid('body.idNumber', '统一社会信用代码与身份证号只填一项', 'Give a USCC or an ID number, not both');
  if (!body.uscc && !body.idNumber)
    throw invalid('body.uscc', '请填写统一社会信用代码（个人填写身份证号）', 'A USCC (or an ID number) is required');
  if (body.uscc && !isValidUscc(body.uscc))
    throw invalid('body.uscc', '统一社会信用代码无效（GB 32100 校验位不符）', 'Invalid USCC (GB 32100)');
  if (body.idNumber && !isValidIdNumber(body.idNumber))
    throw invalid('body.idNumber', '身份证号无效（校验位不符）', 'Invalid ID number');
  const prefixes: string[] = [];
  for (const [i, p] of body.gs1CompanyPrefixes.entries()) {
    const r = validateGs1CompanyPrefix(p);
    if (!r.ok) throw invalid(`body.gs1CompanyPrefixes.${i}`, r.message, 'Invalid GS1 company prefix');
    prefixes.push(r.value);
  }
  let gln: string | null = null;
  if (body.gln) {
    const r = validateGln(body.gln);
    if (!r.ok) throw invalid('body.gln', r.message, 'Invalid GLN');
    gln = r.value;
  }
  const names = await divisionNames(deps.db);
  if (!names.has(body.divisionCode))
    throw invalid('body.divisionCode', `行政区划 ${body.divisionCode} 不存在`, 'Unknown division');
  const manage = await descendantCodes(deps.db, scopeRoots(caller.principal, 'trace:catalogue_manage'));
  if (!manage.includes(body.divisionCode))
    throw new AppError('FORBIDDEN', { zh: '不能在管辖范围以外登记经营主体', en: 'Outside your divisions' });
  if (body.orgId !== undefined && !(await organisationExists(deps.db, body.orgId)))
    throw invalid('body.orgId', '单位不存在', 'Unknown organisation');
  if (prefixes.length > 0) {
    const taken = await deps.db.selectFrom('trace_operator').select(['id', 'gs1_prefixes']).execute();
    for (const t of taken) {
      const held = JSON.parse(t.gs1_prefixes) as string[];
      const clash = prefixes.find((p) => held.some((h) => h.startsWith(p) || p.startsWith(h)));
      if (clash)
        throw new AppError('CONFLICT', { zh: `厂商识别代码 ${clash} 已被其他经营主体登记`, en: 'Prefix taken' });
    }
  }
  const now = iso(deps.clock.now());
  // Officers register operators for others; an enterprise or farmer registers the one it acts for.
  const actsFor = !hasPermission(caller.principal, 'trace:oversee');
  const id = await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('trace_operator')
      .values({
        name: body.name,
        kind: body.kind,
        uscc: body.uscc ?? null,
        masked_id: body.idNumber ? maskIdNumber(body.idNumber) : null,
        division_code: body.divisionCode,
        gs1_prefixes: JSON.stringify(prefixes),
        gln,
        org_id: body.orgId ?? null,
        contact: body.contact,
        is_demo: 0,
        created_by: caller.principal.userId,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (actsFor)
      await trx
        .insertInto('trace_operator_user')
        .values({ operator_id: row.id, user_id: caller.principal.userId })
        .execute();
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'trace.operator.create',
      targetType: 'trace_operator',
      targetId: row.id,
      divisionCode: body.divisionCode,
      details: { kind: body.kind },
    });
    return row.id;
  });
  invalidateCatalogueFacts();
  return getOperator(deps, caller, id);
}

export async function listOperators(deps: Deps, caller: Caller, q: z.infer<typeof ZListQuery>) {
  const reach = await reachOf(deps.db, caller);
  let base = deps.db
    .selectFrom('trace_operator')
    .where((eb) => inReach(eb, reach, eb.ref('trace_operator.division_code'), eb.ref('trace_operator.id')));
  if (q.division) {
    const inDivision = await descendantCodes(deps.db, [q.division]);
    base = base.where('division_code', 'in', inDivision);
  }
  if (q.q) {
    const like = `%${q.q}%`;
    base = base.where((eb) => eb.or([eb('name', 'like', like), eb('uscc', '=', q.q?.toUpperCase() ?? '')]));
  }
  const { rows, total } = await fetchPage(base, (b) => b.selectAll().orderBy('id', 'desc'), q);
  const names = await divisionNames(deps.db);
  return {
    items: rows.map((r) => presentOperator(r, names.get(r.division_code) ?? r.division_code)),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** The operator in the caller's reach (404 otherwise). */
export async function findOperatorInReach(deps: Deps, caller: Caller, id: number) {
  const reach = await reachOf(deps.db, caller);
  const row = await deps.db
    .selectFrom('trace_operator')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => inReach(eb, reach, eb.ref('trace_operator.division_code'), eb.ref('trace_operator.id')))
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function getOperator(deps: Deps, caller: Caller, id: number) {
  const row = await findOperatorInReach(deps, caller, id);
  const names = await divisionNames(deps.db);
  return presentOperator(row, names.get(row.division_code) ?? row.division_code);
}
