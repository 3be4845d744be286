import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeSession, renderSignedIn, stubFetch, type Call } from '../../../lib/test-utils.tsx';
import { GEO } from '../../dashboard/test-fixtures.ts';
import { RESULT, runSummary } from '../test-fixtures.ts';
import MonitoringResultsPage from './MonitoringResults.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

const READER = fakeSession({ permissions: ['monitoring:read'] });
const MANAGER = fakeSession({
  permissions: ['monitoring:read', 'monitoring:manage'],
  division: { code: '150000', name: '内蒙古自治区', level: 'province' },
});

function page(path: string) {
  return renderSignedIn(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/console/monitoring/results" element={<MonitoringResultsPage />} />
        <Route path="/console/monitoring/counties/:code" element={<p>county profile</p>} />
      </Routes>
    </MemoryRouter>,
  );
}

function api(runs: ReturnType<typeof runSummary>[]) {
  return (call: Call) => {
    if (call.url.startsWith('/api/monitoring/runs?'))
      return { body: { items: runs, total: runs.length, page: 1, pageSize: 200 } };
    if (call.url === '/api/monitoring/runs/7/result') return { body: RESULT };
    if (call.url === '/maps/150000.json') return { body: GEO };
    return undefined;
  };
}

describe('监测结果 page', () => {
  it('shows the published run with its markings, tier counts, map and rank table', async () => {
    const calls = stubFetch(READER, api([runSummary()]));
    page('/console/monitoring/results');
    await screen.findByTestId('rank-table', undefined, { timeout: 15_000 });
    // A reader asks for published runs only.
    expect(calls.some((c) => c.url === '/api/monitoring/runs?pageSize=200&published=true')).toBe(true);
    expect(screen.getByTestId('run-source').textContent).toContain('第 2 版');
    expect(screen.getByTestId('run-source').textContent).toContain('排名模式');
    expect(screen.getByTestId('run-source').textContent).toContain('框架权重 · 加权算术平均 · 蒙特卡洛 500 次');
    expect(screen.getByText('演示数据：本结果由演示数据测算，不代表任何旗县的真实情况。')).toBeTruthy();
    expect(within(screen.getByTestId('tier-count-1')).getByText('1')).toBeTruthy();
    expect(screen.getAllByTestId('rank-cell')[0]?.textContent).toBe('1 (1–2)');
    // the coverage as published, each missing county with its reason, and the basis of the change column
    const coverage = screen.getByTestId('results-coverage');
    expect(coverage.textContent).toContain(
      '数据覆盖（发布时）：2025 年度 4 个旗县中 3 个审核通过，审核中 0、退回 1、未报送 0',
    );
    expect(within(coverage).getByTestId('missing-counties').textContent).toBe('东河区 · 退回');
    expect(screen.getByTestId('change-basis').textContent).toContain('仅在两期均有得分的 2 个旗县中比较名次');
    expect(screen.queryByText('测算管理')).toBeNull();
    await screen.findByTestId('county-map', undefined, { timeout: 15_000 });
    await screen.findByTestId('chart-histogram', undefined, { timeout: 15_000 });
  });

  it('says so when nothing is published', async () => {
    stubFetch(READER, api([]));
    page('/console/monitoring/results');
    expect(await screen.findByText('尚未发布监测结果')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /去测算/ })).toBeNull();
  });

  it('lets a manager open an unpublished, provisional run, tagged so', async () => {
    const calls = stubFetch(MANAGER, api([runSummary({ publishedAt: null, provisional: true, isDemo: false })]));
    page('/console/monitoring/results?run=7');
    await screen.findByTestId('rank-table', undefined, { timeout: 15_000 });
    expect(calls.some((c) => c.url === '/api/monitoring/runs?pageSize=200')).toBe(true);
    expect(screen.getAllByText('未发布').length).toBeGreaterThan(0);
    expect(screen.getAllByText('临时').length).toBeGreaterThan(0);
    expect(screen.getByText(/临时结果：测算使用了尚未审核的数据/)).toBeTruthy();
    expect(screen.queryByText(/演示数据：本结果/)).toBeNull();
    expect(screen.getByRole('link', { name: '测算管理' })).toBeTruthy();
  });

  it('keeps the table filters in the URL and offers a manager the way to compute when nothing exists', async () => {
    stubFetch(MANAGER, api([]));
    page('/console/monitoring/results');
    expect(await screen.findByRole('button', { name: /去测算/ })).toBeTruthy();
    cleanup();
    stubFetch(READER, api([runSummary()]));
    page('/console/monitoring/results?tier=3');
    await screen.findByTestId('rank-table', undefined, { timeout: 15_000 });
    expect(screen.getAllByTestId('rank-cell').map((c) => c.textContent)).toEqual(['3 (2–3)']);
    fireEvent.click(screen.getByRole('checkbox', { name: '显示排名区间' }));
    expect(screen.getAllByTestId('rank-cell').map((c) => c.textContent)).toEqual(['3']);
  });

  it('sends a county officer to their own county first', async () => {
    stubFetch(
      fakeSession({
        permissions: ['monitoring:read'],
        division: { code: '150203', name: '昆都仑区', level: 'county' },
      }),
      api([runSummary()]),
    );
    page('/console/monitoring/results');
    await waitFor(() => expect(screen.getByText('county profile')).toBeTruthy());
  });

  it('shows a county officer the whole table when a run is asked for', async () => {
    stubFetch(
      fakeSession({
        permissions: ['monitoring:read'],
        division: { code: '150203', name: '昆都仑区', level: 'county' },
      }),
      api([runSummary()]),
    );
    page('/console/monitoring/results?run=7');
    await screen.findByTestId('rank-table', undefined, { timeout: 15_000 });
    expect(screen.queryByText('county profile')).toBeNull();
  });
});
