import { lazy } from 'react';
import { cleanup, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConsoleLayout } from './layout/ConsoleLayout.tsx';
import { fakeSession, renderSignedIn, stubFetch } from './lib/test-utils.tsx';
import { canUse, MENU_GROUPS, menuEntries, PAGES, selectedEntry, type PageEntry } from './nav.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  sessionStorage.clear();
});

const Page = lazy(() => Promise.resolve({ default: () => null }));
const page = (path: string, group?: 'monitoring', anyOf?: string[]): PageEntry => ({
  path,
  component: Page,
  menu: { key: path, zh: path, en: path, icon: null, group },
  anyOf,
});

describe('menu groups', () => {
  const pages = [
    page(''),
    page('a'),
    page('monitoring/results', 'monitoring', ['monitoring:read']),
    page('b'),
    page('monitoring/runs', 'monitoring', ['monitoring:manage']),
    {
      path: 'monitoring/counties/:code',
      component: Page,
      anyOf: ['monitoring:read'],
      menuParent: 'monitoring/results',
    },
  ];

  it('gathers a group’s pages into one submenu where its first visible page stands', () => {
    const entries = menuEntries(['monitoring:read', 'monitoring:manage'], pages);
    expect(entries.map((e) => (e.kind === 'page' ? e.key : [e.key, e.children.map((c) => c.key)]))).toEqual([
      '/console',
      '/console/a',
      ['group:monitoring', ['/console/monitoring/results', '/console/monitoring/runs']],
      '/console/b',
    ]);
  });

  it('shows only the pages the user may use, and no empty group', () => {
    const reader = menuEntries(['monitoring:read'], pages);
    const group = reader.find((e) => e.kind === 'group');
    expect(group?.kind === 'group' && group.children.map((c) => c.key)).toEqual(['/console/monitoring/results']);
    expect(menuEntries([], pages).some((e) => e.kind === 'group')).toBe(false);
  });

  it('marks the page and its group as current, the longest match winning', () => {
    const entries = menuEntries(['monitoring:read', 'monitoring:manage'], pages);
    expect(selectedEntry(entries, '/console/monitoring/runs', pages)).toEqual({
      key: '/console/monitoring/runs',
      group: 'group:monitoring',
    });
    expect(selectedEntry(entries, '/console/a/12', pages)).toEqual({ key: '/console/a', group: null });
    expect(selectedEntry(entries, '/console', pages)).toEqual({ key: '/console', group: null });
    expect(selectedEntry(entries, '/console/zzz', pages)).toBeNull();
    // A county profile has no entry of its own: the results entry stands for it.
    expect(selectedEntry(entries, '/console/monitoring/counties/150102', pages)).toEqual({
      key: '/console/monitoring/results',
      group: 'group:monitoring',
    });
  });

  it('registers the monitoring pages with their permissions', () => {
    expect(canUse('monitoring/results', ['monitoring:read'])).toBe(true);
    expect(canUse('monitoring/runs', ['monitoring:read'])).toBe(false);
    expect(canUse('monitoring/runs', ['monitoring:manage'])).toBe(true);
    expect(canUse('monitoring/counties/:code', ['monitoring:read'])).toBe(true);
  });
});

describe('module registry', () => {
  it('joins the modules’ pages in registry order', () => {
    expect(PAGES.map((p) => p.path)).toEqual([
      '',
      'divisions/:code',
      'organisations',
      'organisations/import',
      'organisations/:id',
      'registrations',
      'users',
      'users/:id',
      'role-requests',
      'audit',
      'search',
      'monitoring/results',
      'monitoring/counties/:code',
      'monitoring/entry',
      'monitoring/entry/:division/:period',
      'monitoring/review',
      'monitoring/review/:division/:period',
      'monitoring/progress',
      'monitoring/runs',
      'monitoring/frameworks',
      'monitoring/frameworks/:id',
      'market/achievements',
      'market/achievements/new',
      'market/achievements/:id/edit',
      'market/achievements/:id',
      'market/demands',
      'market/demands/new',
      'market/demands/:id/edit',
      'market/demands/:id',
      'market/nda',
      'market/deals',
      'market/deals/:id',
      'market/startup-requests',
      'market/contracts',
      'market/contract-stats',
      'market/projects',
      'profile',
      'notifications',
      'tokens',
    ]);
  });

  it('gives every menu group a page names a title', () => {
    const groups = new Set(PAGES.flatMap((p) => (p.menu?.group ? [p.menu.group] : [])));
    expect([...groups]).toEqual(['monitoring', 'market']);
    expect(MENU_GROUPS.monitoring?.zh).toBe('监测评价');
    expect(MENU_GROUPS.market?.zh).toBe('技术市场');
  });
});

describe('sidebar', () => {
  it('renders 监测评价 as an open submenu on a monitoring page, beside the flat entries', async () => {
    stubFetch(
      fakeSession({ permissions: ['org:read', 'metrics:read', 'monitoring:read', 'monitoring:manage'] }),
      (call) =>
        call.url.startsWith('/api/notifications') ? { body: { items: [], total: 0, unreadCount: 0 } } : undefined,
    );
    renderSignedIn(
      <MemoryRouter initialEntries={['/console/monitoring/runs']}>
        <ConsoleLayout>
          <p>page</p>
        </ConsoleLayout>
      </MemoryRouter>,
    );
    const menu = await screen.findByRole('navigation', { name: '主菜单' });
    await waitFor(() => expect(menu.textContent).toContain('监测评价'));
    expect(screen.getByRole('link', { name: '单位管理' }).getAttribute('href')).toBe('/console/organisations');
    expect(screen.getByRole('link', { name: '监测结果' }).getAttribute('href')).toBe('/console/monitoring/results');
    const runs = screen.getByRole('link', { name: '测算管理' });
    expect(runs.closest('li')?.className).toContain('selected');
  });

  it('has no monitoring group for a user without monitoring permissions', async () => {
    stubFetch(fakeSession({ permissions: ['org:read'] }));
    renderSignedIn(
      <MemoryRouter initialEntries={['/console']}>
        <ConsoleLayout>
          <p>page</p>
        </ConsoleLayout>
      </MemoryRouter>,
    );
    const menu = await screen.findByRole('navigation', { name: '主菜单' });
    expect(menu.textContent).toContain('单位管理');
    expect(menu.textContent).not.toContain('监测评价');
  });
});
