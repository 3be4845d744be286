/**
 * 检索来源 / search sources: each module that makes records searchable defines its source once —
 * `defineSearchSource({ type, permission, documents })`, like `defineFact` — and calls `indexRecords` inside the
 * transaction that writes the records. The global search narrows each source by its permission's scope; `reindex`
 * rebuilds every defined source from its tables.
 */
import type { DbOrTrx } from '../../db/database.ts';
import { searchSources, type SearchSource } from './source-registry.ts';
import { deleteDocumentsNotIn, sampleDocuments } from './search.repository.ts';
import { indexDocuments } from './search.service.ts';
import { segmentForIndex } from './segment.ts';

export { defineSearchSource, searchSources, sourcePermission, type SearchSource } from './source-registry.ts';

const PAGE = 2000;

/** (Re)indexes records as they now stand, in chunks; call inside the transaction that wrote them. */
export async function indexRecords(trx: DbOrTrx, source: SearchSource, ids: readonly number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    await indexDocuments(trx, await source.documents(trx, { ids: ids.slice(i, i + 500) }));
  }
}

/**
 * Rebuilds the documents of every defined source from its tables, in pages of 2,000 records with batched inserts,
 * and drops documents whose record is gone. Returns the number of documents written.
 */
export async function reindex(db: DbOrTrx): Promise<number> {
  let written = 0;
  await db.transaction().execute(async (trx) => {
    for (const source of searchSources()) {
      for (let afterId = 0; ;) {
        const docs = await source.documents(trx, { afterId, limit: PAGE });
        if (docs.length === 0) break;
        await indexDocuments(trx, docs);
        written += docs.length;
        afterId = docs[docs.length - 1]?.sourceId ?? afterId;
      }
      await deleteDocumentsNotIn(trx, source.type, source.table);
    }
  });
  return written;
}

/**
 * Rebuilds the index when it was written by another segmentation (a changed dictionary, thesaurus or tokenizer): the
 * oldest and newest documents are segmented again and compared with what is stored. Call at start-up, after the
 * migrations and seeds. Returns the number of documents written (0 when the index is current).
 */
export async function reindexIfStale(db: DbOrTrx): Promise<number> {
  const sample = await sampleDocuments(db);
  const stale = sample.some(
    (d) => d.title_segmented !== segmentForIndex(d.title) || d.body_segmented !== segmentForIndex(d.body),
  );
  return stale ? reindex(db) : 0;
}
