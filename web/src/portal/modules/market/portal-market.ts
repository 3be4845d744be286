/** The portal market pages' pure parts: the API paths, the list query from the URL, and summary texts. */
import type { Locale } from '../../../shared/i18n.ts';
import { budgetText } from '../../../console/modules/market/market-view.ts';

export type Kind = 'achievements' | 'demands';

export interface ListItem {
  id: number;
  title: string;
  summary?: string;
  description?: string;
  keywords: string[];
  domain: string;
  stage?: string;
  trl?: number | null;
  divisionName: string;
  organisationName?: string | null;
  isOpenCall?: boolean;
  budgetMin?: number | null;
  budgetMax?: number | null;
  deadline?: string | null;
  supporters?: number;
  isDemo: boolean;
}

export interface ListPage {
  items: ListItem[];
  total: number;
  page: number;
  pageSize: number;
}

export const PAGE_SIZE = 10;

/** The list's query from the page URL: search words, field and page (bad values dropped). */
export function listQuery(search: URLSearchParams): { q?: string; domain?: string; page: number } {
  const q = search.get('q')?.trim().slice(0, 100) || undefined;
  const domain = /^[a-z_]{1,20}$/.test(search.get('domain') ?? '') ? (search.get('domain') ?? undefined) : undefined;
  const n = Number(search.get('page'));
  return { q, domain, page: Number.isInteger(n) && n > 1 ? Math.min(n, 100000) : 1 };
}

/** The URL of a list page with these filters (page 1 left out). */
export function listHref(kind: Kind, f: { q?: string; domain?: string; page?: number }): string {
  const p = new URLSearchParams();
  if (f.q) p.set('q', f.q);
  if (f.domain) p.set('domain', f.domain);
  if (f.page && f.page > 1) p.set('page', String(f.page));
  const s = p.toString();
  return `/market/${kind}${s ? `?${s}` : ''}`;
}

/** The first sentence-sized part of a text for a result card. */
export function excerpt(text: string, max = 90): string {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

export function budget(min: number | null | undefined, max: number | null | undefined, locale: Locale): string {
  return budgetText(min ?? null, max ?? null, (zh, en) => (locale === 'en-US' ? en : zh));
}
