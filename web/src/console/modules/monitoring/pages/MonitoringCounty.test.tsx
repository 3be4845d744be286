import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeSession, renderSignedIn, stubFetch, type Call } from '../../../lib/test-utils.tsx';
import { DIAGNOSIS, RESULT, runSummary } from '../test-fixtures.ts';
import MonitoringCountyPage from './MonitoringCounty.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

const READER = fakeSession({ permissions: ['monitoring:read'] });

function serve(call: Call) {
  if (call.url.startsWith('/api/monitoring/runs?'))
    return { body: { items: [runSummary()], total: 1, page: 1, pageSize: 200 } };
  if (call.url === '/api/monitoring/runs/7/result') return { body: RESULT };
  if (call.url.startsWith('/api/monitoring/runs/7/counties/150203')) return { body: DIAGNOSIS };
  return undefined;
}

function page(path: string) {
  return renderSignedIn(
    <MemoryRouter initialEntries={[path]}>
      <Routes>
        <Route path="/console/monitoring/counties/:code" element={<MonitoringCountyPage />} />
      </Routes>
    </MemoryRouter>,
  );
}

describe('旗县监测画像 page', () => {
  it('shows score, rank with interval, tier, change, gaps, targets, the improvement path and indicators', async () => {
    const calls = stubFetch(READER, serve);
    page('/console/monitoring/counties/150203');
    const indicators = await screen.findByTestId('indicators', undefined, { timeout: 15_000 });
    expect(screen.getByRole('heading', { level: 3 }).textContent).toBe('昆都仑区');
    expect(screen.getByText('2 (2–3)')).toBeTruthy();
    expect(screen.getAllByText('二类').length).toBeGreaterThan(0);
    expect(screen.getByText('↓1')).toBeTruthy();
    expect(within(screen.getByTestId('strengths')).getByText('D2.1 万元GDP能耗')).toBeTruthy();
    expect(within(screen.getByTestId('weaknesses')).getByText('-2.5')).toBeTruthy();
    const targets = screen.getByTestId('targets');
    expect(within(targets).getByText('约 2.3 年')).toBeTruthy();
    expect(targets.querySelector('.ant-progress')?.getAttribute('aria-valuenow')).toBe('80');
    const path = screen.getByTestId('improvements');
    expect(within(path).getByText('+3.2')).toBeTruthy();
    expect(within(path).getByText('↑1', { exact: false })).toBeTruthy();
    await waitFor(() => expect(within(indicators).getAllByText(/D1\.\d|D2\.1/).length).toBe(3));
    expect(within(indicators).getByText('插补/临时')).toBeTruthy();
    expect(within(indicators).getByText('逆向')).toBeTruthy();
    // The peer group is asked of the server; 同类型 is the default.
    expect(calls.some((c) => c.url === '/api/monitoring/runs/7/counties/150203?peers=type')).toBe(true);
    fireEvent.click(await screen.findByText('全区', undefined, { timeout: 15_000 }));
    await waitFor(() =>
      expect(calls.some((c) => c.url === '/api/monitoring/runs/7/counties/150203?peers=all')).toBe(true),
    );
  });

  it('answers a county outside the result or the caller’s scope with 404', async () => {
    stubFetch(READER, serve);
    page('/console/monitoring/counties/150121');
    expect(await screen.findByText(/旗县 150121 不在该测算结果中/, undefined, { timeout: 15_000 })).toBeTruthy();
  });
});
