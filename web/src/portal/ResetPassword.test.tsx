import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocaleProvider } from './locale.tsx';
import { ResetPasswordPage, tokenFromHash } from './ResetPassword.tsx';
import { json, stubFetch, type Call } from './test-support.ts';

const TOKEN = 'Zq8v3kT1mN5pR7sW9yB2cD4fG6hJ8kL0';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

function open(hash: string) {
  window.history.replaceState(null, '', `/reset-password${hash}`);
  render(
    <LocaleProvider>
      <ResetPasswordPage />
    </LocaleProvider>,
  );
}

const info = (totpRequired = false) => ({
  username: 'county-150102',
  expiresAt: '2026-03-02T02:00:00.000Z',
  totpRequired,
});

function setPassword(password: string, again = password) {
  fireEvent.change(screen.getByLabelText('新密码'), { target: { value: password } });
  fireEvent.change(screen.getByLabelText('再次输入新密码'), { target: { value: again } });
}

const posts = (calls: Call[], url: string) => calls.filter((c) => c.method === 'POST' && c.url === url);

describe('portal: set a password with a one-time link', () => {
  it('reads the token from the fragment only', () => {
    expect(tokenFromHash(`#t=${TOKEN}`)).toBe(TOKEN);
    expect(tokenFromHash('#t=')).toBeNull();
    expect(tokenFromHash('')).toBeNull();
  });

  it('says the link is incomplete when it has no token, without calling the server', () => {
    const calls = stubFetch();
    open('');
    expect(screen.getByTestId('reset-invalid').textContent).toContain('链接不完整');
    expect(screen.getByText(/请联系您的管理员重新发送/)).toBeTruthy();
    expect(calls.some((c) => c.url.startsWith('/api/password-reset'))).toBe(false);
  });

  it('removes the token from the address bar, shows the account, and sets the new password', async () => {
    const calls = stubFetch((c) => {
      if (c.url === '/api/password-reset/inspect') return json(200, info());
      if (c.url === '/api/password-reset/redeem') return json(200, { username: 'county-150102' });
      return undefined;
    });
    open(`#t=${TOKEN}`);
    expect(window.location.hash).toBe('');
    expect(window.location.pathname).toBe('/reset-password');
    expect((await screen.findByTestId('reset-username')).textContent).toBe('county-150102');
    expect(posts(calls, '/api/password-reset/inspect')[0]?.body).toEqual({ token: TOKEN });
    expect(screen.queryByLabelText('6 位动态口令')).toBeNull();

    // The two entries must agree before anything is sent.
    setPassword('Caoyuan-Mima#2026', 'Caoyuan-Mima#2025');
    fireEvent.click(screen.getByRole('button', { name: '设置新密码' }));
    expect(await screen.findByText('两次填写的密码不一致')).toBeTruthy();
    expect(posts(calls, '/api/password-reset/redeem')).toHaveLength(0);

    setPassword('Caoyuan-Mima#2026');
    fireEvent.click(screen.getByRole('button', { name: '设置新密码' }));
    expect((await screen.findByTestId('reset-done')).textContent).toContain('county-150102');
    expect(posts(calls, '/api/password-reset/redeem')[0]?.body).toEqual({
      token: TOKEN,
      newPassword: 'Caoyuan-Mima#2026',
    });
    expect(screen.getByRole('link', { name: '去登录' }).getAttribute('href')).toBe('/console/login');
  });

  it('asks administrators for their one-time code and shows the server’s refusals on their fields', async () => {
    let attempt = 0;
    const calls = stubFetch((c) => {
      if (c.url === '/api/password-reset/inspect') return json(200, info(true));
      if (c.url !== '/api/password-reset/redeem') return undefined;
      attempt++;
      if (attempt === 1)
        return json(400, {
          error: {
            code: 'VALIDATION',
            message: '请求参数有误',
            messageEn: 'Invalid request',
            details: [{ path: 'body.newPassword', message: '密码过于常见或容易被猜到（如 Password12）' }],
          },
        });
      if (attempt === 2)
        return json(401, { error: { code: 'MFA_INVALID', message: '动态口令错误', messageEn: 'Wrong code' } });
      return json(200, { username: 'county-150102' });
    });
    open(`#t=${TOKEN}`);
    await screen.findByTestId('reset-username');
    const code = screen.getByLabelText('6 位动态口令');

    setPassword('Password12');
    fireEvent.click(screen.getByRole('button', { name: '设置新密码' }));
    expect(await screen.findByText('请填写 6 位动态口令')).toBeTruthy();
    expect(posts(calls, '/api/password-reset/redeem')).toHaveLength(0);

    fireEvent.change(code, { target: { value: '123456' } });
    fireEvent.click(screen.getByRole('button', { name: '设置新密码' }));
    expect(await screen.findByText('密码过于常见或容易被猜到（如 Password12）')).toBeTruthy();

    setPassword('Hulun-Buir#Grass7');
    fireEvent.click(screen.getByRole('button', { name: '设置新密码' }));
    expect(await screen.findByText('动态口令错误')).toBeTruthy();

    fireEvent.change(code, { target: { value: '654321' } });
    fireEvent.click(screen.getByRole('button', { name: '设置新密码' }));
    await screen.findByTestId('reset-done');
    expect(posts(calls, '/api/password-reset/redeem').at(-1)?.body).toEqual({
      token: TOKEN,
      newPassword: 'Hulun-Buir#Grass7',
      totpCode: '654321',
    });
  });

  it('tells the holder to ask for a new link when the server refuses it', async () => {
    stubFetch((c) =>
      c.url === '/api/password-reset/inspect'
        ? json(404, {
            error: {
              code: 'NOT_FOUND',
              message: '链接无效或已过期，请联系管理员重新发送',
              messageEn: 'The link is invalid or has expired; ask your administrator for a new one',
            },
          })
        : undefined,
    );
    open(`#t=${TOKEN}`);
    await waitFor(() =>
      expect(screen.getByTestId('reset-invalid').textContent).toBe('链接无效或已过期，请联系管理员重新发送'),
    );
    expect(screen.queryByLabelText('新密码')).toBeNull();
  });
});
