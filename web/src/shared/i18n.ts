/**
 * Interface language: 中文 first, English second. Texts live beside the pages that use them as `{ zh, en }`
 * pairs; this file holds the choice and the shared words. The console stores the choice per user on the server;
 * the portal keeps it in localStorage.
 */
export type Locale = 'zh-CN' | 'en-US';

export interface Text {
  zh: string;
  en: string;
}

export const LOCALES: { value: Locale; label: string }[] = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en-US', label: 'English' },
];

const KEY = 'qx.locale';

export function storedLocale(): Locale {
  try {
    const v = localStorage.getItem(KEY);
    if (v === 'zh-CN' || v === 'en-US') return v;
  } catch {
    // Storage may be disabled (private mode): fall back to Chinese.
  }
  return 'zh-CN';
}

export function storeLocale(locale: Locale): void {
  try {
    localStorage.setItem(KEY, locale);
  } catch {
    // Not fatal: the choice lasts for this page only.
  }
}

/** Picks the text for the locale. */
export function pick(text: Text, locale: Locale): string {
  return locale === 'en-US' ? text.en : text.zh;
}

/** Formats a count with the locale's digit grouping. */
export function formatNumber(n: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(n);
}

/** Formats an ISO time as local date and time (Asia/Shanghai is what users expect). */
export function formatDateTime(iso: string, locale: Locale): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);
}
