/**
 * Data collection use cases (数据填报与审核): the entry form of a county-year, saving cells, and the approval workflow.
 * Every use case starts with the county check through the scope function (outside the scope: 404).
 */
import type { z } from 'zod';
import type {
  Form,
  Framework,
  FrameworkNode,
  ValueFlag,
  ZSaveValuesRequest,
} from '../../../../contracts/monitoring.ts';
import { isWithinScope, scopeRoots } from '../../platform/access/scope.ts';
import type { Permission } from '../../../../contracts/access.ts';
import { writeAudit } from '../../platform/audit/audit.ts';
import { iso } from '../../platform/clock.ts';
import type { Caller, Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/errors/errors.ts';
import type { DbOrTrx } from '../../db/database.ts';
import { notify } from '../../platform/notifications/index.ts';
import { indicatorsOf, loadCurrentFramework } from './frameworks.repository.ts';
import { listAttachments } from './attachments.repository.ts';
import { findDivision, isRegionCounty } from './counties.repository.ts';
import * as submissions from './submissions.repository.ts';
import * as values from './values.repository.ts';
import type { SubmissionAction, SubmissionStatus } from './monitoring.tables.ts';
import { blockingFindings, completenessOf, explainedWarningCodes, validateForm, type CellState } from './validation.ts';
import {
  ACTION_LABELS,
  ACTION_RULES,
  STATUS_LABELS,
  availableActions,
  isEditableStatus,
  transition,
  type Capabilities,
  type FormStatus,
} from './workflow.ts';

export interface FormKey {
  division: string;
  period: number;
}

/** The framework that collects data now (the newest active one); 404 when none is active. */
export async function currentFramework(db: DbOrTrx): Promise<Framework> {
  const f = await loadCurrentFramework(db);
  if (!f)
    throw new AppError('NOT_FOUND', {
      zh: '尚未启用指标体系，暂不能填报',
      en: 'No indicator framework is active; data cannot be entered yet',
    });
  return f;
}

/**
 * Checks that `division` is a county of the region within the caller's scope for `permission`: unknown or outside
 * the scope answers 404, a division that is not a county 400.
 */
export async function resolveCounty(deps: Deps, caller: Caller, division: string, permission: Permission) {
  const row = await findDivision(deps.db, division);
  if (!row || !(await isWithinScope(deps.db, scopeRoots(caller.principal, permission), division)))
    throw new AppError('NOT_FOUND');
  if (!(await isRegionCounty(deps.db, division)))
    throw new AppError('VALIDATION', {
      zh: '只有自治区所辖旗县（市、区）填报监测数据',
      en: 'Only the counties of the region enter monitoring data',
      details: [{ path: 'params.division', message: '请选择旗县级行政区', messageEn: 'Choose a county' }],
    });
  return row;
}

/** What the caller may do for a county: each permission held with the county inside its scope. */
export async function capabilitiesFor(deps: Deps, caller: Caller, county: string): Promise<Capabilities> {
  const within = (p: Permission) => isWithinScope(deps.db, scopeRoots(caller.principal, p), county);
  const [enter, approve, manage] = await Promise.all([
    within('monitoring:enter'),
    within('monitoring:approve'),
    within('monitoring:manage'),
  ]);
  return { enter, approve, manage };
}

/** The collection deadline of a period: settings.deadline ("06-30") in the following year, as a date. */
export function deadlineDate(framework: Framework, period: number): string {
  return `${period + 1}-${framework.settings.deadline}`;
}

/** The end of the deadline day in China Standard Time (UTC+8), as an instant. */
export function deadlineEnd(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1) - 8 * 3600_000);
}

/** Submitted after the deadline, or not submitted (draft, returned, not started) when it has passed. */
export function isLate(status: FormStatus, submittedAt: string | null, deadline: Date, now: Date): boolean {
  const submitted = status === 'submitted' || status === 'league_approved' || status === 'approved';
  if (submitted) return submittedAt !== null && Date.parse(submittedAt) > deadline.getTime();
  return now.getTime() > deadline.getTime();
}

type PeriodValues = Awaited<ReturnType<typeof values.listPeriodValues>>;

/** Cells of one county and the other counties' numeric values per indicator (the outlier reference). */
export function splitPeriodValues(rows: PeriodValues, county: string) {
  const own = new Map<string, CellState>();
  const peers = new Map<string, number[]>();
  for (const r of rows) {
    if (r.division_code === county) {
      own.set(r.indicator_code, {
        value: r.value === null ? null : Number(r.value),
        textValue: r.text_value,
        note: r.note,
      });
    } else if (r.value !== null) {
      let list = peers.get(r.indicator_code);
      if (!list) peers.set(r.indicator_code, (list = []));
      list.push(Number(r.value));
    }
  }
  return { own, peers };
}

async function previousValues(db: DbOrTrx, frameworkCode: string, county: string, period: number) {
  const rows = await values.listValues(db, frameworkCode, county, period - 1);
  return new Map(rows.map((r) => [r.indicator_code, r.value === null ? null : Number(r.value)]));
}

/** Findings of one county-year from the database (used by the form and by submission). */
async function findingsOf(db: DbOrTrx, framework: Framework, county: string, period: number) {
  const indicators = indicatorsOf(framework);
  const [periodRows, previous] = await Promise.all([
    values.listPeriodValues(db, framework.code, period),
    previousValues(db, framework.code, county, period),
  ]);
  const { own, peers } = splitPeriodValues(periodRows, county);
  const findings = validateForm({ indicators, rules: framework.settings.rules, values: own, previous, peers });
  return { findings, own, previous, indicators };
}

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
  const division = await resolveCounty(deps, caller, key.division, 'monitoring:read');
  const framework = await currentFramework(deps.db);
  const [submission, valueRows, caps, checked] = await Promise.all([
    submissions.findSubmission(deps.db, framework.code, key.division, key.period),
    values.listValues(deps.db, framework.code, key.division, key.period),
    capabilitiesFor(deps, caller, key.division),
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
  await resolveCounty(deps, caller, key.division, 'monitoring:enter');
  const framework = await currentFramework(deps.db);
  await writeFormCells(deps, caller, key, framework, body.values, { action: 'monitoring.values.save' });
  return getForm(deps, caller, key);
}

async function recipientsAfter(db: DbOrTrx, to: SubmissionStatus, county: string): Promise<number[]> {
  if (to === 'submitted') {
    const league = await submissions.usersCovering(db, ['league-officer'], county);
    return league.length > 0 ? league : submissions.usersCovering(db, ['region-officer'], county);
  }
  if (to === 'league_approved') return submissions.usersCovering(db, ['region-officer'], county);
  return submissions.usersCovering(db, ['county-officer'], county);
}

/**
 * POST …/{submit,return,approve,unlock}: one step of the workflow. Writes the event, an audit row and notifications
 * to whoever acts next, in one transaction. Submission first re-validates the form: errors and unexplained warnings
 * block it (400 with the findings as details); explained warnings flag their values `outlier`.
 */
export async function act(
  deps: Deps,
  caller: Caller,
  key: FormKey,
  action: SubmissionAction,
  comment: string,
): Promise<Form> {
  const division = await resolveCounty(deps, caller, key.division, ACTION_RULES[action].permission);
  const framework = await currentFramework(deps.db);
  const caps = await capabilitiesFor(deps, caller, key.division);
  const existing = await submissions.findSubmission(deps.db, framework.code, key.division, key.period);
  const status: FormStatus = existing?.status ?? 'not_started';
  const step = transition(status, action, caps);
  if (!step.ok) {
    if (step.reason === 'permission')
      throw new AppError('FORBIDDEN', {
        zh:
          action === 'approve' || action === 'return'
            ? status === 'league_approved'
              ? '自治区审定需要监测管理权限'
              : '没有审核该旗县数据的权限'
            : '没有执行此操作的权限',
        en: 'You may not take this step for this county',
      });
    throw new AppError('INVALID_STATE', {
      zh: `当前状态为“${STATUS_LABELS[status].zh}”，不能${ACTION_LABELS[action].zh}`,
      en: `Cannot ${action} a form that is ${STATUS_LABELS[status].en.toLowerCase()}`,
    });
  }
  if (step.commentRequired && comment.trim() === '')
    throw new AppError('VALIDATION', {
      zh: `${ACTION_LABELS[action].zh}时必须填写意见`,
      en: `A comment is required to ${action}`,
      details: [{ path: 'body.comment', message: '请填写意见', messageEn: 'Write a comment' }],
    });

  let outliers = new Set<string>();
  if (action === 'submit') {
    const { findings } = await findingsOf(deps.db, framework, key.division, key.period);
    const blocking = blockingFindings(findings);
    if (blocking.length > 0) {
      const errors = blocking.filter((f) => f.severity === 'error').length;
      const warnings = blocking.length - errors;
      throw new AppError('VALIDATION', {
        zh: `不能提交：${errors > 0 ? `${errors} 项错误需更正` : ''}${errors > 0 && warnings > 0 ? '，' : ''}${warnings > 0 ? `${warnings} 项预警需在备注中说明原因后再提交` : ''}`,
        en: `Cannot submit: ${errors} error(s) to correct, ${warnings} warning(s) to explain in the note first`,
        details: blocking.map((f) => ({
          path: f.indicatorCode ?? 'form',
          message: f.message,
          messageEn: f.messageEn,
        })),
      });
    }
    outliers = explainedWarningCodes(findings);
  }

  const now = iso(deps.clock.now());
  await deps.db.transaction().execute(async (trx) => {
    const sub = await submissions.ensureSubmission(
      trx,
      { frameworkCode: framework.code, county: key.division, period: key.period },
      now,
    );
    const from = sub.status;
    // not_started became draft above; a concurrent step shows as a status other than the one we checked.
    if (from !== status && !(status === 'not_started' && from === 'draft'))
      throw new AppError('CONFLICT', {
        zh: '状态已被他人更改，请刷新后重试',
        en: 'The status changed; reload and retry',
      });
    const set = {
      status: step.to,
      updated_at: now,
      ...(action === 'submit' ? { submitted_at: now } : {}),
      ...(step.to === 'approved' ? { approved_at: now } : {}),
      ...(action === 'unlock' ? { approved_at: null } : {}),
    };
    if (!(await submissions.moveSubmission(trx, sub.id, from, set)))
      throw new AppError('CONFLICT', {
        zh: '状态已被他人更改，请刷新后重试',
        en: 'The status changed; reload and retry',
      });
    if (action === 'submit')
      await values.setOutlierFlags(
        trx,
        { frameworkCode: framework.code, county: key.division, period: key.period },
        outliers,
      );
    await submissions.insertEvent(trx, {
      submissionId: sub.id,
      action,
      from,
      to: step.to,
      comment: comment.trim(),
      actorId: caller.principal.userId,
      at: now,
    });
    await writeAudit(trx, deps.audit, caller.actor, {
      action: `monitoring.${action}`,
      targetType: 'mon_submission',
      targetId: sub.id,
      divisionCode: key.division,
      details: { framework: framework.code, period: key.period, from, to: step.to, comment: comment.trim() },
    });
    const recipients = (await recipientsAfter(trx, step.to, key.division)).filter(
      (id) => id !== caller.principal.userId,
    );
    const to = STATUS_LABELS[step.to];
    await notify(trx, {
      userIds: recipients,
      kind: `monitoring.${action}`,
      title: {
        zh: `${division.name} ${key.period} 年监测数据${ACTION_LABELS[action].zh}`,
        en: `${division.name} ${key.period} monitoring data: ${action}`,
      },
      body: {
        zh: `${caller.principal.displayName}：${ACTION_LABELS[action].zh}，当前状态“${to.zh}”。${comment.trim() ? `意见：${comment.trim()}` : ''}`,
        en: `${caller.principal.displayName}: ${action}; now ${to.en.toLowerCase()}.${comment.trim() ? ` Comment: ${comment.trim()}` : ''}`,
      },
      link: `/console/monitoring/entry/${key.division}/${key.period}`,
      at: deps.clock.now(),
    });
  });
  return getForm(deps, caller, key);
}
