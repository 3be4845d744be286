import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../App.tsx';
import { json, stubFetch } from '../../test-support.ts';

beforeEach(() => localStorage.clear());
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const item = {
  id: 44,
  title: '奶豆腐小作坊标准化加工技术',
  summary: '适合家庭作坊的奶豆腐标准化工艺。',
  domain: 'dairy',
  cost: 8,
  equipment: '巴氏杀菌锅',
  training: '3 天操作培训',
  divisionName: '赛罕区',
  leagueName: '呼和浩特市',
  contact: { centre: '呼和浩特市科技成果转化服务中心', how: '' },
  isDemo: false,
};

describe('portal 创业技术库', () => {
  it('shows cost, equipment and the centre, and sends a request with name, mobile, county and wish', async () => {
    const calls = stubFetch((c) => {
      if (c.url === '/api/public/market/startup-library/44') return json(200, item);
      if (c.url === '/api/public/market/startup-requests') return json(201, { id: 1, status: 'new' });
      return undefined;
    });
    window.history.replaceState(null, '', '/market/startup?id=44');
    render(<App />);
    await screen.findByText('约 8 万元', {}, { timeout: 15_000 });
    expect(screen.getByText('呼和浩特市科技成果转化服务中心')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '巴特尔' } });
    fireEvent.change(screen.getByLabelText('手机号码'), { target: { value: '13912345678' } });
    fireEvent.change(await screen.findByLabelText(/盟市/), { target: { value: '150100' } });
    await screen.findByRole('option', { name: '土默特左旗' });
    fireEvent.change(screen.getByLabelText(/旗县/), { target: { value: '150121' } });
    fireEvent.change(screen.getByLabelText('您想做什么'), { target: { value: '开奶豆腐作坊' } });
    fireEvent.click(screen.getByRole('button', { name: '提交对接申请' }));
    await screen.findByTestId('startup-sent');
    await waitFor(() =>
      expect(calls.find((c) => c.url === '/api/public/market/startup-requests')?.body).toEqual({
        achievementId: 44,
        name: '巴特尔',
        phone: '13912345678',
        countyCode: '150121',
        want: '开奶豆腐作坊',
      }),
    );
  });
});
