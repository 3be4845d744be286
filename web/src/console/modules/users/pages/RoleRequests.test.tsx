import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RoleRequest } from '../../../../../../contracts/users.ts';
import { fakeSession, renderSignedIn, stubFetch, type Call } from '../../../lib/test-utils.tsx';
import RoleRequestsPage from './RoleRequests.tsx';

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

function request(over: Partial<RoleRequest> = {}): RoleRequest {
  return {
    id: 5,
    op: 'grant',
    role: 'audit-admin',
    divisionCode: '150000',
    user: { id: 40, username: 'wang.shenji', displayName: '王审计', divisionCode: '150000' },
    requestedBy: { id: 1, username: 'sysadmin' },
    requestedAt: '2026-03-01T02:00:00.000Z',
    reason: '原审计管理员调岗',
    status: 'pending',
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
    canDecide: true,
    ...over,
  };
}

function serve(items: RoleRequest[]) {
  return (call: Call) => {
    if (call.method === 'GET' && call.url.startsWith('/api/role-requests'))
      return { body: { items, total: items.length, page: 1, pageSize: 20 } };
    const decided = /^\/api\/role-requests\/(\d+)\/(approve|reject)$/.exec(call.url);
    if (call.method === 'POST' && decided)
      return {
        body: request({
          id: Number(decided[1]),
          status: decided[2] === 'approve' ? 'approved' : 'rejected',
          decidedBy: { id: 2, username: 'secadmin' },
          decidedAt: '2026-03-01T03:00:00.000Z',
          canDecide: false,
        }),
      };
    return undefined;
  };
}

function render(path = '/console/role-requests') {
  return renderSignedIn(
    <MemoryRouter initialEntries={[path]}>
      <RoleRequestsPage />
    </MemoryRouter>,
  );
}

describe('三员审批 page', () => {
  it('lists the pending requests by default with account, change, role, scope, requester, reason and status', async () => {
    const calls = stubFetch(SECADMIN, serve([request()]));
    render();
    const table = await screen.findByTestId('role-requests', undefined, { timeout: 15_000 });
    await within(table).findByText('王审计');
    expect(within(table).getByText('wang.shenji')).toBeTruthy();
    expect(within(table).getByText('授予')).toBeTruthy();
    expect(within(table).getByText('审计管理员')).toBeTruthy();
    expect(within(table).getByText('sysadmin')).toBeTruthy();
    expect(within(table).getByText('原审计管理员调岗')).toBeTruthy();
    expect(within(table).getByText('待批准')).toBeTruthy();
    expect(calls.find((c) => c.url.startsWith('/api/role-requests'))?.url).toContain('status=pending');
  });

  it('approves with an optional note', async () => {
    const calls = stubFetch(SECADMIN, serve([request()]));
    render();
    fireEvent.click(await screen.findByRole('button', { name: '批准 wang.shenji' }, { timeout: 15_000 }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('批准后立即生效');
    fireEvent.change(within(dialog).getByLabelText(/审批意见/), { target: { value: '已核实调岗文件' } });
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: /确认批准/ }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')).toEqual({
        method: 'POST',
        url: '/api/role-requests/5/approve',
        body: { note: '已核实调岗文件' },
      }),
    );
    // The list is loaded again after the decision.
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'GET' && c.url.startsWith('/api/role-requests')).length).toBe(2),
    );
  });

  it('rejects without a note', async () => {
    const calls = stubFetch(SECADMIN, serve([request()]));
    render();
    fireEvent.click(await screen.findByRole('button', { name: '驳回 wang.shenji' }, { timeout: 15_000 }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: /确认驳回/ }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')).toMatchObject({
        url: '/api/role-requests/5/reject',
        body: {},
      }),
    );
  });

  it('shows the server’s refusal in the dialog', async () => {
    stubFetch(SECADMIN, (call) =>
      call.method === 'POST'
        ? {
            status: 409,
            body: {
              error: {
                code: 'SEPARATION_OF_DUTIES',
                message: '该账户在 30 天内持有过业务角色，不能授予管理员角色',
                messageEn: 'Separation of duties',
              },
            },
          }
        : serve([request()])(call),
    );
    render();
    fireEvent.click(await screen.findByRole('button', { name: '批准 wang.shenji' }, { timeout: 15_000 }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: /确认批准/ }));
    expect(await within(dialog).findByText('该账户在 30 天内持有过业务角色，不能授予管理员角色')).toBeTruthy();
  });

  it('offers no decision on the caller’s own request or on a decided one', async () => {
    stubFetch(
      SECADMIN,
      serve([
        request({ id: 6, canDecide: false, requestedBy: { id: 2, username: 'secadmin' } }),
        request({
          id: 4,
          user: { id: 41, username: 'li.xitong', displayName: '李系统', divisionCode: '150000' },
          status: 'approved',
          canDecide: false,
          decidedBy: { id: 3, username: 'auditadmin' },
          decidedAt: '2026-02-01T03:00:00.000Z',
        }),
      ]),
    );
    render();
    const table = await screen.findByTestId('role-requests', undefined, { timeout: 15_000 });
    await within(table).findByText('李系统');
    expect(within(table).queryByRole('button', { name: /批准|驳回/ })).toBeNull();
    expect(within(table).getByText('须由另一名管理员审批')).toBeTruthy();
    expect(within(table).getByText('已批准')).toBeTruthy();
  });

  it('filters by status through the URL and says when nothing is waiting', async () => {
    const calls = stubFetch(SECADMIN, serve([]));
    render();
    expect(await screen.findByText('暂无待批准的三员角色变更申请', undefined, { timeout: 15_000 })).toBeTruthy();
    fireEvent.click(screen.getByText('已过期'));
    await waitFor(() =>
      expect(calls.some((c) => c.url.startsWith('/api/role-requests') && c.url.includes('status=expired'))).toBe(true),
    );
    expect(await screen.findByText('没有记录')).toBeTruthy();
  });
});
