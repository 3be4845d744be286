/**
 * Names of the audit actions, as the server's modules declare them (GET /api/audit/action-names, audit:read): the
 * action filter's options and the log's labels. An action without a name shows as its code.
 */
import { useMemo } from 'react';
import type { AuditActionNames } from '../../../../../contracts/audit.ts';
import { useFetch } from '../../lib/use-fetch.ts';

export type ActionName = AuditActionNames['items'][number];

export interface ActionNames {
  /** Every named action, in the server's order. */
  items: readonly ActionName[];
  /** An action's name in the user's language, or the code itself. */
  nameOf: (action: string, t: (zh: string, en: string) => string) => string;
}

/** The name of `action` among `items` in the user's language, or the code itself. */
export function actionName(
  items: readonly ActionName[],
  action: string,
  t: (zh: string, en: string) => string,
): string {
  const n = items.find((i) => i.action === action);
  return n ? t(n.zh, n.en) : action;
}

/** Loads the names once per page; until they arrive (or if they cannot), actions show as their codes. */
export function useAuditActionNames(): ActionNames {
  const { data } = useFetch<AuditActionNames>('/api/audit/action-names');
  return useMemo(() => {
    const items = data?.items ?? [];
    return { items, nameOf: (action, t) => actionName(items, action, t) };
  }, [data]);
}
