import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { achievement } from '../../../console/modules/market/test-fixtures.ts';
import { App } from '../../App.tsx';
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

const demand = {
  id: 4,
  title: '马铃薯种薯退化减产，寻求脱毒种薯繁育技术',
  description: '自留种薯退化严重，希望引进脱毒种薯快繁技术。',
  keywords: ['马铃薯'],
  domain: 'seed',
  divisionCode: '150121',
  divisionName: '土默特左旗',
  organisationName: '演示生物科技公司',
  status: 'published',
  source: 'self',
  cooperationForms: ['license', 'open_call'],
  isOpenCall: true,
  budgetMin: 20,
  budgetMax: 80,
  deadline: '2027-03-31',
  supporters: 2,
  isDemo: false,
  updatedAt: '2026-12-08T07:51:00Z',
};

describe('portal 技术市场', () => {
  it('lists open demands with budget and open-call deadline, and links enterprises to post one', async () => {
    const calls = stubFetch((c) =>
      c.url.startsWith('/api/public/market/demands?')
        ? json(200, { items: [demand], total: 1, page: 1, pageSize: 10 })
        : undefined,
    );
    at('/market/demands?q=马铃薯');
    const card = await screen.findByTestId('market-item-4', {}, { timeout: 15_000 });
    expect(card.getAttribute('href')).toBe('/market/demands?id=4');
    expect(within(card).getByText(/20–80 万元/).textContent).toContain('揭榜挂帅，2027-03-31 截止');
    expect(screen.getByTestId('post-demand').getAttribute('href')).toBe('/console/market/demands/new');
    expect(calls.some((c) => c.url.includes('q=%E9%A9%AC%E9%93%83%E8%96%AF'))).toBe(true);
  });

  it('shows an achievement summary, never a confidential detail, and the sign-in link for NDA access', async () => {
    stubFetch((c) =>
      c.url === '/api/public/market/achievements/2'
        ? json(200, achievement({ id: 2, visibility: 'public', confidentialDetail: '雾培营养液配方 A-3' }))
        : undefined,
    );
    at('/market/achievements?id=2');
    await screen.findByText('脱毒率 99%', {}, { timeout: 15_000 });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('马铃薯脱毒种薯快繁技术');
    expect(screen.queryByText(/雾培营养液配方/)).toBeNull();
    expect(screen.getByTestId('nda-sign-in').getAttribute('href')).toBe('/console/market/achievements/2');
  });

  it('says when a record is not on the portal', async () => {
    stubFetch((c) =>
      c.url === '/api/public/market/achievements/9'
        ? json(404, { error: { code: 'NOT_FOUND', message: '不存在', messageEn: 'Not found' } })
        : undefined,
    );
    at('/market/achievements?id=9');
    await screen.findByText(/该记录不存在、尚未发布或仅对登录用户开放/, {}, { timeout: 15_000 });
  });
});
