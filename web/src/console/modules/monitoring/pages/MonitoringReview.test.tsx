import { cleanup, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { menuEntries, selectedEntry } from '../../../nav.tsx';
import { fakeSession, renderSignedIn, stubFetch, type Call } from '../../../lib/test-utils.tsx';
import MonitoringReviewPage from './MonitoringReview.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  setWidth(1024);
});

function setWidth(width: number) {
  (window as unknown as { happyDOM: { setViewport(v: { width: number; height: number }): void } }).happyDOM.setViewport(
    { width, height: 844 },
  );
}

const row = (code: string, name: string, status: string, over: Record<string, unknown> = {}) => ({
  divisionCode: code,
  divisionName: name,
  leagueCode: '150100',
  leagueName: '呼和浩特市',
  period: 2025,
  status,
  completeness: 0.91,
  findings: 2,
  submittedAt: '2026-05-10T02:00:00.000Z',
  approvedAt: null,
  late: false,
  updatedAt: null,
  ...over,
});

const LIST = [
  row('150105', '赛罕区', 'submitted'),
  row('150121', '土默特左旗', 'not_started', { completeness: 0, findings: 0, submittedAt: null, late: true }),
];

function serve(call: Call) {
  if (call.url.startsWith('/api/monitoring/submissions?'))
    return { body: { items: LIST, total: LIST.length, page: 1, pageSize: 20 } };
  return undefined;
}

function render() {
  return renderSignedIn(
    <MemoryRouter>
      <MonitoringReviewPage />
    </MemoryRouter>,
  );
}

describe('数据审核 list', () => {
  it('on a phone: name, status with completeness and checks, and the 审核 button in three columns', async () => {
    setWidth(390);
    stubFetch(fakeSession(), serve);
    render();
    const name = await screen.findByText('赛罕区', undefined, { timeout: 15_000 });
    const tr = name.closest('tr')!;
    expect(name.closest<HTMLElement>('.ant-typography')!.style.whiteSpace).toBe('nowrap'); // not a character a line
    expect(tr.querySelectorAll('td')).toHaveLength(3);
    expect(within(tr).getByText('待处理 2 项')).toBeTruthy();
    expect(within(tr).getByRole('button', { name: /审\s?核/ })).toBeTruthy();
    expect(screen.queryByText('提交时间')).toBeNull();
    // the status filter is a select instead of a row of seven buttons
    expect(screen.getByRole('combobox', { name: '状态' })).toBeTruthy();
    const late = screen.getByText('土默特左旗').closest('tr')!;
    expect(within(late).getByText('逾期')).toBeTruthy();
  });

  it('on a desktop keeps the full table', async () => {
    stubFetch(fakeSession(), serve);
    render();
    const tr = (await screen.findByText('赛罕区', undefined, { timeout: 15_000 })).closest('tr')!;
    expect(tr.querySelectorAll('td')).toHaveLength(6);
    expect(screen.getByText('提交时间')).toBeTruthy();
  });

  it('opens a form under 数据审核, which stays marked in the sidebar', async () => {
    stubFetch(fakeSession(), serve);
    render();
    const tr = (await screen.findByText('赛罕区', undefined, { timeout: 15_000 })).closest('tr')!;
    const href = within(tr).getByRole('link').getAttribute('href')!;
    expect(href).toBe('/console/monitoring/review/150105/2025');
    // a region officer who may also enter data sees both 数据填报 and 数据审核 in the menu
    const entries = menuEntries(['monitoring:read', 'monitoring:enter', 'monitoring:approve']);
    expect(selectedEntry(entries, href)?.key).toBe('/console/monitoring/review');
  });
});
