import { useState } from 'react';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeSession, renderSignedIn, stubFetch } from '../../../lib/test-utils.tsx';
import { RankTable } from './RankTable.tsx';
import type { ResultFilters } from '../results.ts';
import { COUNTIES, RESULT } from '../test-fixtures.ts';
import type { CountyResult, RankComparison } from '../../../../../../contracts/monitoring.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

function Harness({
  initial = {},
  comparison = RESULT.comparison,
  counties = COUNTIES,
}: {
  initial?: ResultFilters;
  comparison?: RankComparison | null;
  counties?: CountyResult[];
}) {
  const [filters, setFilters] = useState<ResultFilters>(initial);
  return (
    <MemoryRouter>
      <RankTable counties={counties} comparison={comparison} runId={7} filters={filters} onFilters={setFilters} />
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
    expect(first.textContent).toContain('↑1');
    expect(bodyRows()[1]!.textContent).toContain('↓1');
    expect(bodyRows()[2]!.textContent).toContain('新');
    expect(screen.getByText('4 / 4 个旗县')).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox', { name: '显示排名区间' }));
    expect(screen.getAllByTestId('rank-cell').map((c) => c.textContent)).toEqual(['1', '2', '3', '—']);
  });

  it('compares ranks only among counties scored in both periods, says so, and never calls a county with a previous score 新', async () => {
    stubFetch(fakeSession({ permissions: ['monitoring:read'] }));
    renderSignedIn(<Harness />);
    await screen.findByTestId('rank-table');
    expect(screen.getByTestId('change-basis').textContent).toBe(
      '变化：与 2024 年度相比，仅在两期均有得分的 2 个旗县中比较名次（本期 3 个、上期 3 个有得分，参评旗县不同，类别变化不作比较）',
    );
    const [xincheng, , , donghe] = bodyRows();
    // 新城区 was 3rd of all last year, 2nd of the two scored in both: up 1, not up 2; no tier badge on unlike sets
    expect(xincheng!.textContent).not.toContain('↑2');
    expect(xincheng!.textContent).not.toContain('升至');
    expect(within(xincheng!).getByText('↑1').getAttribute('title')).toBe(
      '在两期均有得分的 2 个旗县中：上期第 2 位，本期第 1 位，得分 +16.3',
    );
    // 东河区 had a score last year and none now (returned): no 新, the reason beside the name
    expect(donghe!.textContent).not.toContain('新');
    expect(within(donghe!).getByTestId('missing-reason').textContent).toBe('退回');
  });

  it('shows the tier badge only when both periods scored the same counties', async () => {
    stubFetch(fakeSession({ permissions: ['monitoring:read'] }));
    const sameSet = { ...RESULT.comparison!, common: 2, current: 2, previous: 2, tiersComparable: true };
    renderSignedIn(<Harness comparison={sameSet} counties={COUNTIES.slice(0, 2)} />);
    await screen.findByTestId('rank-table');
    expect(bodyRows()[0]!.textContent).toContain('升至一类');
    expect(screen.getByTestId('change-basis').textContent).not.toContain('类别变化不作比较');
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
      '东河区退回',
    ]);
  });
});
