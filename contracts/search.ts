import { z } from 'zod';
import { ZDivisionCode, ZPageQuery, zPage } from './common.ts';

/**
 * A kind of record the global search covers (e.g. `organisation`). Modules declare their sources in their manifests;
 * the server answers 400 for a type no module declares.
 */
export const ZSearchSourceType = z
  .string()
  .trim()
  .regex(/^[a-z][a-z_]{0,39}$/, { message: '检索类型格式不正确 / malformed record type' });
export type SearchSourceType = z.infer<typeof ZSearchSourceType>;

export const ZSearchQuery = ZPageQuery.extend({
  q: z
    .string()
    .trim()
    .min(1, { message: '请输入检索词 / enter a search term' })
    .max(100, { message: '检索词最多 100 字 / at most 100 characters' }),
  type: ZSearchSourceType.optional(),
  division: ZDivisionCode.optional(),
  /** Inclusive dates (YYYY-MM-DD) on the record's creation time. */
  from: z.string().date().optional(),
  to: z.string().date().optional(),
});

export const ZSearchHit = z.object({
  type: ZSearchSourceType,
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
  type: ZSearchSourceType,
  id: z.coerce.number().int().positive().max(2147483647),
  /** Only similar records in this division subtree. */
  division: ZDivisionCode.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

export const ZSimilarResult = z.object({ items: z.array(ZSearchHit) });
