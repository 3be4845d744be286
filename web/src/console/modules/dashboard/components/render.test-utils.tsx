/**
 * Rendering the dashboard's components in tests: the console's session context (signed out: these components need
 * only the language) and a router for their links. Only the session request is stubbed; nothing else is fetched.
 */
import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';
import type { Locale } from '../../../../shared/i18n.ts';
import { SessionProvider } from '../../../session.tsx';

export function renderInConsole(ui: ReactNode, locale: Locale = 'zh-CN') {
  localStorage.setItem('qx.locale', locale);
  vi.stubGlobal('fetch', () =>
    Promise.resolve(
      new Response(JSON.stringify({ session: null }), { status: 200, headers: { 'content-type': 'application/json' } }),
    ),
  );
  return render(
    <SessionProvider>
      <MemoryRouter>{ui}</MemoryRouter>
    </SessionProvider>,
  );
}
