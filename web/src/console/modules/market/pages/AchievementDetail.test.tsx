import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderSignedIn, stubFetch, type Call } from '../../../lib/test-utils.tsx';
import { achievement, demandMatch, enterpriseSession } from '../test-fixtures.ts';
import AchievementDetailPage from './AchievementDetail.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

function show(
  over: Record<string, unknown>,
  extra: (c: Call) => { status?: number; body: unknown } | undefined = () => undefined,
) {
  const calls = stubFetch(enterpriseSession(), (c) => {
    if (c.method === 'GET' && c.url === '/api/market/achievements/1') return { body: achievement(over) };
    if (c.url.startsWith('/api/market/achievements/1/matches')) return { body: { items: [demandMatch] } };
    return extra(c);
  });
  renderSignedIn(
    <MemoryRouter initialEntries={['/console/market/achievements/1']}>
      <Routes>
        <Route path="/console/market/achievements/:id" element={<AchievementDetailPage />} />
      </Routes>
    </MemoryRouter>,
  );
  return calls;
}

describe('技术成果详情', () => {
  it('offers the NDA request and sends it with the message', async () => {
    const calls = show({}, (c) =>
      c.method === 'POST' && c.url === '/api/market/achievements/1/nda-requests'
        ? { status: 201, body: { id: 3, status: 'pending' } }
        : undefined,
    );
    const button = await screen.findByRole('button', { name: /申请查看保密内容/ }, { timeout: 15_000 });
    expect(screen.queryByTestId('confidential-detail')).toBeNull();
    fireEvent.click(button);
    fireEvent.change(await screen.findByLabelText('申请说明'), { target: { value: '武川县种薯企业评估合作' } });
    fireEvent.click(screen.getByRole('button', { name: '同意保密协议并提交' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.url.endsWith('/nda-requests'))).toBe(true));
    const sent = calls.find((c) => c.method === 'POST' && c.url.endsWith('/nda-requests'));
    expect(sent?.body).toEqual({ message: '武川县种薯企业评估合作' });
  });

  it('shows a pending request as a disabled button and an approved one as the detail', async () => {
    show({ ndaStatus: 'pending' });
    const pending = await screen.findByTestId('nda-button', {}, { timeout: 15_000 });
    expect(pending.textContent).toContain('已申请，待成果方同意');
    expect((pending as HTMLButtonElement).disabled).toBe(true);
    cleanup();
    vi.unstubAllGlobals();

    show({ ndaStatus: 'approved', confidentialDetail: '雾培营养液配方 A-3' });
    expect((await screen.findByTestId('confidential-detail', {}, { timeout: 15_000 })).textContent).toBe(
      '雾培营养液配方 A-3',
    );
    expect(screen.queryByTestId('nda-button')).toBeNull();
    cleanup();
    vi.unstubAllGlobals();

    show({ ndaStatus: 'declined' });
    expect((await screen.findByTestId('nda-button', {}, { timeout: 15_000 })).textContent).toContain('重新申请查看');
  });

  it('explains each suggested demand and takes 不合适 with a reason', async () => {
    const calls = show({}, (c) =>
      c.method === 'POST' && c.url === '/api/market/matches/feedback' ? { status: 201, body: { id: 1 } } : undefined,
    );
    const item = await screen.findByTestId('match-7', {}, { timeout: 15_000 });
    const m = within(item);
    expect(m.getByText('匹配度 65%')).toBeTruthy();
    expect(m.getByText(demandMatch.explanation)).toBeTruthy();
    expect(m.getByText('脱毒种薯')).toBeTruthy();
    expect(m.getByText('脱毒种薯 → 种业')).toBeTruthy();
    expect(m.getByText('地域 60%')).toBeTruthy();
    fireEvent.click(m.getByRole('button', { name: /不合适/ }));
    fireEvent.mouseDown(m.getByRole('combobox', { name: '不合适的原因' }));
    fireEvent.click(await screen.findByText('技术太早期'));
    fireEvent.click(m.getByRole('button', { name: /^提\s*交$/ }));
    await waitFor(() => expect(m.getByText('已标记为不合适')).toBeTruthy());
    expect(calls.find((c) => c.url === '/api/market/matches/feedback')?.body).toEqual({
      fromType: 'achievement',
      fromId: 1,
      toId: 7,
      useful: false,
      reason: 'too_early',
    });
  });
});
