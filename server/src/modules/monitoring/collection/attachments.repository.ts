/** All SQL of supporting documents (mon_attachment): per submission, with the content stored in the row. */
import type { DbOrTrx } from '../../../db/database.ts';

export function listAttachments(db: DbOrTrx, submissionId: number) {
  return db
    .selectFrom('mon_attachment')
    .select(['id', 'indicator_code', 'file_name', 'mime', 'bytes', 'sha256', 'created_at'])
    .where('submission_id', '=', submissionId)
    .orderBy('id')
    .execute();
}

export function insertAttachment(
  trx: DbOrTrx,
  a: {
    submissionId: number;
    indicatorCode: string | null;
    fileName: string;
    mime: string;
    content: Buffer;
    sha256: string;
    uploadedBy: number;
    now: string;
  },
) {
  return trx
    .insertInto('mon_attachment')
    .values({
      submission_id: a.submissionId,
      indicator_code: a.indicatorCode,
      file_name: a.fileName,
      mime: a.mime,
      bytes: a.content.byteLength,
      sha256: a.sha256,
      content: a.content,
      uploaded_by: a.uploadedBy,
      created_at: a.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** An attachment with its submission's county, period, framework and status (no content). */
export function findAttachment(db: DbOrTrx, id: number) {
  return db
    .selectFrom('mon_attachment as a')
    .innerJoin('mon_submission as s', 's.id', 'a.submission_id')
    .select([
      'a.id',
      'a.submission_id',
      'a.file_name',
      'a.mime',
      'a.bytes',
      'a.sha256',
      's.division_code',
      's.period',
      's.framework_code',
      's.status',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export async function attachmentContent(db: DbOrTrx, id: number): Promise<Buffer> {
  const row = await db.selectFrom('mon_attachment').select('content').where('id', '=', id).executeTakeFirstOrThrow();
  return Buffer.from(row.content);
}

export function deleteAttachment(trx: DbOrTrx, id: number) {
  return trx.deleteFrom('mon_attachment').where('id', '=', id).execute();
}
