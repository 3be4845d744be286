/**
 * Turns the `<text>` elements of an ECharts SVG into `<path>` outlines of the report font. The SVG then needs no font
 * to render (resvg would otherwise load 20 MB of font files for every chart), and labels are shaped by the very
 * font whose glyphs the PDF embeds. ECharts writes one line per `<text>` with plain content, `text-anchor`,
 * `dominant-baseline`, optional `x`/`y`, a `transform` and the font in `style`; that is all this handles.
 */
import type * as fontkit from 'fontkit';

const TEXT_ELEMENT = /<text\b([^>]*)>([^<]*)<\/text>/g;
const ATTRIBUTE = /([\w:-]+)="([^"]*)"/g;
/** Attributes that describe the text itself; every other one (transform, fill, opacity, stroke …) is kept. */
const TEXT_ONLY = new Set(['x', 'y', 'dx', 'dy', 'text-anchor', 'dominant-baseline', 'style', 'xml:space']);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

export interface FontPair {
  regular: fontkit.Font;
  bold: fontkit.Font;
}

/** Font size in px and weight from a CSS `style` attribute or font shorthand (`bold 12px sans-serif`). */
export function parseFont(style: string): { size: number; bold: boolean } {
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(style)?.[1] ?? 12);
  const weight = /font-weight:\s*(\w+)/.exec(style)?.[1] ?? /\b(bold(?:er)?|[1-9]00)\b/.exec(style)?.[1] ?? 'normal';
  const bold = weight.startsWith('bold') || (/^\d+$/.test(weight) && Number(weight) >= 600);
  return { size, bold };
}

/**
 * How far below the `dominant-baseline` reference point the alphabetic baseline lies, in font units. `central` is
 * the middle of the ideographic em box (OS/2 typo ascender/descender in CJK fonts).
 */
function baselineOffset(font: fontkit.Font, baseline: string): number {
  // fontkit exposes the OS/2 table as a property its typings do not list.
  const os2 = Reflect.get(font, 'OS/2') as { typoAscender?: number; typoDescender?: number } | undefined;
  const over = os2?.typoAscender ?? font.unitsPerEm * 0.88;
  const under = os2?.typoDescender ?? -font.unitsPerEm * 0.12;
  switch (baseline) {
    case 'central':
      return (over + under) / 2;
    case 'middle':
      return font.xHeight / 2;
    case 'hanging':
    case 'text-before-edge':
    case 'text-top':
      return over;
    case 'ideographic':
    case 'text-after-edge':
    case 'text-bottom':
      return under;
    default:
      return 0;
  }
}

/** The outline of one line of text as SVG path data, positioned as an SVG `<text>` with these attributes would be. */
export function textOutline(
  fonts: FontPair,
  text: string,
  opts: { x: number; y: number; size: number; bold: boolean; anchor: string; baseline: string },
): string {
  const font = opts.bold ? fonts.bold : fonts.regular;
  const scale = opts.size / font.unitsPerEm;
  const run = font.layout(text);
  const width = run.advanceWidth * scale;
  let penX = opts.x - (opts.anchor === 'middle' ? width / 2 : opts.anchor === 'end' ? width : 0);
  const baselineY = opts.y + baselineOffset(font, opts.baseline) * scale;
  let d = '';
  for (const [i, glyph] of run.glyphs.entries()) {
    const pos = run.positions[i];
    if (!pos) break;
    d += glyph.path.transform(scale, 0, 0, -scale, penX + pos.xOffset * scale, baselineY - pos.yOffset * scale).toSVG();
    penX += pos.xAdvance * scale;
  }
  return d;
}

/** The SVG with every simple `<text>` element replaced by a filled `<path>` of its outline. */
export function outlineSvgText(svg: string, fonts: FontPair): string {
  return svg.replace(TEXT_ELEMENT, (_whole, rawAttrs: string, content: string) => {
    const attrs = new Map<string, string>();
    for (const m of rawAttrs.matchAll(ATTRIBUTE)) attrs.set(m[1] ?? '', m[2] ?? '');
    const { size, bold } = parseFont(attrs.get('style') ?? '');
    const d = textOutline(fonts, unescapeXml(content), {
      x: Number(attrs.get('x') ?? 0),
      y: Number(attrs.get('y') ?? 0),
      size,
      bold,
      anchor: attrs.get('text-anchor') ?? 'start',
      baseline: attrs.get('dominant-baseline') ?? 'alphabetic',
    });
    const kept = [...attrs].filter(([name]) => !TEXT_ONLY.has(name)).map(([name, value]) => ` ${name}="${value}"`);
    return `<path d="${d}"${kept.join('')}/>`;
  });
}
