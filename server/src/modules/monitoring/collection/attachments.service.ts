/**
 * Supporting documents of a county-year (佐证材料): PDF, JPG, PNG, XLSX or DOCX recognised by their bytes (never by
 * the name or the declared type), at most 10 MB, stored with their SHA-256. Upload and delete while the form is
 * editable; download within the read scope.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { ZAttachment } from '../../../../../contracts/monitoring.ts';
import { isWithinScope, scopeRoots } from '../../../platform/access/scope.ts';
import { writeAudit } from '../../../platform/audit/audit.ts';
import { iso } from '../../../platform/clock.ts';
import type { Caller, Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors/errors.ts';
import { DEFAULT_LIMITS, RejectionError } from '../../../platform/spreadsheets/limits.ts';
import { inspectZip } from '../../../platform/spreadsheets/zip-guard.ts';
import { indicatorsOf } from '../frameworks/frameworks.repository.ts';
import * as repo from './attachments.repository.ts';
import { ensureSubmission, submissionStatus } from './submissions.repository.ts';
import { currentFramework, resolveCounty, type FormKey } from './collection.service.ts';
import { isEditableStatus } from './workflow.ts';

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const MAX_ATTACHMENTS = 50;

export const ATTACHMENT_TYPES = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;

const startsWith = (b: Uint8Array, sig: readonly number[]) => sig.every((x, i) => b[i] === x);

/** The file type by magic bytes (zip files by their entries: word/ = docx, xl/ = xlsx), or null. */
export async function sniffType(bytes: Buffer): Promise<AttachmentType | null> {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return null;
  try {
    const names = await inspectZip(bytes, DEFAULT_LIMITS);
    if (!names.includes('[Content_Types].xml')) return null;
    if (names.includes('word/document.xml')) return 'docx';
    if (names.includes('xl/workbook.xml')) return 'xlsx';
    return null;
  } catch (err) {
    if (err instanceof RejectionError) return null;
    throw err;
  }
}

type AttachmentDto = z.infer<typeof ZAttachment>;

/** A clean file name: no path, no control characters, the sniffed extension. */
function cleanName(name: string, type: AttachmentType): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .split('')
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f && !'"<>|:*?'.includes(ch))
    .join('')
    .trim()
    .slice(0, 180);
  const ext = type === 'jpg' ? /\.(jpe?g)$/i : new RegExp(`\\.${type}$`, 'i');
  const stem = base || '附件';
  return ext.test(stem) ? stem : `${stem}.${type}`;
}

export async function uploadAttachment(
  deps: Deps,
  caller: Caller,
  key: FormKey,
  input: { bytes: Buffer; name: string; indicator?: string },
): Promise<AttachmentDto> {
  await resolveCounty(deps, caller, key.division, 'monitoring:enter');
  const framework = await currentFramework(deps.db);
  if (input.bytes.byteLength === 0) throw new AppError('VALIDATION', { zh: '文件为空', en: 'The file is empty' });
  if (input.bytes.byteLength > MAX_ATTACHMENT_BYTES)
    throw new AppError('PAYLOAD_TOO_LARGE', { zh: '附件不能超过 10 MB', en: 'Attachments are limited to 10 MB' });
  if (input.indicator && !indicatorsOf(framework).some((n) => n.code === input.indicator))
    throw new AppError('VALIDATION', {
      zh: `指标代码 ${input.indicator} 不在当前指标体系中`,
      en: `Unknown indicator ${input.indicator}`,
      details: [{ path: 'query.indicator', message: '指标代码不存在', messageEn: 'Unknown indicator' }],
    });
  const type = await sniffType(input.bytes);
  if (!type)
    throw new AppError('VALIDATION', {
      zh: '只能上传 PDF、JPG、PNG、XLSX 或 DOCX 文件（按文件内容识别）',
      en: 'Only PDF, JPG, PNG, XLSX or DOCX files are accepted (recognised by content)',
    });
  const now = iso(deps.clock.now());
  const id = await deps.db.transaction().execute(async (trx) => {
    const sub = await ensureSubmission(
      trx,
      { frameworkCode: framework.code, county: key.division, period: key.period },
      now,
    );
    if (!isEditableStatus(sub.status))
      throw new AppError('INVALID_STATE', {
        zh: '数据已提交或审定，不能再添加附件',
        en: 'The form is submitted or approved; attachments cannot be added',
      });
    if ((await repo.listAttachments(trx, sub.id)).length >= MAX_ATTACHMENTS)
      throw new AppError('CONFLICT', {
        zh: `每个旗县每年最多 ${MAX_ATTACHMENTS} 个附件`,
        en: `At most ${MAX_ATTACHMENTS} attachments per county-year`,
      });
    const sha256 = createHash('sha256').update(input.bytes).digest('hex');
    const fileName = cleanName(input.name, type);
    const { id } = await repo.insertAttachment(trx, {
      submissionId: sub.id,
      indicatorCode: input.indicator ?? null,
      fileName,
      mime: ATTACHMENT_TYPES[type],
      content: input.bytes,
      sha256,
      uploadedBy: caller.principal.userId,
      now,
    });
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'monitoring.attachment.upload',
      targetType: 'mon_attachment',
      targetId: id,
      divisionCode: key.division,
      details: { period: key.period, fileName, type, bytes: input.bytes.byteLength, sha256 },
    });
    return id;
  });
  return {
    id,
    indicatorCode: input.indicator ?? null,
    fileName: cleanName(input.name, type),
    mime: ATTACHMENT_TYPES[type],
    bytes: input.bytes.byteLength,
    createdAt: now,
  };
}

/** An attachment the caller may read (its county within the monitoring:read scope), else 404. */
async function findReadable(deps: Deps, caller: Caller, id: number) {
  const row = await repo.findAttachment(deps.db, id);
  if (!row || !(await isWithinScope(deps.db, scopeRoots(caller.principal, 'monitoring:read'), row.division_code)))
    throw new AppError('NOT_FOUND');
  return row;
}

export async function downloadAttachment(deps: Deps, caller: Caller, id: number) {
  const row = await findReadable(deps, caller, id);
  return {
    fileName: row.file_name,
    mime: row.mime,
    sha256: row.sha256,
    content: await repo.attachmentContent(deps.db, id),
  };
}

export async function deleteAttachment(deps: Deps, caller: Caller, id: number): Promise<void> {
  const row = await repo.findAttachment(deps.db, id);
  if (!row || !(await isWithinScope(deps.db, scopeRoots(caller.principal, 'monitoring:enter'), row.division_code)))
    throw new AppError('NOT_FOUND');
  await deps.db.transaction().execute(async (trx) => {
    if (!isEditableStatus(await submissionStatus(trx, row.submission_id)))
      throw new AppError('INVALID_STATE', {
        zh: '数据已提交或审定，不能删除附件',
        en: 'The form is submitted or approved; attachments cannot be deleted',
      });
    await repo.deleteAttachment(trx, id);
    await writeAudit(trx, deps.audit, caller.actor, {
      action: 'monitoring.attachment.delete',
      targetType: 'mon_attachment',
      targetId: id,
      divisionCode: row.division_code,
      details: { period: row.period, fileName: row.file_name, sha256: row.sha256 },
    });
  });
}
