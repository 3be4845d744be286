/**
 * The CJK font of reports: Noto Sans SC (SIL OFL 1.1) from the npm package `@expo-google-fonts/noto-sans-sc`, so no
 * system font is needed anywhere. The two weights are parsed once per process with fontkit and shared: pdfkit embeds
 * a subset of the glyphs each PDF uses, and chart labels are turned into outlines with the same font, so Chinese
 * text looks the same in the PDF, in the docx charts and in the PNGs.
 */
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

const require = createRequire(import.meta.url);

export const CJK_FONT_FAMILY = 'Noto Sans SC';

/** Absolute paths of the regular (400) and bold (700) TrueType files. */
export const CJK_FONT_FILES = {
  regular: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
} as const;

export type FontWeight = keyof typeof CJK_FONT_FILES;

const opened = new Map<FontWeight, fontkit.Font>();

/** The parsed font of a weight (opened on first use, about 10 MB each, kept for the life of the process). */
export function reportFont(weight: FontWeight): fontkit.Font {
  let font = opened.get(weight);
  if (!font) {
    const file = fontkit.openSync(CJK_FONT_FILES[weight]);
    if (!('layout' in file)) throw new Error(`${CJK_FONT_FILES[weight]} is a font collection, not a font`);
    font = file;
    opened.set(weight, font);
  }
  return font;
}

/**
 * The distinct characters of `text` the report font has no glyph for (they would print as empty boxes). Whitespace
 * and control characters are ignored.
 */
export function missingGlyphs(text: string): string[] {
  const font = reportFont('regular');
  const missing = new Set<string>();
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    if (cp === undefined || /\s|\p{Cc}/u.test(ch)) continue;
    if (!font.hasGlyphForCodePoint(cp)) missing.add(ch);
  }
  return [...missing];
}

/** Width of `text` set in `font` at `size` (same unit as size), with kerning and shaping. */
export function textWidth(font: fontkit.Font, text: string, size: number): number {
  return (font.layout(text).advanceWidth * size) / font.unitsPerEm;
}
