/** What users read of a job's fate: status lines and stored errors (bilingual, no internals, storable). */
import { AppError, ERRORS } from '../errors/errors.ts';

export const INTERRUPTED = {
  zh: '服务重启，任务中断',
  en: 'the server restarted; the job was interrupted',
};
const INTERNAL_FAILURE = {
  zh: '任务执行失败（内部错误），请稍后重试或联系管理员',
  en: 'the job failed (internal error); retry later or contact the administrator',
};
const MESSAGE_MAX = 300;

/** Text for a varchar(300) column: control characters out, cut at whole characters (code points). */
export function safeText(text: string, max = MESSAGE_MAX): string {
  const spaced = Array.from(text, (c) => (c.charCodeAt(0) < 0x20 || c === '\u007f' ? ' ' : c)).join('');
  const chars = Array.from(spaced.replace(/ {2,}/g, ' ').trim());
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** The stored error of a failed job: the AppError's own bilingual message, or a generic one (internals are logged). */
export function failureText(err: unknown): string {
  if (err instanceof AppError) {
    const m = err.messages ?? { zh: ERRORS[err.code].zh, en: ERRORS[err.code].en };
    return safeText(`${m.zh} / ${m.en}`, 1000);
  }
  return `${INTERNAL_FAILURE.zh} / ${INTERNAL_FAILURE.en}`;
}

/** A job queued before this version stored its caller: no node can run it. */
export const NO_CALLER = `${INTERRUPTED.zh} / ${INTERRUPTED.en}`;

/** How many times a job is claimed before a node dying under it fails it for good. */
export const MAX_ATTEMPTS = 3;

/** The stored error of a job whose node died under it on every attempt. */
export const NODE_LOST = `执行任务的服务节点中断，已尝试 ${MAX_ATTEMPTS} 次仍未完成，请重新提交 / the server node running the job stopped; it did not finish in ${MAX_ATTEMPTS} attempts, submit it again`;
