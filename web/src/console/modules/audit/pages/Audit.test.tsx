import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditActionNames, ZAuditRow } from '../../../../../../contracts/audit.ts';
import type { z } from 'zod';
import { fakeSession, renderSignedIn, stubFetch, type Call } from '../../../lib/test-utils.tsx';
import AuditPage from './Audit.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

const AUDITOR = fakeSession({
  roles: [{ role: 'audit-admin', divisionCode: '150000' }],
  permissions: ['audit:read', 'audit:verify', 'profile:read', 'role:approve'],
  division: { code: '150000', name: '内蒙古自治区', level: 'region' },
});

function row(seq: number, action: string): z.infer<typeof ZAuditRow> {
  return {
    seq,
    at: '2026-03-01T02:00:00.000Z',
    actorUserId: 3,
    actorUsername: 'league-150100',
    action,
    targetType: null,
    targetId: null,
    target: null,
    divisionCode: '150100',
    result: 'success',
    ip: '127.0.0.1',
    details: null,
  };
}

const DISABLED = {
  ...row(3, 'user.disable'),
  targetType: 'user',
  targetId: '3',
  target: { kindZh: '账户', kindEn: 'Account', name: '张三（zhangsan）' },
};
const GONE = {
  ...row(4, 'org.update'),
  targetType: 'organisation',
  targetId: '77',
  target: { kindZh: '单位', kindEn: 'Organisation', name: null },
};

const NAMES: AuditActionNames = {
  items: [
    { action: 'auth.login', zh: '登录', en: 'Sign-in' },
    { action: 'run.publish', zh: '发布测算结果', en: 'Publish a run' },
  ],
};

function serve(names: { status?: number; body: unknown }) {
  return (call: Call) => {
    if (call.url === '/api/audit/action-names') return names;
    if (call.url.startsWith('/api/audit?') || call.url === '/api/audit')
      return {
        body: {
          items: [row(2, 'run.publish'), row(1, 'market.unnamed'), DISABLED, GONE],
          total: 4,
          page: 1,
          pageSize: 20,
        },
      };
    return undefined;
  };
}

const renderPage = () =>
  renderSignedIn(
    <MemoryRouter initialEntries={['/console/audit']}>
      <AuditPage />
    </MemoryRouter>,
  );

describe('audit page action names', () => {
  it('labels each action with the name the server declares, and an unnamed one with its code', async () => {
    const calls = stubFetch(AUDITOR, serve({ body: NAMES }));
    renderPage();
    const published = await screen.findByText('发布测算结果');
    expect(within(published.closest('tr')!).getByText('run.publish')).toBeTruthy();
    const unnamed = screen.getAllByText('market.unnamed');
    // No name: the code stands in both lines of the cell.
    expect(unnamed).toHaveLength(2);
    expect(calls.some((c) => c.url === '/api/audit/action-names')).toBe(true);
  });

  it('shows the codes when the names cannot be loaded', async () => {
    stubFetch(
      AUDITOR,
      serve({ status: 500, body: { error: { code: 'INTERNAL', message: '错误', messageEn: 'Error' } } }),
    );
    renderPage();
    await waitFor(() => expect(screen.getAllByText('run.publish')).toHaveLength(2));
    expect(screen.queryByText('发布测算结果')).toBeNull();
  });
});

describe('audit page targets', () => {
  it('shows a target by its kind and name, never as "user #3"; a record gone since by its number', async () => {
    stubFetch(AUDITOR, serve({ body: NAMES }));
    renderPage();
    const named = await screen.findByText('账户 · 张三（zhangsan）');
    expect(named.closest('[title]')?.getAttribute('title')).toBe('user #3');
    expect(screen.queryByText(/user #3/)).toBeNull();
    expect(screen.getByText('单位')).toBeTruthy();
    expect(screen.getByText('编号 77（已不存在或无名称）')).toBeTruthy();
  });
});
