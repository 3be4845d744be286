import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import type { Framework } from '../../../../../../contracts/monitoring.ts';
import MonitoringFrameworkDetailPage from './MonitoringFrameworkDetail.tsx';
import { fakeSession, renderSignedIn, stubFetch } from '../../../lib/test-utils.tsx';
import { blankSpec } from '../frameworks/tree.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function framework(over: Partial<Framework> = {}): Framework {
  return {
    id: 5,
    code: 'county-default',
    version: 2,
    nameZh: '县域指标体系（默认）',
    nameEn: 'County framework',
    description: '',
    status: 'draft',
    isDefault: true,
    indicatorCount: 2,
    createdAt: '2026-01-15T02:00:00.000Z',
    activatedAt: null,
    settings: { rules: [], tiers: { kind: 'thresholds', thresholds: [80, 60] }, deadline: '06-30' },
    nodes: [
      { code: 'CII', parentCode: null, kind: 'index', nameZh: '县域创新能力指数', nameEn: '', weight: 1, spec: null },
      { code: 'D1', parentCode: 'CII', kind: 'dimension', nameZh: '科技创新投入', nameEn: '', weight: 10, spec: null },
      {
        code: 'D1.1',
        parentCode: 'D1',
        kind: 'indicator',
        nameZh: '研发投入强度',
        nameEn: '',
        weight: 6,
        spec: { ...blankSpec(), unit: '%', targets: { '2025': 1.5 } },
      },
      {
        code: 'D1.2',
        parentCode: 'D1',
        kind: 'indicator',
        nameZh: '科技特派员数',
        nameEn: '',
        weight: 4,
        spec: { ...blankSpec(), fact: { fact: 'experts.count' } },
      },
    ],
    ...over,
  };
}

function renderAt(id: number) {
  return renderSignedIn(
    <MemoryRouter initialEntries={[`/console/monitoring/frameworks/${id}`]}>
      <Routes>
        <Route path="/console/monitoring/frameworks/:id" element={<MonitoringFrameworkDetailPage />} />
      </Routes>
    </MemoryRouter>,
  );
}

const manager = () =>
  fakeSession({
    permissions: ['monitoring:read', 'monitoring:manage'],
    roles: [{ role: 'region-officer', divisionCode: '150000' }],
  });

describe('framework detail page', () => {
  it('shows the tree with weight shares, targets and live bindings, and the default banner', async () => {
    stubFetch(fakeSession({ permissions: ['monitoring:read'] }), (c) =>
      c.url === '/api/monitoring/frameworks/5' ? { body: framework({ status: 'active' }) } : undefined,
    );
    renderAt(5);
    expect(await screen.findByText('研发投入强度')).toBeTruthy();
    expect(screen.getByTestId('default-framework-banner')).toBeTruthy();
    expect(screen.getByText('6（60.0%）')).toBeTruthy();
    expect(screen.getByText('2025:1.5')).toBeTruthy();
    expect(screen.getByText('实时')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /编辑草稿/ })).toBeNull();
  });

  it('edits a draft, sends the whole tree, and marks the node the server refused', async () => {
    const calls = stubFetch(manager(), (c) => {
      if (c.url === '/api/monitoring/frameworks/5' && c.method === 'GET') return { body: framework() };
      if (c.url === '/api/monitoring/frameworks/5' && c.method === 'PUT')
        return {
          status: 400,
          body: {
            error: {
              code: 'VALIDATION',
              message: '指标体系有 1 处问题，未保存',
              messageEn: '1 problem',
              details: [{ path: 'body.nodes.3.weight', message: '指标 D1.2：示例错误', messageEn: 'x' }],
            },
          },
        };
      return undefined;
    });
    renderAt(5);
    fireEvent.click(await screen.findByRole('button', { name: /编辑草稿/ }));
    // Remove nothing, add an indicator under D1, then save.
    fireEvent.click(screen.getAllByRole('button', { name: /指\s*标/ })[0]!);
    fireEvent.click(await screen.findByRole('button', { name: /取\s*消/ }));
    fireEvent.click(screen.getByRole('button', { name: /保存草稿/ }));
    expect(await screen.findByText('未保存：请修改标红的节点')).toBeTruthy();
    expect(screen.getByLabelText('有错误')).toBeTruthy();
    const put = calls.find((c) => c.method === 'PUT');
    const body = put?.body as { nodes: { code: string }[] };
    expect(body.nodes.map((n) => n.code)).toEqual(['CII', 'D1', 'D1.1', 'D1.2', 'D1.3']);
    await waitFor(() => expect(screen.getByText('有未保存的修改')).toBeTruthy());
  });

  it('edits the tier rule and deadline; a malformed deadline holds the save back', async () => {
    const calls = stubFetch(manager(), (c) => {
      if (c.url === '/api/monitoring/frameworks/5' && c.method === 'GET') return { body: framework() };
      if (c.url === '/api/monitoring/frameworks/5' && c.method === 'PUT') return { body: framework() };
      return undefined;
    });
    renderAt(5);
    fireEvent.click(await screen.findByRole('button', { name: /编辑草稿/ }));
    fireEvent.change(screen.getByLabelText('填报截止'), { target: { value: '5-31' } });
    fireEvent.click(screen.getByRole('button', { name: /保存草稿/ }));
    expect(await screen.findByText('格式：阈值 80;60，名额 10;15;78，截止 06-30')).toBeTruthy();
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);
    fireEvent.change(screen.getByLabelText('填报截止'), { target: { value: '05-31' } });
    fireEvent.mouseDown(screen.getByLabelText('分类方式'));
    fireEvent.click(await screen.findByText('按名额'));
    fireEvent.change(screen.getByLabelText('阈值或名额'), { target: { value: '10;15;78' } });
    fireEvent.click(screen.getByRole('button', { name: /保存草稿/ }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    const body = calls.find((c) => c.method === 'PUT')?.body as { settings: unknown };
    expect(body.settings).toEqual({ tiers: { kind: 'counts', counts: [10, 15, 78] }, deadline: '05-31', rules: [] });
  });
});
