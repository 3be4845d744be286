import { useCallback } from 'react';
import { useSession } from './session.tsx';

/** `t('中文', 'English')`: the console's texts are written in place, Chinese first. Stable while the locale is. */
export function useT(): (zh: string, en: string) => string {
  const { locale } = useSession();
  return useCallback((zh: string, en: string) => (locale === 'en-US' ? en : zh), [locale]);
}
