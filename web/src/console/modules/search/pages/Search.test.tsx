import { cleanup, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SearchHit } from '../../../../../../contracts/search.ts';
import { ConsoleLayout } from '../../../layout/ConsoleLayout.tsx';
import { fakeSession, renderSignedIn, stubFetch, type Call } from '../../../lib/test-utils.tsx';
import SearchPage from './Search.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  sessionStorage.clear();
});

const COUNTY = fakeSession({
  roles: [{ role: 'county-officer', divisionCode: '150102' }],
  division: { code: '150102', name: '新城区', level: 'county' },
});

const HIT: SearchHit = {
  type: 'organisation',
  id: 42,
  title: '回民区演示乳业1号专业合作社',
  snippet: '回民区演示<mark>乳业</mark>1号专业合作社',
  divisionCode: '150103',
  divisionName: '回民区',
  score: 1.5,
};

function serve(items: SearchHit[]) {
  return (call: Call) =>
    call.url.startsWith('/api/search?') ? { body: { items, total: items.length, page: 1, pageSize: 20 } } : undefined;
}

const renderAt = (url: string) =>
  renderSignedIn(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route path="/console/search" element={<SearchPage />} />
      </Routes>
    </MemoryRouter>,
  );

describe('search page', () => {
  it('says what is searchable before anything is typed', async () => {
    stubFetch(COUNTY, serve([]));
    renderAt('/console/search');
    expect(await screen.findByText('输入检索词开始搜索')).toBeTruthy();
    expect(document.body.textContent).toContain('可检索：单位（名称、类型、所在地区）');
  });

  it('on no hits, says where and over what it looked, rather than a bare "nothing"', async () => {
    const calls = stubFetch(COUNTY, serve([]));
    renderAt(`/console/search?q=${encodeURIComponent('乳业')}`);
    expect(await screen.findByText('没有找到匹配的结果')).toBeTruthy();
    expect(await screen.findByText('在新城区范围内检索了单位（名称、类型、所在地区）')).toBeTruthy();
    const asked = calls.find((c) => c.url.startsWith('/api/search?'));
    expect(new URL(asked!.url, 'http://x').searchParams.get('division')).toBe('150102');
  });

  it("on 科技特派员 (an account role, not searched), says so and links to that role's accounts and the framework", async () => {
    stubFetch({ ...COUNTY, permissions: [...COUNTY.permissions, 'monitoring:read'] }, serve([]));
    renderAt(`/console/search?q=${encodeURIComponent('科技特派员')}`);
    expect(await screen.findByText('没有找到匹配的结果')).toBeTruthy();
    const elsewhere = await screen.findByTestId('search-elsewhere');
    expect(elsewhere.textContent).toContain('“科技特派员”是账户角色，账户不在检索范围内');
    expect(elsewhere.querySelector('a[href="/console/users?role=expert"]')?.textContent).toBe(
      '查看“专家/科技特派员”账户',
    );
    expect(elsewhere.querySelector('a[href="/console/monitoring/frameworks"]')).toBeTruthy();
    expect(document.body.textContent).toContain('人员（账户）和监测指标暂不在检索范围内');
  });

  it('lists hits with a link to the record, highlighting the title or showing the body snippet', async () => {
    const inBody: SearchHit = { ...HIT, id: 43, title: '回民区科学技术局', snippet: '政府部门 <mark>回民区</mark>' };
    stubFetch(COUNTY, serve([HIT, inBody]));
    renderAt(`/console/search?q=${encodeURIComponent('奶牛')}`);
    await screen.findByRole('link', { name: '回民区科学技术局' });
    const link = document.querySelector<HTMLAnchorElement>('a[href="/console/organisations/42"]')!;
    expect(link.textContent).toBe(HIT.title);
    // The snippet is the title: marked in the link, not repeated below it.
    expect(link.querySelector('mark')?.textContent).toBe('乳业');
    const snippets = [...document.querySelectorAll('.qx-snippet')].map((e) => e.textContent);
    expect(snippets).toEqual(['政府部门 回民区']);
    expect(screen.getByRole('link', { name: '回民区科学技术局' }).querySelector('mark')).toBeNull();
  });
});

describe('header search box', () => {
  it('promises only what the search covers today (organisations)', async () => {
    stubFetch(COUNTY);
    renderSignedIn(
      <MemoryRouter initialEntries={['/console']}>
        <ConsoleLayout>
          <p>page</p>
        </ConsoleLayout>
      </MemoryRouter>,
    );
    const box = await screen.findByPlaceholderText('搜索单位……');
    expect(box.getAttribute('placeholder')).not.toMatch(/成果|问题/);
  });
});
