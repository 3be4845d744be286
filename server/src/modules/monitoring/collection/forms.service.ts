/**
 * The entry form of a county-year (GET …/forms/:division/:period) and saving its cells (PUT …/values, and the file
 * imports through `writeFormCells`): versions and revisions of changed cells, one audit row per request.
 */
import type { z } from 'zod';
import type {
  Form,
  Framework,
  FrameworkNode,
  ValueFlag,
  ZSaveValuesRequest,
} from '../../../../../contracts/monitoring.ts';
import { writeAudit } from '../../../platform/audit/audit.ts';
import { iso } from '../../../platform/clock.ts';
import type { Caller, Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors/errors.ts';
import { indicatorsOf } from '../frameworks/frameworks.repository.ts';
import type { SubmissionStatus } from '../shared/monitoring.tables.ts';
import { listAttachments } from './attachments.repository.ts';
import {
  assertReadable,
  currentFramework,
  deadlineDate,
  deadlineEnd,
  findingsOf,
  isLate,
  resolveCounty,
  type CountyAccess,
  type FormKey,
} from './collection.service.ts';
import * as submissions from './submissions.repository.ts';
import * as values from './values.repository.ts';
import { completenessOf } from './validation.ts';
import { STATUS_LABELS, availableActions, isEditableStatus, type FormStatus } from './workflow.ts';
function summaryOf(f: Framework) {
  return {
    id: f.id,
    code: f.code,
    version: f.version,
    nameZh: f.nameZh,
    nameEn: f.nameEn,
    description: f.description,
    status: f.status,
    isDefault: f.isDefault,
    indicatorCount: f.indicatorCount,
    createdAt: f.createdAt,
    activatedAt: f.activatedAt,
  };
}

/** Indicators with their dimension as parentCode (sub-dimensions skipped), as the form contract promises. */
function withDimensionParents(framework: Framework, indicators: readonly FrameworkNode[]): FrameworkNode[] {
  const byCode = new Map(framework.nodes.map((n) => [n.code, n]));
  return indicators.map((n) => {
    let parent = n.parentCode ? byCode.get(n.parentCode) : undefined;
    while (parent && parent.kind === 'subdimension')
      parent = parent.parentCode ? byCode.get(parent.parentCode) : undefined;
    return parent?.kind === 'dimension' ? { ...n, parentCode: parent.code } : n;
  });
}

/** The entry form of a county and year (GET /api/monitoring/forms/:division/:period). */
export async function getForm(deps: Deps, caller: Caller, key: FormKey): Promise<Form> {
  const access = await resolveCounty(deps, caller, key.division, 'monitoring:read');
  return presentForm(deps, key, access, await currentFramework(deps.db));
}

/**
 * The form of a county the request has resolved (its division and scope checks) under the framework it has read:
 * GET answers it, and so do the writes (save, workflow steps) without resolving the county again.
 */
export async function presentForm(deps: Deps, key: FormKey, access: CountyAccess, framework: Framework): Promise<Form> {
  const { division } = access;
  const [submission, valueRows, caps, checked] = await Promise.all([
    submissions.findSubmission(deps.db, framework.code, key.division, key.period),
    values.listValues(deps.db, framework.code, key.division, key.period),
    access.capabilities(),
    findingsOf(deps.db, framework, key.division, key.period),
  ]);
  const status: FormStatus = submission?.status ?? 'not_started';
  const [events, attachments] = submission
    ? await Promise.all([submissions.listEvents(deps.db, submission.id), listAttachments(deps.db, submission.id)])
    : [[], []];
  return {
    divisionCode: division.code,
    divisionName: division.name,
    period: key.period,
    framework: summaryOf(framework),
    indicators: withDimensionParents(framework, checked.indicators),
    dimensions: framework.nodes.filter((n) => n.kind === 'dimension'),
    values: valueRows.map((r) => ({
      indicatorCode: r.indicator_code,
      value: r.value === null ? null : Number(r.value),
      textValue: r.text_value,
      source: r.source,
      note: r.note,
      flags: values.parseFlags(r.flags),
      version: r.version,
      updatedAt: r.updated_at,
      reporterName: r.reporter_name,
    })),
    previous: [...checked.previous].map(([indicatorCode, value]) => ({ indicatorCode, value })),
    status,
    editable: caps.enter && isEditableStatus(status),
    actions: availableActions(status, caps),
    findings: checked.findings,
    events: events.map((e) => ({
      action: e.action,
      fromStatus: e.from_status,
      toStatus: e.to_status,
      comment: e.comment,
      actorName: e.display_name,
      at: e.at,
    })),
    attachments: attachments.map((a) => ({
      id: a.id,
      indicatorCode: a.indicator_code,
      fileName: a.file_name,
      mime: a.mime,
      bytes: Number(a.bytes),
      createdAt: a.created_at,
    })),
    completeness: completenessOf(checked.indicators, checked.own),
    deadline: deadlineDate(framework, key.period),
    late: isLate(
      status,
      submission?.submitted_at ?? null,
      deadlineEnd(deadlineDate(framework, key.period)),
      deps.clock.now(),
    ),
    rules: framework.settings.rules,
  };
}

export type ValueInput = z.infer<typeof ZSaveValuesRequest>['values'][number];

/** Field errors of cells against the framework: unknown codes, duplicates, a number for a text indicator or back. */
export function checkCells(
  indicators: readonly FrameworkNode[],
  cells: readonly ValueInput[],
): { path: string; message: string; messageEn: string }[] {
  const byCode = new Map(indicators.map((n) => [n.code, n]));
  const seen = new Set<string>();
  const errors: { path: string; message: string; messageEn: string }[] = [];
  cells.forEach((c, i) => {
    const path = `body.values.${i}`;
    const node = byCode.get(c.indicatorCode);
    if (!node?.spec) {
      errors.push({
        path: `${path}.indicatorCode`,
        message: `指标代码 ${c.indicatorCode} 不在当前指标体系中`,
        messageEn: `Indicator ${c.indicatorCode} is not in the active framework`,
      });
      return;
    }
    if (seen.has(c.indicatorCode))
      errors.push({
        path: `${path}.indicatorCode`,
        message: `指标 ${c.indicatorCode} 重复`,
        messageEn: `Indicator ${c.indicatorCode} appears twice`,
      });
    seen.add(c.indicatorCode);
    if (node.spec.valueType === 'text' && c.value !== null)
      errors.push({
        path: `${path}.value`,
        message: `${node.nameZh}为文本指标，请填写文字（textValue）`,
        messageEn: `${c.indicatorCode} is a text indicator: send textValue`,
      });
    if (node.spec.valueType === 'number' && c.textValue !== null && c.textValue !== '')
      errors.push({
        path: `${path}.textValue`,
        message: `${node.nameZh}为数值指标，请填写数值（value）`,
        messageEn: `${c.indicatorCode} is numeric: send value`,
      });
  });
  return errors;
}

const KEPT_FLAGS: readonly ValueFlag[] = ['imputed', 'provisional'];

/**
 * Validates cells, checks that the county-year is editable, writes them (revisions of changed cells) and one audit
 * row naming the changed codes — all in one transaction. Returns the changed codes.
 */
export async function writeFormCells(
  deps: Deps,
  caller: Caller,
  key: FormKey,
  framework: Framework,
  cells: readonly ValueInput[],
  audit: { action: string; details?: Record<string, unknown>; keepFlags?: boolean },
): Promise<string[]> {
  const errors = checkCells(indicatorsOf(framework), cells);
  if (errors.length > 0) throw new AppError('VALIDATION', { details: errors });
  const now = iso(deps.clock.now());
  return deps.db.transaction().execute(async (trx) => {
    const submission = await submissions.ensureSubmission(
      trx,
      { frameworkCode: framework.code, county: key.division, period: key.period },
      now,
    );
    if (!isEditableStatus(submission.status)) throw lockedError(submission.status);
    const existing = new Map(
      (await values.listValues(trx, framework.code, key.division, key.period)).map((r) => [r.indicator_code, r]),
    );
    const writes: values.CellWrite[] = cells.map((c) => {
      const old = existing.get(c.indicatorCode);
      // A file carries no flags: it keeps the cell's own (estimated, carried forward) as well as the system ones.
      const kept = old
        ? values.parseFlags(old.flags).filter((f) => (audit.keepFlags ? f !== 'outlier' : KEPT_FLAGS.includes(f)))
        : [];
      return {
        indicatorCode: c.indicatorCode,
        value: c.value,
        textValue: c.textValue === '' ? null : c.textValue,
        source: c.source,
        note: c.note,
        flags: [...new Set([...c.flags, ...kept])],
      };
    });
    const changed = await values.writeCells(
      trx,
      { frameworkCode: framework.code, county: key.division, period: key.period },
      writes,
      { userId: caller.principal.userId, now },
    );
    if (changed.length > 0) await submissions.touchSubmission(trx, submission.id, now);
    await writeAudit(trx, deps.audit, caller.actor, {
      action: audit.action,
      targetType: 'mon_submission',
      targetId: submission.id,
      divisionCode: key.division,
      details: { framework: framework.code, period: key.period, changed, ...audit.details },
    });
    return changed;
  });
}

function lockedError(status: SubmissionStatus): AppError {
  const label = STATUS_LABELS[status];
  return new AppError('INVALID_STATE', {
    zh: `该旗县本年度数据${label.zh}，不能修改；如需修改请联系审核人员退回或解锁`,
    en: `This county-year is ${label.en.toLowerCase()} and cannot be changed; ask a reviewer to return or unlock it`,
  });
}

/** PUT /api/monitoring/forms/:division/:period/values: saves the given cells; answers the refreshed form. */
export async function saveValues(
  deps: Deps,
  caller: Caller,
  key: FormKey,
  body: z.infer<typeof ZSaveValuesRequest>,
): Promise<Form> {
  const access = await resolveCounty(deps, caller, key.division, 'monitoring:enter');
  const framework = await currentFramework(deps.db);
  await writeFormCells(deps, caller, key, framework, body.values, { action: 'monitoring.values.save' });
  await assertReadable(access);
  return presentForm(deps, key, access, framework);
}
