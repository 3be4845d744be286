/**
 * One step of the approval workflow of a county-year (POST …/{submit,return,approve,unlock}): the state machine of
 * workflow.ts, re-validation on submission, the event, the audit row and notifications to whoever acts next.
 */
import type { Form } from '../../../../../contracts/monitoring.ts';
import type { DbOrTrx } from '../../../db/database.ts';
import { writeAudit } from '../../../platform/audit/audit.ts';
import { iso } from '../../../platform/clock.ts';
import type { Caller, Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors/errors.ts';
import { notify } from '../../../platform/notifications/index.ts';
import { activeHoldersCovering } from '../../users/index.ts';
import type { SubmissionAction, SubmissionStatus } from '../shared/monitoring.tables.ts';
import { assertReadable, currentFramework, findingsOf, resolveCounty, type FormKey } from './collection.service.ts';
import { presentForm } from './forms.service.ts';
import * as submissions from './submissions.repository.ts';
import { blockingFindings, explainedWarningCodes } from './validation.ts';
import { setOutlierFlags } from './values.repository.ts';
import { ACTION_LABELS, ACTION_RULES, STATUS_LABELS, transition, type FormStatus } from './workflow.ts';
async function recipientsAfter(db: DbOrTrx, to: SubmissionStatus, county: string): Promise<number[]> {
  if (to === 'submitted') {
    const league = await activeHoldersCovering(db, ['league-officer'], county);
    return league.length > 0 ? league : activeHoldersCovering(db, ['region-officer'], county);
  }
  if (to === 'league_approved') return activeHoldersCovering(db, ['region-officer'], county);
  return activeHoldersCovering(db, ['county-officer'], county);
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
  const access = await resolveCounty(deps, caller, key.division, ACTION_RULES[action].permission);
  const { division } = access;
  const framework = await currentFramework(deps.db);
  const caps = await access.capabilities();
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
      await setOutlierFlags(trx, { frameworkCode: framework.code, county: key.division, period: key.period }, outliers);
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
  await assertReadable(access);
  return presentForm(deps, key, access, framework);
}
