import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderSignedIn, stubFetch } from '../../../lib/test-utils.tsx';
import { enterpriseSession } from '../test-fixtures.ts';
import NdaRequestsPage, { type NdaItem } from './NdaRequests.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

const pending: NdaItem = {
  id: 3,
  achievementId: 1,
  achievementTitle: '马铃薯脱毒种薯快繁技术',
  requesterName: '企业联络人（演示）',
  message: '评估合作',
  status: 'pending',
  isMine: false,
  createdAt: '2026-12-08T08:00:00Z',
  decidedAt: null,
};

describe('保密申请', () => {
  it("lets the owner approve a pending request and shows the requester's own list", async () => {
    let decided = false;
    const calls = stubFetch(enterpriseSession(), (c) => {
      if (c.url === '/api/market/nda-requests?as=owner')
        return { body: { items: [decided ? { ...pending, status: 'approved' } : pending] } };
      if (c.url === '/api/market/nda-requests/3/decision') {
        decided = true;
        return { body: { ...pending, status: 'approved' } };
      }
      if (c.url === '/api/market/nda-requests?as=requester')
        return { body: { items: [{ ...pending, id: 5, isMine: true, status: 'declined' }] } };
      return undefined;
    });
    renderSignedIn(
      <MemoryRouter initialEntries={['/console/market/nda']}>
        <NdaRequestsPage />
      </MemoryRouter>,
    );
    fireEvent.click(await screen.findByTestId('nda-approve-3', {}, { timeout: 15_000 }));
    await waitFor(() => expect(screen.getByText('已同意')).toBeTruthy());
    expect(calls.find((c) => c.url.endsWith('/decision'))?.body).toEqual({ decision: 'approve', comment: '' });
    expect(screen.queryByTestId('nda-approve-3')).toBeNull();

    fireEvent.click(screen.getByText('我提交的'));
    await screen.findByText('已拒绝');
    expect(screen.queryByText('申请人')).toBeNull();
  });
});
