import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from './App.tsx';
import { stubFetch } from './test-support.ts';

function at(path: string) {
  window.history.replaceState(null, '', path);
  return render(<App />);
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  document.documentElement.lang = 'zh-CN';
});

describe('portal shell', () => {
  it('shows the platform name, the demo notice and only working entrances', async () => {
    stubFetch();
    at('/');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('县域创新驱动发展平台');
    await screen.findByText('演示模式');
    const hrefs = screen.getAllByRole('link').map((a) => a.getAttribute('href'));
    expect(new Set(hrefs)).toEqual(
      new Set([
        '#main',
        '/',
        '/register',
        '/login',
        '/monitoring',
        '/register?role=enterprise',
        '/register?role=researcher',
        '/register?role=farmer',
        '/api/docs',
      ]),
    );
  });

  it('switches to English and back, and remembers the choice', async () => {
    stubFetch();
    at('/');
    const english = screen.getByRole('button', { name: 'English' });
    expect(english.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(english);
    expect(screen.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('heading', { name: 'Services' })).toBeTruthy();
    expect(screen.getByRole('link', { name: /Sign in to the console/ })).toBeTruthy();
    expect(localStorage.getItem('qx.locale')).toBe('en-US');
    await waitFor(() => expect(document.documentElement.lang).toBe('en-US'));
    expect(document.title).toBe('Qixian · county innovation platform');

    cleanup();
    at('/');
    expect(screen.getByRole('heading', { name: 'Services' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '中文' }));
    expect(screen.getByRole('heading', { name: '办事入口' })).toBeTruthy();
    expect(localStorage.getItem('qx.locale')).toBe('zh-CN');
  });

  it('keeps field errors in the chosen language', async () => {
    stubFetch();
    at('/register?role=farmer');
    fireEvent.click(screen.getByRole('button', { name: '提交注册申请' }));
    expect(screen.getByText('请填写手机号码')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(screen.getByText('Enter your mobile number')).toBeTruthy();
    await waitFor(() => expect(document.documentElement.lang).toBe('en-US'));
  });

  it('navigates in place from the home page to the registration form', async () => {
    stubFetch();
    at('/');
    fireEvent.click(screen.getByRole('link', { name: /农牧民注册/ }));
    expect(window.location.pathname + window.location.search).toBe('/register?role=farmer');
    expect(screen.getByRole('heading', { level: 1, name: '农牧民注册' })).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1 })));
  });

  it('answers an unknown path with a not-found page', () => {
    stubFetch();
    at('/no-such-page');
    expect(screen.getByRole('heading', { level: 1, name: '页面不存在' })).toBeTruthy();
    expect(screen.getByRole('link', { name: '返回首页' }).getAttribute('href')).toBe('/');
  });
});
