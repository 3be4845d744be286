import { cleanup, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderSignedIn, stubFetch } from '../../../lib/test-utils.tsx';
import { enterpriseSession } from '../test-fixtures.ts';
import DemandsPage from './Demands.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

const item = {
  id: 4,
  title: '马铃薯种薯退化减产，寻求脱毒种薯繁育技术',
  domain: 'seed',
  divisionName: '武川县',
  organisationName: '演示生物科技公司',
  status: 'published',
  isOpenCall: true,
  budgetMin: 20,
  budgetMax: 80,
  deadline: '2027-03-31',
  supporters: 2,
  isDemo: false,
  updatedAt: '2026-12-08T07:51:00Z',
};

describe('技术需求 list', () => {
  it('lists demands with organisation, budget and 揭榜挂帅, offers 发布需求 and passes the filters on', async () => {
    const calls = stubFetch(enterpriseSession(), (c) =>
      c.url.startsWith('/api/market/demands?')
        ? { body: { items: [item], total: 1, page: 1, pageSize: 20 } }
        : undefined,
    );
    renderSignedIn(
      <MemoryRouter initialEntries={['/console/market/demands?mine=true&domain=seed']}>
        <DemandsPage />
      </MemoryRouter>,
    );
    const link = await screen.findByRole('link', { name: item.title }, { timeout: 15_000 });
    expect(link.getAttribute('href')).toBe('/console/market/demands/4');
    const row = link.closest('tr')!;
    expect(within(row).getByText('揭榜挂帅')).toBeTruthy();
    expect(within(row).getByText('20–80 万元')).toBeTruthy();
    expect(within(row).getByText('演示生物科技公司')).toBeTruthy();
    expect(within(row).getByText('已发布')).toBeTruthy();
    expect(screen.getByRole('button', { name: /发布需求/ })).toBeTruthy();
    expect(screen.getByText('共 1 项需求')).toBeTruthy();
    const asked = calls.find((c) => c.url.startsWith('/api/market/demands?'))!.url;
    expect(asked).toContain('mine=true');
    expect(asked).toContain('domain=seed');
  });
});
