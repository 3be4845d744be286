/**
 * Renders a search snippet (server HTML: text escaped, matches in <mark>) as React elements, without innerHTML:
 * anything that is not a <mark> tag is shown as text, so a bad snippet can never run script.
 */
import type { ReactNode } from 'react';

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

export function unescapeHtml(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e);
}

/** Splits a snippet into plain and marked parts. */
export function parseSnippet(html: string): { text: string; marked: boolean }[] {
  const parts: { text: string; marked: boolean }[] = [];
  const re = /<mark>([\s\S]*?)<\/mark>/g;
  let at = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (m.index > at) parts.push({ text: unescapeHtml(html.slice(at, m.index)), marked: false });
    parts.push({ text: unescapeHtml(m[1] ?? ''), marked: true });
    at = m.index + m[0].length;
  }
  if (at < html.length) parts.push({ text: unescapeHtml(html.slice(at)), marked: false });
  return parts;
}

export function Snippet({ html }: { html: string }): ReactNode {
  return (
    <>{parseSnippet(html).map((p, i) => (p.marked ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>
  );
}
