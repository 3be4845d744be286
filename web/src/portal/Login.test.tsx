import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocaleProvider } from './locale.tsx';
import { consoleTarget, LoginPage } from './Login.tsx';
import { json, stubFetch } from './test-support.ts';

function renderLogin() {
  const leave = vi.fn();
  render(
    <LocaleProvider>
      <LoginPage leave={leave} />
    </LocaleProvider>,
  );
  return leave;
}

function signIn(username: string, password: string) {
  fireEvent.change(screen.getByLabelText('用户名'), { target: { value: username } });
  fireEvent.change(screen.getByLabelText('密码'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: '登录' }));
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('portal sign-in', () => {
  it('continues in the console, or on its sign-in page when a second step is needed', () => {
    expect(consoleTarget({ mfaRequired: false, mustChangePassword: false })).toBe('/console');
    expect(consoleTarget({ mfaRequired: true, mustChangePassword: false })).toBe('/console/login');
    expect(consoleTarget({ mfaRequired: false, mustChangePassword: true })).toBe('/console/login');
  });

  it('goes to the console after a successful sign-in', async () => {
    const calls = stubFetch((c) =>
      c.method === 'POST' ? json(200, { mfaRequired: false, mustChangePassword: false, csrfToken: 't' }) : undefined,
    );
    const leave = renderLogin();
    signIn(' 13904711234 ', 'Caoyuan#2026');
    await waitFor(() => expect(leave).toHaveBeenCalledWith('/console'));
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({
      url: '/api/auth/login',
      body: { username: '13904711234', password: 'Caoyuan#2026' },
    });
  });

  it('sends administrators to the console sign-in page for their one-time code', async () => {
    stubFetch((c) => (c.method === 'POST' ? json(200, { mfaRequired: true, mustChangePassword: false }) : undefined));
    const leave = renderLogin();
    signIn('sysadmin', 'Demo#2026qx');
    await waitFor(() => expect(leave).toHaveBeenCalledWith('/console/login'));
  });

  it('says why a sign-in failed, for example an account awaiting approval', async () => {
    stubFetch((c) =>
      c.method === 'POST'
        ? json(409, {
            error: {
              code: 'INVALID_STATE',
              message: '账户正在等待审核',
              messageEn: 'The account is awaiting approval',
            },
          })
        : undefined,
    );
    const leave = renderLogin();
    signIn('wang-jianguo', 'Caoyuan#2026');
    expect((await screen.findByRole('alert')).textContent).toBe('账户正在等待审核');
    expect(leave).not.toHaveBeenCalled();
  });

  it('asks for the missing fields without calling the server', () => {
    const calls = stubFetch();
    renderLogin();
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(screen.getByText('请填写用户名或手机号码')).toBeTruthy();
    expect(screen.getByText('请填写密码')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });
});
