/**
 * Highlighting computed in TypeScript from the query terms, so SQLite and PostgreSQL return the same snippets:
 * matched terms in <mark>…</mark>, every other character HTML-escaped.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Merged [start, end) ranges where any term occurs (case-insensitive for Latin letters). */
export function matchRanges(text: string, terms: readonly string[]): [number, number][] {
  const lower = text.toLowerCase();
  // Lower-casing may change the length of rare characters; then match the original text.
  const hay = lower.length === text.length ? lower : text;
  const ranges: [number, number][] = [];
  for (const term of terms) {
    if (term === '') continue;
    for (let i = hay.indexOf(term); i >= 0; i = hay.indexOf(term, i + 1)) ranges.push([i, i + term.length]);
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/** `text` escaped, with the terms wrapped in <mark>. */
export function highlight(text: string, terms: readonly string[]): string {
  let out = '';
  let at = 0;
  for (const [s, e] of matchRanges(text, terms)) {
    out += `${escapeHtml(text.slice(at, s))}<mark>${escapeHtml(text.slice(s, e))}</mark>`;
    at = e;
  }
  return out + escapeHtml(text.slice(at));
}

/**
 * A highlighted window of about `width` characters around the first match: the body when it holds a term, else the
 * title; ellipses mark cut text.
 */
export function snippet(title: string, body: string, terms: readonly string[], width = 80): string {
  const bodyRanges = matchRanges(body, terms);
  const text = bodyRanges.length > 0 || title === '' ? body : title;
  const first = (bodyRanges.length > 0 ? bodyRanges : matchRanges(text, terms))[0]?.[0] ?? 0;
  const start = Math.max(0, Math.min(first - Math.floor(width / 4), text.length - width));
  const end = Math.min(text.length, start + width);
  return `${start > 0 ? '…' : ''}${highlight(text.slice(start, end), terms)}${end < text.length ? '…' : ''}`;
}
