/** Select options over known codes, labelled in the user's language. */
import type { Text } from '../../shared/i18n.ts';

/** Options for a select over known codes. */
export function optionsOf<K extends string>(
  names: Record<K, Text>,
  keys: readonly K[],
  t: (zh: string, en: string) => string,
): { value: K; label: string }[] {
  return keys.map((k) => ({ value: k, label: t(names[k].zh, names[k].en) }));
}
