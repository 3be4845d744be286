import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeSession, renderSignedIn, stubFetch, type Call } from '../../../lib/test-utils.tsx';
import { runSummary } from '../test-fixtures.ts';
import MonitoringRunsPage from './MonitoringRuns.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

const MANAGER = fakeSession({ permissions: ['monitoring:read', 'monitoring:manage'] });

function serve(runs: ReturnType<typeof runSummary>[]) {
  return (call: Call) => {
    if (call.method === 'GET' && call.url.startsWith('/api/monitoring/runs?'))
      return { body: { items: runs, total: runs.length, page: 1, pageSize: 20 } };
    if (call.url === '/api/monitoring/frameworks') return { body: { items: [] } };
    if (call.method === 'POST' && call.url === '/api/monitoring/runs')
      return { status: 202, body: runSummary({ id: 12, status: 'queued', progress: 0, publishedAt: null }) };
    if (call.method === 'POST' && /\/publish$|\/unpublish$/.test(call.url)) return { body: runSummary() };
    return undefined;
  };
}

function render() {
  return renderSignedIn(
    <MemoryRouter>
      <MonitoringRunsPage />
    </MemoryRouter>,
  );
}

describe('测算管理 page', () => {
  it('lists runs with status and progress, and only finished, non-provisional runs can be published', async () => {
    stubFetch(
      MANAGER,
      serve([
        runSummary({ id: 9, status: 'running', progress: 40, publishedAt: null, finishedAt: null }),
        runSummary({ id: 8, publishedAt: null, provisional: true }),
        runSummary({ id: 7 }),
      ]),
    );
    render();
    const table = await screen.findByTestId('runs-table', undefined, { timeout: 15_000 });
    await within(table).findByText('测算中');
    expect(within(table).getByText('40%')).toBeTruthy();
    const publish = within(table).getByRole('button', { name: /发\s?布/ });
    expect((publish as HTMLButtonElement).disabled).toBe(true);
    expect(within(table).getByRole('button', { name: /撤\s?回/ })).toBeTruthy();
    expect(
      within(table)
        .getAllByRole('link')
        .map((a) => a.getAttribute('href')),
    ).toEqual(['/console/monitoring/results?all=1&run=8', '/console/monitoring/results?all=1&run=7']);
  });

  it('withdraws a publication after confirmation', async () => {
    const calls = stubFetch(MANAGER, serve([runSummary({ id: 7 })]));
    render();
    const table = await screen.findByTestId('runs-table', undefined, { timeout: 15_000 });
    fireEvent.click(await within(table).findByRole('button', { name: /撤\s?回/ }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('撤回发布？');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: /撤\s?回/ }));
    await waitFor(() =>
      expect(calls.some((c) => c.method === 'POST' && c.url === '/api/monitoring/runs/7/unpublish')).toBe(true),
    );
  });

  it('starts a run with the chosen mode and options, explaining each mode', async () => {
    const calls = stubFetch(MANAGER, serve([]));
    render();
    fireEvent.click(await screen.findByRole('button', { name: /新建测算/ }, { timeout: 15_000 }));
    const help = await screen.findByTestId('mode-help');
    expect(help.textContent).toContain('标准值');
    fireEvent.click(screen.getByRole('radio', { name: '排名模式' }));
    await waitFor(() => expect(screen.getByTestId('mode-help').textContent).toContain('103 个旗县横向比较'));
    fireEvent.change(screen.getByLabelText('年度'), { target: { value: '2025' } });
    fireEvent.click(screen.getByRole('switch'));
    expect(await screen.findByText(/结果标记为“临时”/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /开始测算/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.url === '/api/monitoring/runs')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      period: 2025,
      mode: 'ranking',
      weights: 'framework',
      aggregation: 'arithmetic',
      replications: 500,
      includeUnapproved: true,
    });
  });

  it('refuses a period outside 2000-2100 before asking the server', async () => {
    const calls = stubFetch(MANAGER, serve([]));
    render();
    fireEvent.click(await screen.findByRole('button', { name: /新建测算/ }, { timeout: 15_000 }));
    fireEvent.change(await screen.findByLabelText('年度'), { target: { value: '1999' } });
    fireEvent.click(screen.getByRole('button', { name: /开始测算/ }));
    expect(await screen.findByText('年份应在 2000-2100 之间')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });
});
