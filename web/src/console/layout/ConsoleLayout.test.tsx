import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConsoleLayout } from './ConsoleLayout.tsx';
import { fakeSession, renderSignedIn, stubFetch } from '../lib/test-utils.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  setWidth(1024);
});

/** happy-dom answers matchMedia from the window size, so antd's breakpoints follow it. */
function setWidth(width: number) {
  (window as unknown as { happyDOM: { setViewport(v: { width: number; height: number }): void } }).happyDOM.setViewport(
    { width, height: 844 },
  );
}

function renderShell() {
  stubFetch(fakeSession({ permissions: ['org:read'] }), (call) =>
    call.url.startsWith('/api/notifications') ? { body: { items: [], total: 0, unreadCount: 0 } } : undefined,
  );
  renderSignedIn(
    <MemoryRouter initialEntries={['/console']}>
      <ConsoleLayout>
        <p>page</p>
      </ConsoleLayout>
    </MemoryRouter>,
  );
}

describe('console shell on a phone', () => {
  it('opens the menu as a drawer over the page, with the division and language switchers inside', async () => {
    setWidth(390);
    renderShell();
    const toggle = await screen.findByRole('button', { name: '展开菜单' });
    // No sidebar takes room beside the page, and the header holds no division switcher.
    expect(document.querySelector('.ant-layout-sider')).toBeNull();
    expect(screen.queryByTestId('division-switcher')).toBeNull();
    fireEvent.click(toggle);
    const drawer = await screen.findByTestId('nav-drawer');
    await waitFor(() => expect(drawer.textContent).toContain('单位管理'));
    expect(drawer.querySelector('[data-testid="division-switcher"]')).not.toBeNull();
    expect(drawer.querySelector('[aria-label="界面语言"]')).not.toBeNull();
  });

  it('keeps the side menu and the header switchers at desktop width', async () => {
    setWidth(1440);
    renderShell();
    await screen.findByRole('navigation', { name: '主菜单' });
    expect(document.querySelector('.ant-layout-sider')).not.toBeNull();
    expect(screen.getByTestId('division-switcher')).toBeTruthy();
    expect(screen.queryByTestId('nav-drawer')).toBeNull();
  });
});
