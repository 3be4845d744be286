import { z } from 'zod';
import { ZDivisionCode, ZPageQuery, zPage } from './common.ts';

/** Kinds of record the global search covers; each maps to the permission that lets a caller see it. */
export const SEARCH_SOURCE_TYPES = ['organisation'] as const;
export type SearchSourceType = (typeof SEARCH_SOURCE_TYPES)[number];

export const ZSearchQuery = ZPageQuery.extend({
  q: z
    .string()
    .trim()
    .min(1, { message: '请输入检索词 / enter a search term' })
    .max(100, { message: '检索词最多 100 字 / at most 100 characters' }),
  type: z.enum(SEARCH_SOURCE_TYPES).optional(),
  division: ZDivisionCode.optional(),
  /** Inclusive dates (YYYY-MM-DD) on the record's creation time. */
  from: z.string().date().optional(),
  to: z.string().date().optional(),
});

export const ZSearchHit = z.object({
  type: z.enum(SEARCH_SOURCE_TYPES),
  id: z.number().int(),
  title: z.string(),
  /** HTML: matched terms in <mark>, everything else escaped. */
  snippet: z.string(),
  divisionCode: z.string(),
  divisionName: z.string(),
  score: z.number(),
});
export type SearchHit = z.infer<typeof ZSearchHit>;

export const ZSearchPage = zPage(ZSearchHit).extend({
  /**
   * True when the query matches more documents than are counted (10,000): `total` is then that cap, shown as
   * "10,000+", and the ranking is over the 10,000 newest matches. Absent or false: `total` is exact.
   */
  totalIsLowerBound: z.boolean().optional(),
});

export const ZSimilarQuery = z.object({
  type: z.enum(SEARCH_SOURCE_TYPES),
  id: z.coerce.number().int().positive().max(2147483647),
  /** Only similar records in this division subtree. */
  division: ZDivisionCode.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const ZSimilarResult = z.object({ items: z.array(ZSearchHit) });
