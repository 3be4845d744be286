/** Rendering console components in tests: a signed-in session from a stubbed fetch, antd's App, the division. */
import type { ReactNode } from 'react';
import { App as AntApp } from 'antd';
import { render } from '@testing-library/react';
import { vi } from 'vitest';
import type { Session } from '../../../../contracts/auth.ts';
import { DivisionProvider } from '../division.tsx';
import { SessionProvider, useSession } from '../session.tsx';

/**
 * What the server's session answer says each role carries (`rolePermissions`), for the roles these tests hold. The
 * console never keeps this table; a session brings it.
 */
const OFFICER = ['org:read', 'org:create', 'org:update', 'org:approve', 'user:read', 'registration:approve'];
const ROLE_PERMISSIONS: Record<string, string[]> = {
  'sys-admin': ['org:read', 'org:create', 'org:update', 'user:read', 'user:create', 'user:update', 'role:approve'],
  'sec-admin': ['user:read', 'user:update', 'role:assign', 'profile:read', 'role:approve'],
  'audit-admin': ['audit:read', 'audit:verify', 'profile:read', 'role:approve'],
  'region-officer': [...OFFICER, 'metrics:read', 'pi:view_full', 'monitoring:read', 'monitoring:manage'],
  'league-officer': [...OFFICER, 'metrics:read', 'monitoring:read', 'monitoring:approve'],
  'county-officer': [...OFFICER, 'metrics:read', 'pi:view_full', 'monitoring:read', 'monitoring:enter'],
  farmer: ['profile:read'],
};

/** The session's `rolePermissions` for the roles held (a role the table above lacks carries nothing). */
export function rolePermissionsOf(roles: readonly { role: string }[]): Record<string, string[]> {
  return Object.fromEntries(roles.map((r) => [r.role, ROLE_PERMISSIONS[r.role] ?? []]));
}

/** A signed-in league officer of 呼和浩特市; `over` replaces parts, `rolePermissions` follows the roles held. */
export function fakeSession(over: Partial<Session> = {}): Session {
  const roles = over.roles ?? [{ role: 'league-officer', divisionCode: '150100' }];
  return {
    user: {
      id: 7,
      username: 'league-150100',
      displayName: '呼和浩特市科技局（演示）',
      divisionCode: '150100',
      divisionName: '呼和浩特市',
      orgId: null,
      locale: 'zh-CN',
    },
    roles,
    permissions: ['org:read', 'org:create', 'org:update', 'org:approve', 'user:read', 'registration:approve'],
    rolePermissions: rolePermissionsOf(roles),
    division: { code: '150100', name: '呼和浩特市', level: 'prefecture' },
    csrfToken: 'csrf',
    mfaRequired: false,
    mfaEnrolled: false,
    mustChangePassword: false,
    expiresAt: '2026-01-01T12:00:00Z',
    idleTimeoutSeconds: 1800,
    ...over,
  };
}

export interface Call {
  method: string;
  url: string;
  body: unknown;
}

type Handler = (call: Call) => { status?: number; body: unknown } | undefined;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * Stubs fetch: the session and division reference data answer by default; `handler` answers the rest (undefined:
 * 404). Returns the calls made.
 */
export function stubFetch(session: Session, handler: Handler = () => undefined): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => Promise.resolve(answerOf(input, init)));
  function answerOf(input: RequestInfo | URL, init?: RequestInit): Response {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const call: Call = {
      method: init?.method ?? 'GET',
      url,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : init?.body,
    };
    calls.push(call);
    if (url === '/api/auth/current') return json(200, { session });
    const answer = handler(call);
    if (answer) return json(answer.status ?? 200, answer.body);
    const division = /^\/api\/divisions\/(\d{6})(\/descendants)?$/.exec(url);
    if (division?.[2]) return json(200, { items: [] });
    if (division)
      return json(200, {
        code: division[1],
        name: session.division.name,
        level: 'prefecture',
        type: '地级市',
        parentCode: null,
        path: [],
      });
    return json(404, { error: { code: 'NOT_FOUND', message: '不存在', messageEn: 'Not found' } });
  }
  return calls;
}

function SignedIn({ children }: { children: ReactNode }) {
  const { session } = useSession();
  if (!session) return null;
  return <DivisionProvider session={session}>{children}</DivisionProvider>;
}

/** Renders `ui` inside a signed-in console (call stubFetch first). */
export function renderSignedIn(ui: ReactNode) {
  return render(
    <SessionProvider>
      <AntApp>
        <SignedIn>{ui}</SignedIn>
      </AntApp>
    </SessionProvider>,
  );
}
