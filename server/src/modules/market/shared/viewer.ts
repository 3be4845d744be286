/** The caller as the market's rules see them: who they are and where they oversee or review records. */
import { scopeRoots } from '../../../platform/access/scope.ts';
import type { Caller } from '../../../platform/deps.ts';

export interface Viewer {
  userId: number;
  orgId: number | null;
  displayName: string;
  /** Division roots where the caller sees every record past draft (market:oversee). */
  oversee: string[];
  /** Division roots where the caller moves records through review (market:review). */
  review: string[];
}

export function viewerOf(caller: Caller): Viewer {
  const p = caller.principal;
  return {
    userId: p.userId,
    orgId: p.orgId,
    displayName: p.displayName,
    oversee: scopeRoots(p, 'market:oversee'),
    review: scopeRoots(p, 'market:review'),
  };
}
