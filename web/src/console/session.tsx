/**
 * The signed-in user's session, as the server tells it (GET /api/auth/session): who, which roles and permissions,
 * the division scope, the CSRF token for writes and the interface language.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Session } from '../../../contracts/auth.ts';
import { api, setCsrfToken } from '../shared/api.ts';
import { storeLocale, storedLocale, type Locale } from '../shared/i18n.ts';

export interface SessionState {
  /** undefined while loading, null when signed out. */
  session: Session | null | undefined;
  locale: Locale;
  setLocale: (locale: Locale) => Promise<void>;
  /** Re-reads the session from the server (after login, TOTP, password change). */
  refresh: () => Promise<Session | null>;
  /** Accepts a session the server just returned (login, TOTP). */
  accept: (session: Session | null) => void;
  logout: () => Promise<void>;
  can: (permission: string) => boolean;
}

const SessionContext = createContext<SessionState | null>(null);

function localeOf(session: Session | null | undefined): Locale | undefined {
  return session?.user.locale;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [locale, setLocaleState] = useState<Locale>(storedLocale());

  const accept = useCallback((s: Session | null) => {
    setSession(s);
    setCsrfToken(s?.csrfToken ?? '');
    const l = localeOf(s);
    if (l) {
      setLocaleState(l);
      storeLocale(l);
    }
  }, []);

  const refresh = useCallback(async () => {
    const { session: s } = await api.get<{ session: Session | null }>('/api/auth/current');
    accept(s);
    return s;
  }, [accept]);

  useEffect(() => {
    refresh().catch(() => accept(null));
  }, [refresh, accept]);

  const setLocale = useCallback(
    async (l: Locale) => {
      setLocaleState(l);
      storeLocale(l);
      document.documentElement.lang = l;
      if (session && !session.mfaRequired) await api.patch('/api/me/preferences', { locale: l });
    },
    [session],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } finally {
      accept(null);
    }
  }, [accept]);

  const value = useMemo<SessionState>(
    () => ({
      session,
      locale,
      setLocale,
      refresh,
      accept,
      logout,
      can: (p) => session?.permissions.includes(p) ?? false,
    }),
    [session, locale, setLocale, refresh, accept, logout],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

/** The signed-in session; only for pages behind the login guard. */
export function useSignedIn(): Session & { can: (p: string) => boolean } {
  const { session, can } = useSession();
  if (!session) throw new Error('useSignedIn without a session');
  return { ...session, can };
}
