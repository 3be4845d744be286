/** Updating docs/BENCHMARKS.md: one `## ` section per benchmark, one `### ` subsection per variant, others kept. */
import fs from 'node:fs';
import path from 'node:path';

export const BENCHMARKS_HEADER = `# Benchmarks

Figures recorded by the scripts in \`bench/\`. This machine class (2 cores, shared, noisy) makes absolute numbers
unreliable, so — per \`shared/specs/performance.md\` — every benchmark measures its own baseline **in the same run on the
same machine** and the figures that matter are **ratios** against it, the median of several runs. Each section gives
the exact command, date and machine that produced it; re-run the command to refresh it.

Targets (from the spec): Fastify JSON ~0.89x of bare node:http; authenticated list endpoints (page of 20, scope
applied) >= 0.25x of bare node:http with p99 < 50 ms at 100 connections; server RSS < 300 MB under load.
`;

interface Block {
  heading: string;
  body: string;
}

/** Splits markdown into the text before the first heading of `level` and the blocks starting at each such heading. */
function split(text: string, level: '## ' | '### '): { pre: string; blocks: Block[] } {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  const pre: string[] = [];
  let current: { heading: string; lines: string[] } | null = null;
  let fence = false;
  for (const line of lines) {
    if (line.startsWith('```')) fence = !fence;
    if (!fence && line.startsWith(level)) {
      if (current) blocks.push({ heading: current.heading, body: current.lines.join('\n') });
      current = { heading: line, lines: [] };
    } else if (current) current.lines.push(line);
    else pre.push(line);
  }
  if (current) blocks.push({ heading: current.heading, body: current.lines.join('\n') });
  return { pre: pre.join('\n'), blocks };
}

function join(pre: string, blocks: readonly Block[]): string {
  const parts = [pre.trim(), ...blocks.map((b) => `${b.heading}\n\n${b.body.trim()}`)];
  return `${parts.filter((p) => p.length > 0).join('\n\n')}\n`;
}

/**
 * Writes `content` as the `### subsection` of the `## section` in `file`, creating the file (with the shared header),
 * the section (with `sectionIntro`) or the subsection as needed; everything else is kept as it was.
 */
export function upsertSubsection(
  file: string,
  section: string,
  sectionIntro: string,
  subsection: string,
  content: string,
  /** Preferred order of the subsection headings (without `### `); others follow in place. */
  order: readonly string[] = [],
): void {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : BENCHMARKS_HEADER;
  const top = split(text, '## ');
  const sectionHeading = `## ${section}`;
  let sec = top.blocks.find((b) => b.heading.trim() === sectionHeading);
  if (!sec) {
    sec = { heading: sectionHeading, body: `\n${sectionIntro}\n` };
    top.blocks.push(sec);
  }
  const inner = split(sec.body, '### ');
  const subHeading = `### ${subsection}`;
  const sub = inner.blocks.find((b) => b.heading.trim() === subHeading);
  if (sub) sub.body = `\n${content}\n`;
  else inner.blocks.push({ heading: subHeading, body: `\n${content}\n` });
  const rank = (b: Block) => {
    const i = order.indexOf(b.heading.replace(/^### /, '').trim());
    return i === -1 ? order.length : i;
  };
  inner.blocks.sort((a, b) => rank(a) - rank(b));
  // Keep the intro up to date with the script's own description.
  sec.body = `\n${join(`\n${sectionIntro}`, inner.blocks)}`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, join(top.pre, top.blocks));
}
