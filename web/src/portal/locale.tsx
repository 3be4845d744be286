/**
 * The portal's language: 中文 first, English second, remembered in localStorage (the portal has no account to
 * store it on). `useT()` returns `t(zh, en)`, as in the console.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { storeLocale, storedLocale, type Locale } from '../shared/i18n.ts';

interface LocaleState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleState>({ locale: 'zh-CN', setLocale: () => undefined });

export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setState] = useState<Locale>(storedLocale);
  const setLocale = useCallback((l: Locale) => {
    setState(l);
    storeLocale(l);
  }, []);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleState {
  return useContext(LocaleContext);
}

/** `t('中文', 'English')` in the current language. */
export function useT(): (zh: string, en: string) => string {
  const { locale } = useLocale();
  return useCallback((zh: string, en: string) => (locale === 'en-US' ? en : zh), [locale]);
}
