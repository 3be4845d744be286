/**
 * The division the user is working on (division switcher). Limited to the user's scope: the divisions of their
 * roles and everything below them. Pages use it as the default `division` filter; the server enforces scope anyway.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Session } from '../../../contracts/auth.ts';

export interface CurrentDivision {
  code: string;
  name: string;
}

interface DivisionState {
  current: CurrentDivision;
  roots: CurrentDivision[];
  select: (d: CurrentDivision) => void;
}

const DivisionContext = createContext<DivisionState | null>(null);
/** Remembered per user and tab: another account signing in on the same tab starts from its own division. */
const keyOf = (userId: number) => `qx.division.${userId}`;

/** GB/T 2260: 15xxxx region, 1501xx league, 150102 county. The prefix a code's subtree shares. */
export function subtreePrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** Whether `code` lies in the subtree of one of `roots`. */
export function isInScope(code: string, roots: readonly string[]): boolean {
  return roots.some((r) => code.startsWith(subtreePrefix(r)));
}

/** The divisions a session's roles cover, widest first, without ones inside another. */
export function scopeRoots(session: Session): CurrentDivision[] {
  const codes = [...new Set([session.user.divisionCode, ...session.roles.map((r) => r.divisionCode)])];
  const sorted = codes.sort((a, b) => subtreePrefix(a).length - subtreePrefix(b).length);
  const kept: string[] = [];
  for (const c of sorted) if (!isInScope(c, kept)) kept.push(c);
  return kept.map((code) => ({ code, name: code === session.division.code ? session.division.name : code }));
}

function restore(key: string, roots: CurrentDivision[], fallback: CurrentDivision): CurrentDivision {
  try {
    const raw = sessionStorage.getItem(key);
    if (raw) {
      const d = JSON.parse(raw) as CurrentDivision;
      if (
        typeof d.code === 'string' &&
        isInScope(
          d.code,
          roots.map((r) => r.code),
        )
      )
        return d;
    }
  } catch {
    // Unreadable storage: start from the user's own division.
  }
  return fallback;
}

export function DivisionProvider({ session, children }: { session: Session; children: ReactNode }) {
  const roots = useMemo(() => scopeRoots(session), [session]);
  const [current, setCurrent] = useState<CurrentDivision>(() =>
    restore(keyOf(session.user.id), roots, { code: session.division.code, name: session.division.name }),
  );
  const select = useCallback(
    (d: CurrentDivision) => {
      if (
        !isInScope(
          d.code,
          roots.map((r) => r.code),
        )
      )
        return;
      setCurrent(d);
      try {
        sessionStorage.setItem(keyOf(session.user.id), JSON.stringify(d));
      } catch {
        // Not fatal.
      }
    },
    [roots, session.user.id],
  );
  const value = useMemo(() => ({ current, roots, select }), [current, roots, select]);
  return <DivisionContext.Provider value={value}>{children}</DivisionContext.Provider>;
}

export function useDivision(): DivisionState {
  const v = useContext(DivisionContext);
  if (!v) throw new Error('useDivision outside DivisionProvider');
  return v;
}
