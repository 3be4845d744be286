import { cleanup, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Deal } from '../../../../../../contracts/market-deals.ts';
import { fakeSession, renderSignedIn, stubFetch } from '../../../lib/test-utils.tsx';
import { enterpriseSession } from '../test-fixtures.ts';
import DealRoomPage from './DealRoom.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

const at = '2026-12-08T08:00:00Z';
const step = (code: Deal['steps'][number]['code'], name: string) => ({
  code,
  name,
  buyerApprovedAt: at,
  sellerApprovedAt: at,
});

/** A signed deal as the API returns it to `myRole` (null: an officer reading). */
function signedDeal(myRole: Deal['myRole']): Deal {
  return {
    id: 4,
    status: 'signed',
    achievementId: 1,
    achievementTitle: '马铃薯脱毒种薯雾培快繁技术（演示）',
    demandId: null,
    buyer: { userId: 21, name: '企业联络人（演示）', orgName: '土默特左旗演示生物科技1号有限公司' },
    seller: { userId: 22, name: '科研人员（演示）', orgName: null },
    myRole,
    divisionCode: '150105',
    buyerDivisionCode: '150121',
    agreedAmount: 35,
    agreedMode: 'license_ordinary',
    contractId: 9,
    createdAt: at,
    updatedAt: at,
    ndaStatus: 'approved',
    messages: [],
    offers: [],
    steps: [
      step('terms', '条款确认'),
      step('payment', '价款与支付'),
      step('ip', '知识产权归属'),
      step('signing', '签署'),
    ],
    decline: null,
    events: [],
  };
}

function show(session: ReturnType<typeof fakeSession>, deal: Deal) {
  stubFetch(session, (c) => (c.method === 'GET' && c.url === '/api/market/deals/4' ? { body: deal } : undefined));
  renderSignedIn(
    <MemoryRouter initialEntries={['/console/market/deals/4']}>
      <Routes>
        <Route path="/console/market/deals/:id" element={<DealRoomPage />} />
      </Routes>
    </MemoryRouter>,
  );
}

describe('洽谈室', () => {
  it('tells a party the contract awaits registration without linking to the officers’ register', async () => {
    show(enterpriseSession(), signedDeal('buyer'));
    expect(await screen.findByText('已生成合同登记记录，待登记机构认定', {}, { timeout: 15_000 })).toBeTruthy();
    expect(screen.queryByRole('link', { name: '已生成合同登记记录' })).toBeNull();
    // Signed: no step is drawn as the one in progress.
    expect(document.querySelectorAll('.ant-steps-item-process, .ant-steps-item-active')).toHaveLength(0);
    expect(document.querySelectorAll('.ant-steps-item-finish')).toHaveLength(4);
  });

  it('links an officer who reads contracts to the register', async () => {
    const officer = fakeSession({ permissions: ['market:read', 'market:oversee', 'market:contract_read'] });
    show(officer, signedDeal(null));
    const link = await screen.findByRole('link', { name: '已生成合同登记记录' }, { timeout: 15_000 });
    expect(link.getAttribute('href')).toBe('/console/market/contracts');
  });
});
