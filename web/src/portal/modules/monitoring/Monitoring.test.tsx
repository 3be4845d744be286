import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PUBLISHED, runSummary } from '../../../console/modules/monitoring/test-fixtures.ts';
import { App } from '../../App.tsx';
import { changeText, countByTier, rankText, tierText, visibleCounties } from './monitoring-results.ts';
import { json, stubFetch } from '../../test-support.ts';

function at(path: string) {
  window.history.replaceState(null, '', path);
  return render(<App />);
}

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('published results helpers', () => {
  it('writes ranks with intervals, changes and tiers', () => {
    expect(rankText({ rank: 12, rankLow: 8, rankHigh: 17.4 })).toBe('12 (8–17)');
    expect(rankText({ rank: 3, rankLow: null, rankHigh: null })).toBe('3');
    expect(rankText({ rank: null, rankLow: null, rankHigh: null })).toBe('—');
    expect([changeText(3), changeText(-2), changeText(0), changeText(null)]).toEqual(['↑3', '↓2', '—', '']);
    expect([tierText(1, 'zh-CN'), tierText(3, 'zh-CN'), tierText(2, 'en-US')]).toEqual(['一类', '三类', 'Tier 2']);
  });

  it('searches by county or league name, filters a tier and keeps rank order', () => {
    const names = (f: Parameters<typeof visibleCounties>[1]) =>
      visibleCounties(PUBLISHED.counties, f).map((c) => c.name);
    expect(names({})).toEqual(['新城区', '昆都仑区', '回民区', '东河区']);
    expect(names({ q: '包头' })).toEqual(['昆都仑区', '东河区']);
    expect(names({ q: '回民' })).toEqual(['回民区']);
    expect(names({ tier: 2 })).toEqual(['昆都仑区']);
    expect(countByTier(PUBLISHED.counties)).toEqual([
      { tier: 1, count: 1 },
      { tier: 2, count: 1 },
      { tier: 3, count: 1 },
    ]);
  });
});

describe('portal monitoring page', () => {
  it('lists the published ranking with intervals, tiers, the demo marking, and searches', async () => {
    const calls = stubFetch((c) =>
      c.url.startsWith('/api/public/monitoring/results') ? json(200, PUBLISHED) : undefined,
    );
    at('/monitoring');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('县域创新能力监测结果');
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]?.textContent)).toEqual([
      '1 (1–2)',
      '2 (2–3)',
      '3 (2–3)',
      '—',
    ]);
    expect(rows[0]?.textContent).toContain('一类');
    expect(rows[0]?.textContent).toContain('↑1');
    // coverage as published, the missing county's reason, and the basis of the change column
    expect(screen.getByTestId('coverage').textContent).toBe(
      '数据覆盖：2025 年度 4 个旗县中 3 个审核通过；缺数据 1 个（退回 1）。缺数据的旗县在表中注明原因（发布时的状态）。',
    );
    expect(within(rows[3]!).getByRole('rowheader').textContent).toBe('东河区');
    expect(within(rows[3]!).getAllByRole('cell')[2]?.textContent).toBe('退回');
    expect(screen.getByTestId('change-basis').textContent).toBe(
      '变化：与 2024 年度相比，仅在两期均有得分的 2 个旗县中比较名次。',
    );
    expect(screen.getAllByRole('note').some((n) => n.textContent?.startsWith('演示数据：本结果'))).toBe(true);
    expect(document.title).toBe('县域创新能力监测结果 · 旗县');
    expect(calls.some((c) => c.url === '/api/public/monitoring/results')).toBe(true);

    fireEvent.change(screen.getByLabelText('搜索旗县'), { target: { value: '昆都仑' } });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    fireEvent.change(screen.getByLabelText('搜索旗县'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: /三类旗县/ }));
    expect(
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((r) => within(r).getByRole('rowheader').textContent),
    ).toEqual(['回民区']);
  });

  it('asks for another period from the selector', async () => {
    const calls = stubFetch((c) =>
      c.url.startsWith('/api/public/monitoring/results') ? json(200, PUBLISHED) : undefined,
    );
    at('/monitoring');
    fireEvent.change(await screen.findByLabelText('年度'), { target: { value: '2024' } });
    expect(window.location.search).toBe('?period=2024');
    await screen.findByRole('table');
    expect(calls.some((c) => c.url === '/api/public/monitoring/results?period=2024')).toBe(true);
  });

  it('says when nothing is published, and is linked from the home page', async () => {
    stubFetch((c) =>
      c.url.startsWith('/api/public/monitoring/results')
        ? json(200, { run: null, periods: [], counties: [] })
        : undefined,
    );
    at('/');
    fireEvent.click(screen.getByRole('link', { name: /县域创新能力监测结果/ }));
    expect(window.location.pathname).toBe('/monitoring');
    expect(await screen.findByText('监测结果尚未发布。')).toBeTruthy();
  });

  it('names a real result without the demo marking, in English', async () => {
    localStorage.setItem('qx.locale', 'en-US');
    stubFetch((c) =>
      c.url.startsWith('/api/public/monitoring/results')
        ? json(200, { ...PUBLISHED, run: runSummary({ isDemo: false }) })
        : undefined,
    );
    at('/monitoring');
    await screen.findByRole('table');
    expect(screen.queryByText('Demo data')).toBeNull();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('County innovation monitoring results');
    expect(screen.getByText(/ranking mode/)).toBeTruthy();
  });
});
