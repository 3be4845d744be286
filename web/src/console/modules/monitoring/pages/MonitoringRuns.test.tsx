import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeSession, renderSignedIn, stubFetch, type Call } from '../../../lib/test-utils.tsx';
import { ZRunCoverage, type RunCoverage } from '../../../../../../contracts/monitoring.ts';
import { runSummary } from '../test-fixtures.ts';
import MonitoringRunsPage from './MonitoringRuns.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

const MANAGER = fakeSession({ permissions: ['monitoring:read', 'monitoring:manage'] });

/** 2025: 3 of 4 counties approved; 回民区 returned. */
const INCOMPLETE = ZRunCoverage.parse({
  period: 2025,
  asOf: '2026-03-02T02:00:00.000Z',
  total: 4,
  approved: 3,
  inReview: 0,
  returned: 1,
  notSubmitted: 0,
  scored: 3,
  complete: false,
  leagues: [
    { code: '150100', name: '呼和浩特市', total: 2, approved: 1, inReview: 0, returned: 1, notSubmitted: 0 },
    { code: '150200', name: '包头市', total: 2, approved: 2, inReview: 0, returned: 0, notSubmitted: 0 },
  ],
  missing: [
    {
      code: '150103',
      name: '回民区',
      leagueCode: '150100',
      leagueName: '呼和浩特市',
      status: 'returned',
      reason: 'returned',
      scored: false,
    },
  ],
});

function serve(runs: ReturnType<typeof runSummary>[], coverage: RunCoverage = INCOMPLETE) {
  return (call: Call) => {
    if (call.method === 'GET' && call.url.startsWith('/api/monitoring/runs?'))
      return { body: { items: runs, total: runs.length, page: 1, pageSize: 20 } };
    if (call.url === '/api/monitoring/frameworks') return { body: { items: [] } };
    if (call.method === 'POST' && call.url === '/api/monitoring/runs')
      return { status: 202, body: runSummary({ id: 12, status: 'queued', progress: 0, publishedAt: null }) };
    if (call.method === 'POST' && /\/publish$|\/unpublish$/.test(call.url)) return { body: runSummary() };
    if (call.method === 'GET' && /\/coverage$/.test(call.url)) return { body: coverage };
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

  it('states the coverage when publishing and publishes an incomplete year only after the explicit choice', async () => {
    const calls = stubFetch(MANAGER, serve([runSummary({ id: 7, publishedAt: null })]));
    render();
    const table = await screen.findByTestId('runs-table', undefined, { timeout: 15_000 });
    fireEvent.click(await within(table).findByRole('button', { name: /发\s?布/ }));
    const dialog = await screen.findByTestId('publish-dialog');
    expect((await within(dialog).findByTestId('coverage-summary')).textContent).toBe(
      '2025 年度 4 个旗县中 3 个审核通过，审核中 0、退回 1、未报送 0；3 个有综合得分。',
    );
    expect(within(dialog).getByTestId('missing-counties').textContent).toBe('回民区 · 退回');
    expect(within(dialog).getByText('呼和浩特市')).toBeTruthy();
    const publish = screen.getByRole<HTMLButtonElement>('button', { name: '确认发布' });
    expect(publish.disabled).toBe(true);
    fireEvent.click(within(dialog).getByRole('checkbox', { name: '我确认在 1 个旗县缺数据的情况下发布' }));
    expect(publish.disabled).toBe(false);
    fireEvent.click(publish);
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST' && c.url === '/api/monitoring/runs/7/publish')?.body).toEqual({
        acknowledgeIncomplete: true,
      }),
    );
  });

  it('publishes a complete year without the acknowledgement', async () => {
    const complete = { ...INCOMPLETE, approved: 4, returned: 0, scored: 4, complete: true, missing: [] };
    const calls = stubFetch(MANAGER, serve([runSummary({ id: 7, publishedAt: null })], complete));
    render();
    const table = await screen.findByTestId('runs-table', undefined, { timeout: 15_000 });
    fireEvent.click(await within(table).findByRole('button', { name: /发\s?布/ }));
    const dialog = await screen.findByTestId('publish-dialog');
    await within(dialog).findByTestId('coverage-summary');
    expect(within(dialog).queryByRole('checkbox')).toBeNull();
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: /^发\s?布$/ }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST' && c.url === '/api/monitoring/runs/7/publish')?.body).toEqual({}),
    );
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
