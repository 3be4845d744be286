/** The registry of search sources (see sources.ts): which record types are searchable, and who may find them. */
import type { Permission } from '../../../../contracts/access.ts';
import type { SearchSourceType } from '../../../../contracts/search.ts';
import type { DbOrTrx } from '../../db/database.ts';
import type { DocumentInput } from './search.service.ts';

export interface SearchSource {
  /** The record type (lower case, e.g. `organisation`), unique among the modules' sources. */
  type: SearchSourceType;
  /** Who may find these records: the permission whose scope narrows them. */
  permission: Permission;
  /** The source table, for dropping documents whose record is gone. */
  table: string;
  /** Documents of the records by id (`ids`), or a page in id order after `afterId`. */
  documents(db: DbOrTrx, opts: { ids?: readonly number[]; afterId?: number; limit?: number }): Promise<DocumentInput[]>;
}

const SOURCES = new Map<SearchSourceType, SearchSource>();

/** Defines a search source (once per type, at module load). */
export function defineSearchSource(source: SearchSource): SearchSource {
  const existing = SOURCES.get(source.type);
  if (existing && existing !== source) throw new Error(`search source ${source.type} is defined twice`);
  SOURCES.set(source.type, source);
  return source;
}

/** The permission that lets a caller find records of `type`, or null when no module defines that source. */
export function sourcePermission(type: SearchSourceType): Permission | null {
  return SOURCES.get(type)?.permission ?? null;
}

export function searchSources(): SearchSource[] {
  return [...SOURCES.values()];
}
