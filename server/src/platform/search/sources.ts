/**
 * What each source type puts into the search index, and rebuilding the index from the source tables. Modules call
 * their `index…` function inside the transaction that writes the record.
 */
import type { DbOrTrx } from '../../db/database.ts';
import type { OrganisationType } from '../../modules/organisations/organisations.tables.ts';
import { deleteDocumentsNotIn } from './search.repository.ts';
import { indexDocuments, type DocumentInput } from './search.service.ts';

/** Chinese labels of organisation types, indexed so that 企业 or 合作社-like words find them. */
export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, string> = {
  government: '政府部门',
  responsibility_unit: '责任单位',
  enterprise: '企业',
  institution: '事业单位',
  social: '社会组织',
};

const PAGE = 2000;

/** Documents of organisations (title: name; body: type label and division name), by id, `afterId` exclusive. */
async function organisationDocuments(
  db: DbOrTrx,
  opts: { ids?: readonly number[]; afterId?: number; limit?: number },
): Promise<DocumentInput[]> {
  let qb = db
    .selectFrom('organisation as o')
    .innerJoin('division as dv', 'dv.code', 'o.division_code')
    .select(['o.id', 'o.name', 'o.type', 'o.division_code', 'o.created_at', 'o.updated_at', 'dv.name as division_name'])
    .orderBy('o.id');
  if (opts.ids) qb = qb.where('o.id', 'in', [...opts.ids]);
  if (opts.afterId !== undefined) qb = qb.where('o.id', '>', opts.afterId);
  if (opts.limit !== undefined) qb = qb.limit(opts.limit);
  const rows = await qb.execute();
  return rows.map((r) => ({
    sourceType: 'organisation',
    sourceId: r.id,
    divisionCode: r.division_code,
    title: r.name,
    body: `${ORGANISATION_TYPE_LABELS[r.type]} ${r.division_name}`,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

/** (Re)indexes one organisation as it now stands; call inside the transaction that wrote it. */
export async function indexOrganisation(trx: DbOrTrx, id: number): Promise<void> {
  await indexDocuments(trx, await organisationDocuments(trx, { ids: [id] }));
}

/** Indexes many organisations in the caller's transaction (imports), in chunks. */
export async function indexOrganisations(trx: DbOrTrx, ids: readonly number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    await indexDocuments(trx, await organisationDocuments(trx, { ids: ids.slice(i, i + 500) }));
  }
}

/**
 * Rebuilds the documents of every source type from the source tables, in pages of 2,000 records with batched
 * inserts, and drops documents whose record is gone. Returns the number of documents written.
 */
export async function reindex(db: DbOrTrx): Promise<number> {
  let written = 0;
  await db.transaction().execute(async (trx) => {
    for (let afterId = 0; ;) {
      const docs = await organisationDocuments(trx, { afterId, limit: PAGE });
      if (docs.length === 0) break;
      await indexDocuments(trx, docs);
      written += docs.length;
      afterId = docs[docs.length - 1]?.sourceId ?? afterId;
    }
    await deleteDocumentsNotIn(trx, 'organisation', 'organisation');
  });
  return written;
}
