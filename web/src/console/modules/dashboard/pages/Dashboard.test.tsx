import { cleanup, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../../../../../../contracts/auth.ts';
import { fakeSession, renderSignedIn, rolePermissionsOf, stubFetch, type Call } from '../../../lib/test-utils.tsx';
import { fact, item, REGION } from '../test-fixtures.ts';
import DashboardPage from './Dashboard.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

const PERIOD = new Date().getFullYear() - 1;
const WAIT = { timeout: 15_000 };

function sessionOf(role: string, division: { code: string; name: string; level: string }): Session {
  const roles = [{ role, divisionCode: division.code }];
  const rolePermissions = rolePermissionsOf(roles);
  const base = fakeSession({ roles });
  return {
    ...base,
    rolePermissions,
    permissions: [...new Set([...Object.values(rolePermissions).flat(), 'profile:read'])],
    user: {
      ...base.user,
      username: `${role}-${division.code}`,
      divisionCode: division.code,
      divisionName: division.name,
    },
    division,
  };
}

const page = (items: unknown[] = [], total = items.length) => ({ items, total, page: 1, pageSize: 20 });
const NO_RESULTS = { run: null, periods: [], counties: [] };

/** The answers every officer home reads besides its own. */
function common(call: Call, root: string) {
  if (call.url.startsWith('/api/metrics/organisations.count'))
    return { body: root === '150000' ? REGION : fact(root, [item(root, { enterprise: 2 })]) };
  if (call.url === '/api/platform/info') return { body: { mode: 'demo', demo: null } };
  if (call.url.startsWith('/api/registrations')) return { body: page() };
  if (call.url === '/api/public/monitoring/results') return { body: NO_RESULTS };
  return undefined;
}

function home() {
  return renderSignedIn(
    <MemoryRouter initialEntries={['/console']}>
      <DashboardPage />
    </MemoryRouter>,
  );
}

describe('console home by role', () => {
  it('leads a county officer with 待办: the returned form, its comment, the due date and 逾期', async () => {
    const session = sessionOf('county-officer', { code: '150103', name: '回民区', level: 'county' });
    const calls = stubFetch(session, (call) => {
      if (call.url === `/api/monitoring/forms/150103/${PERIOD}`)
        return {
          body: {
            divisionCode: '150103',
            divisionName: '回民区',
            period: PERIOD,
            status: 'returned',
            late: true,
            deadline: `${PERIOD + 1}-03-31`,
            completeness: 0.75,
            events: [
              {
                action: 'submit',
                fromStatus: 'draft',
                toStatus: 'submitted',
                comment: '',
                actorName: '回民区科技局',
                at: `${PERIOD + 1}-03-01T02:00:00Z`,
              },
              {
                action: 'return',
                fromStatus: 'submitted',
                toStatus: 'returned',
                comment: '请补充研发经费投入的佐证材料',
                actorName: '呼和浩特市科技局',
                at: `${PERIOD + 1}-03-05T02:00:00Z`,
              },
            ],
          },
        };
      return common(call, '150103');
    });
    home();
    const todo = await screen.findByTestId('todo', {}, WAIT);
    const entry = await within(todo).findByTestId('todo-returned', {}, WAIT);
    expect(entry.textContent).toContain('请补充研发经费投入的佐证材料');
    expect(entry.textContent).toContain('呼和浩特市科技局');
    expect(todo.textContent).toContain('已退回');
    expect(todo.textContent).toContain('逾期');
    expect(todo.textContent).toContain(`截止日期 ${PERIOD + 1}-03-31`);
    const button = within(todo).getByRole('link', { name: /修改并重新提交/ });
    expect(button.getAttribute('href')).toBe(`/console/monitoring/entry/150103/${PERIOD}`);
    expect(within(todo).getByTestId('todo-registrations').textContent).toContain('暂无待审核的注册申请');
    // 待办 comes before the organisations overview.
    const results = await screen.findByTestId('latest-results', {}, WAIT);
    expect(results.textContent).toContain('尚无已发布的监测结果');
    expect(todo.compareDocumentPosition(results) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(calls.some((c) => c.url.startsWith('/api/registrations?status=pending'))).toBe(true);
  });

  it('shows a region officer the monitoring status by league, the approvals waiting and the latest run', async () => {
    const session = sessionOf('region-officer', { code: '150000', name: '内蒙古自治区', level: 'province' });
    stubFetch(session, (call) => {
      if (call.url.startsWith('/api/monitoring/completeness'))
        return {
          body: {
            period: PERIOD,
            deadline: `${PERIOD + 1}-03-31`,
            counties: 4,
            byStatus: { approved: 1, league_approved: 1, submitted: 0, draft: 1, not_started: 1, returned: 0 },
            onTime: 2,
            late: 2,
            completeness: 0.6,
            leagues: [
              {
                code: '150100',
                name: '呼和浩特市',
                counties: 2,
                byStatus: { approved: 1, league_approved: 1 },
                completeness: 1,
                late: 0,
              },
              {
                code: '150200',
                name: '包头市',
                counties: 2,
                byStatus: { draft: 1, not_started: 1 },
                completeness: 0.2,
                late: 2,
              },
            ],
          },
        };
      if (call.url.startsWith('/api/monitoring/submissions'))
        return {
          body: page([
            {
              divisionCode: '150103',
              divisionName: '回民区',
              leagueCode: '150100',
              leagueName: '呼和浩特市',
              period: PERIOD,
              status: 'league_approved',
              completeness: 1,
              findings: 0,
              submittedAt: null,
              approvedAt: null,
              late: false,
              updatedAt: null,
            },
          ]),
        };
      if (call.url.startsWith('/api/monitoring/runs'))
        return {
          body: page([
            {
              id: 3,
              frameworkId: 1,
              frameworkCode: 'county-default',
              frameworkVersion: 1,
              period: PERIOD - 1,
              mode: 'monitoring',
              title: '上年度监测模式测算',
              status: 'done',
              progress: 100,
              error: null,
              provisional: false,
              isDemo: false,
              createdAt: '2026-01-01T00:00:00Z',
              finishedAt: '2026-01-01T00:01:00Z',
              publishedAt: null,
            },
          ]),
        };
      return common(call, '150000');
    });
    home();
    const status = await screen.findByTestId('monitoring-status', {}, WAIT);
    expect(status.textContent).toContain('呼和浩特市');
    expect(status.textContent).toContain('包头市');
    const rows = within(status).getAllByRole('row');
    const baotou = rows.find((r) => r.textContent?.includes('包头市'));
    // 包头市: 0 submitted, 0 approved, 2 missing.
    expect(
      within(baotou as HTMLElement)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(expect.arrayContaining(['包头市', '0', '2']));
    const todo = screen.getByTestId('todo');
    expect((await within(todo).findByTestId('todo-approve', {}, WAIT)).textContent).toContain('回民区');
    expect((await within(todo).findByTestId('todo-run', {}, WAIT)).textContent).toContain('未发布');
  });

  it('gives an enterprise the can-do home, not the map', async () => {
    const session = sessionOf('enterprise', { code: '150121', name: '土默特左旗', level: 'county' });
    const calls = stubFetch(session, (call) => {
      if (call.url.startsWith('/api/notifications')) return { body: { ...page(), unreadCount: 2 } };
      if (call.url === '/api/public/monitoring/results') return { body: NO_RESULTS };
      return undefined;
    });
    home();
    const canDo = await screen.findByTestId('can-do', {}, WAIT);
    expect(within(canDo).getByRole('link', { name: '进入个人中心' }).getAttribute('href')).toBe('/console/profile');
    expect(within(canDo).getByRole('link', { name: '查看通知' }).getAttribute('href')).toBe('/console/notifications');
    expect(within(canDo).getByRole('link', { name: '在门户查看监测结果' }).getAttribute('href')).toBe('/monitoring');
    expect((await within(canDo).findByTestId('can-notifications', {}, WAIT)).textContent).toContain('2 条未读通知');
    expect(screen.queryByTestId('county-map')).toBeNull();
    expect(screen.queryByTestId('todo')).toBeNull();
    expect(calls.some((c) => c.url.startsWith('/api/metrics'))).toBe(false);
  });

  it('keeps the administrators’ welcome, with their duty and the admin-role changes waiting', async () => {
    const session = sessionOf('sec-admin', { code: '150000', name: '内蒙古自治区', level: 'province' });
    const calls = stubFetch(session, (call) =>
      call.url.startsWith('/api/role-requests') ? { body: page([], 2) } : undefined,
    );
    home();
    const todo = await screen.findByTestId('todo', {}, WAIT);
    expect(screen.getByTestId('welcome')).toBeTruthy();
    expect(todo.textContent).toContain('安全管理员：授予和收回角色');
    const row = await within(todo).findByText('2', {}, WAIT);
    expect(row).toBeTruthy();
    expect(within(todo).getByRole('link', { name: '三员审批' }).getAttribute('href')).toBe('/console/role-requests');
    expect(calls.some((c) => c.url.startsWith('/api/metrics') || c.url.startsWith('/api/monitoring'))).toBe(false);
  });
});
