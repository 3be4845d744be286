import type { Generated } from 'kysely';

/**
 * One searchable record of any module (`source_type`, `source_id`), with its division for the scope function and its
 * text both as shown (title, body) and as indexed (space-joined jieba tokens). The engine's full-text index
 * (`search_fts`) follows this table through triggers.
 */
export interface SearchDocumentTable {
  id: Generated<number>;
  source_type: string;
  source_id: number;
  division_code: string;
  title: string;
  body: string;
  title_segmented: string;
  body_segmented: string;
  /** The source record's creation time (the date filter). */
  created_at: string;
  updated_at: string;
}
