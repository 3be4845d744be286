import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { User } from '../../../../../../contracts/users.ts';
import { fakeSession, renderSignedIn, stubFetch, type Call } from '../../../lib/test-utils.tsx';
import UserDetailPage from './UserDetail.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

const SECADMIN = fakeSession({
  user: {
    id: 2,
    username: 'secadmin',
    displayName: '安全管理员（演示）',
    divisionCode: '150000',
    divisionName: '内蒙古自治区',
    orgId: null,
    locale: 'zh-CN',
  },
  roles: [{ role: 'sec-admin', divisionCode: '150000' }],
  permissions: ['user:read', 'user:update', 'role:assign', 'profile:read', 'role:approve'],
  division: { code: '150000', name: '内蒙古自治区', level: 'region' },
});

const USER: User = {
  id: 40,
  username: 'wang.shenji',
  displayName: '王审计',
  divisionCode: '150000',
  divisionName: '内蒙古自治区',
  orgId: null,
  status: 'active',
  phone: '139****1234',
  idNumber: null,
  roles: [],
  requestedRole: null,
  createdAt: '2026-01-01T00:00:00.000Z',
};

function render() {
  return renderSignedIn(
    <MemoryRouter initialEntries={['/console/users/40']}>
      <Routes>
        <Route path="/console/users/:id" element={<UserDetailPage />} />
      </Routes>
    </MemoryRouter>,
  );
}

function serve(extra: (call: Call) => { status?: number; body: unknown } | undefined = () => undefined) {
  return (call: Call) => {
    if (call.method === 'GET' && call.url === '/api/users/40') return { body: USER };
    return extra(call);
  };
}

describe('账户详情', () => {
  it('resets a password: says where the one-time link went, never shows a credential', async () => {
    const calls = stubFetch(
      SECADMIN,
      serve((c) =>
        c.method === 'POST' && c.url === '/api/users/40/reset-password'
          ? {
              body: {
                user: USER,
                delivery: { channel: 'sms', recipient: '139****1234', expiresAt: '2026-03-02T02:00:00.000Z' },
                sessionsEnded: 1,
              },
            }
          : undefined,
      ),
    );
    render();
    fireEvent.click(await screen.findByRole('button', { name: /重置密码/ }, { timeout: 15_000 }));
    const confirm = await screen.findByRole('tooltip');
    expect(confirm.textContent).toContain('原密码立即失效');
    expect(confirm.textContent).toContain('只发给账户本人');
    fireEvent.click(within(confirm).getByRole('button', { name: /重\s?置/ }));
    const delivery = await screen.findByTestId('reset-delivery');
    expect(delivery.textContent).toContain('短信发送至 139****1234');
    expect(delivery.textContent).toContain('2026/03/02 10:00');
    expect(calls.some((c) => c.method === 'POST' && c.url === '/api/users/40/reset-password')).toBe(true);
    expect(screen.queryByTestId('temporary-password')).toBeNull();
    expect(screen.getByRole('dialog').textContent).not.toMatch(/临时密码/);
  });

  it('names the operator hand-over channel', async () => {
    stubFetch(
      SECADMIN,
      serve((c) =>
        c.method === 'POST' && c.url.endsWith('/reset-password')
          ? {
              body: {
                user: USER,
                delivery: { channel: 'operator-log', recipient: null, expiresAt: '2026-03-02T02:00:00.000Z' },
                sessionsEnded: 0,
              },
            }
          : undefined,
      ),
    );
    render();
    fireEvent.click(await screen.findByRole('button', { name: /重置密码/ }, { timeout: 15_000 }));
    fireEvent.click(within(await screen.findByRole('tooltip')).getByRole('button', { name: /重\s?置/ }));
    expect((await screen.findByTestId('reset-delivery')).textContent).toContain('由运维人员当面转交本人');
  });

  it('an admin-role grant answers 202: the request waits for a second administrator', async () => {
    const calls = stubFetch(
      SECADMIN,
      serve((c) =>
        c.method === 'POST' && c.url === '/api/users/40/roles'
          ? {
              status: 202,
              body: {
                pending: true,
                request: {
                  id: 9,
                  op: 'grant',
                  role: 'audit-admin',
                  divisionCode: '150000',
                  user: { id: 40, username: 'wang.shenji', displayName: '王审计', divisionCode: '150000' },
                  requestedBy: { id: 2, username: 'secadmin' },
                  requestedAt: '2026-03-01T02:00:00.000Z',
                  reason: '调岗',
                  status: 'pending',
                  decidedBy: null,
                  decidedAt: null,
                  decisionNote: null,
                  canDecide: false,
                },
              },
            }
          : undefined,
      ),
    );
    render();
    fireEvent.mouseDown(await screen.findByRole('combobox', { name: '角色' }, { timeout: 15_000 }));
    fireEvent.click(await screen.findByText('审计管理员（须另一名管理员批准）'));
    fireEvent.change(await screen.findByLabelText('申请理由'), { target: { value: '调岗' } });
    fireEvent.click(screen.getByRole('button', { name: /提交申请/ }));
    const notice = await screen.findByTestId('role-request-pending');
    expect(notice.textContent).toContain('已提交申请，待另一名管理员批准');
    expect(within(notice).getByRole('link').getAttribute('href')).toBe('/console/role-requests');
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
        role: 'audit-admin',
        divisionCode: '150000',
        reason: '调岗',
      }),
    );
  });

  it('shows the server’s separation-of-duties refusal', async () => {
    stubFetch(
      SECADMIN,
      serve((c) =>
        c.method === 'POST' && c.url === '/api/users/40/roles'
          ? {
              status: 409,
              body: {
                error: {
                  code: 'SEPARATION_OF_DUTIES',
                  message:
                    '该账户的密码由管理员设置（初始密码或重置后尚未由本人设置），须由本人设置密码后才能授予管理员角色',
                  messageEn: 'Separation of duties',
                },
              },
            }
          : undefined,
      ),
    );
    render();
    fireEvent.mouseDown(await screen.findByRole('combobox', { name: '角色' }, { timeout: 15_000 }));
    fireEvent.click(await screen.findByText('系统管理员（须另一名管理员批准）'));
    fireEvent.click(await screen.findByRole('button', { name: /提交申请/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('须由本人设置密码后才能授予管理员角色');
  });
});
