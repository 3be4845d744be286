import { cleanup, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeSession, renderSignedIn, stubFetch, type Call } from '../../../lib/test-utils.tsx';
import { fact, item } from '../test-fixtures.ts';
import CountyPage from './CountyPage.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

const KUNDULUN = {
  code: '150203',
  name: '昆都仑区',
  level: 'county',
  type: '市辖区',
  parentCode: '150200',
  path: [
    { code: '150000', name: '内蒙古自治区' },
    { code: '150200', name: '包头市' },
    { code: '150203', name: '昆都仑区' },
  ],
};

function serve(call: Call) {
  if (call.url === '/api/divisions/150203') return { body: KUNDULUN };
  if (call.url === '/api/divisions/150203/attributes') return { body: { items: [] } };
  if (call.url.startsWith('/api/metrics/organisations.count'))
    return { body: fact('150203', [item('150203', { enterprise: 2 })]) };
  if (call.url === '/api/platform/info') return { body: { mode: 'demo', demo: null } };
  return undefined;
}

function page() {
  return renderSignedIn(
    <MemoryRouter initialEntries={['/console/divisions/150203']}>
      <Routes>
        <Route path="/console/divisions/:code" element={<CountyPage />} />
      </Routes>
    </MemoryRouter>,
  );
}

describe('division page of a county', () => {
  it('links to the county’s monitoring profile for a user with monitoring:read', async () => {
    stubFetch(fakeSession({ permissions: ['metrics:read', 'org:read', 'monitoring:read'] }), serve);
    page();
    const link = await screen.findByRole('link', { name: /创新能力监测画像/ }, { timeout: 15_000 });
    expect(link.getAttribute('href')).toBe('/console/monitoring/counties/150203');
  });

  it('has no such link without monitoring:read', async () => {
    stubFetch(fakeSession({ permissions: ['metrics:read', 'org:read'] }), serve);
    page();
    await screen.findByRole('link', { name: /查看单位列表/ }, { timeout: 15_000 });
    expect(screen.queryByRole('link', { name: /创新能力监测画像/ })).toBeNull();
  });
});
