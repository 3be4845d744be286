import { useState } from 'react';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeSession, renderSignedIn, stubFetch } from '../../../lib/test-utils.tsx';
import { RankTable } from './RankTable.tsx';
import type { ResultFilters } from '../results.ts';
import { COUNTIES } from '../test-fixtures.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

function Harness({ initial = {} }: { initial?: ResultFilters }) {
  const [filters, setFilters] = useState<ResultFilters>(initial);
  return (
    <MemoryRouter>
      <RankTable counties={COUNTIES} runId={7} filters={filters} onFilters={setFilters} />
    </MemoryRouter>
  );
}

const bodyRows = () =>
  within(screen.getByTestId('rank-table'))
    .getAllByRole('row')
    .filter((r) => r.querySelector('td'));

describe('rank table', () => {
  it('shows the interval next to every rank, tier tags, change arrows and county links', async () => {
    stubFetch(fakeSession({ permissions: ['monitoring:read'] }));
    renderSignedIn(<Harness />);
    await screen.findByTestId('rank-table');
    expect(screen.getAllByText('排名（区间）').length).toBeGreaterThan(0);
    expect(screen.getAllByTestId('rank-cell').map((c) => c.textContent)).toEqual([
      '1 (1–2)',
      '2 (2–3)',
      '3 (2–3)',
      '—',
    ]);
    const first = bodyRows()[0]!;
    expect(within(first).getByRole('link', { name: '新城区' }).getAttribute('href')).toBe(
      '/console/monitoring/counties/150102?run=7',
    );
    expect(first.textContent).toContain('一类');
    expect(first.textContent).toContain('↑2');
    expect(first.textContent).toContain('升至一类');
    expect(bodyRows()[1]!.textContent).toContain('↓1');
    expect(bodyRows()[2]!.textContent).toContain('新');
    expect(screen.getByText('4 / 4 个旗县')).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: '显示排名区间' }));
    expect(screen.getAllByTestId('rank-cell').map((c) => c.textContent)).toEqual(['1', '2', '3', '—']);
  });

  it('searches by name and filters by tier', async () => {
    stubFetch(fakeSession({ permissions: ['monitoring:read'] }));
    renderSignedIn(<Harness initial={{ tier: 2 }} />);
    await screen.findByTestId('rank-table');
    expect(bodyRows().map((r) => r.textContent)).toHaveLength(1);
    expect(bodyRows()[0]!.textContent).toContain('昆都仑区');
    cleanup();
    renderSignedIn(<Harness />);
    const search = await screen.findByRole('searchbox', { name: '搜索旗县' });
    fireEvent.change(search, { target: { value: '回民' } });
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await screen.findByText('1 / 4 个旗县');
    expect(screen.getAllByTestId('rank-cell').map((c) => c.textContent)).toEqual(['3 (2–3)']);
  });

  it('sorts by score when the header is clicked, nulls last', async () => {
    stubFetch(fakeSession({ permissions: ['monitoring:read'] }));
    renderSignedIn(<Harness />);
    await screen.findByTestId('rank-table');
    fireEvent.click(screen.getAllByText('得分')[0]!);
    expect(bodyRows().map((r) => within(r).getAllByRole('cell')[1]?.textContent)).toEqual([
      '回民区',
      '昆都仑区',
      '新城区',
      '东河区',
    ]);
  });
});
