import type { Locale } from '../../../shared/i18n.ts';

/**
 * A fact's unit in the interface language. Facts carry Chinese units; a measure word such as 个 has no English
 * counterpart (an English count needs none), while units that are not Chinese (km², %) stay as they are.
 */
export function unitLabel(unit: string, locale: Locale): string {
  if (locale !== 'en-US') return unit;
  return /^[\u3400-\u9fff]+$/.test(unit) ? '' : unit;
}
