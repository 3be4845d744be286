import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ZForm, type Form } from '../../../../../../contracts/monitoring.ts';
import { fakeSession, renderSignedIn, stubFetch, type Call } from '../../../lib/test-utils.tsx';
import MonitoringEntryPage from './MonitoringEntry.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  setWidth(1024);
});

/** happy-dom answers matchMedia from the window size, so antd's breakpoints follow it. */
function setWidth(width: number) {
  (window as unknown as { happyDOM: { setViewport(v: { width: number; height: number }): void } }).happyDOM.setViewport(
    { width, height: 844 },
  );
}

const COUNTY = fakeSession({
  user: { ...fakeSession().user, username: 'county-150102', divisionCode: '150102', divisionName: '新城区' },
  roles: [{ role: 'county-officer', divisionCode: '150102' }],
  permissions: ['monitoring:read', 'monitoring:enter'],
  division: { code: '150102', name: '新城区', level: 'county' },
});

const indicator = (code: string, nameZh: string, spec: Record<string, unknown>) => ({
  code,
  parentCode: code.slice(0, 2),
  kind: 'indicator',
  nameZh,
  nameEn: '',
  weight: 1,
  spec,
});
const dimension = (code: string, nameZh: string) => ({
  code,
  parentCode: 'IDX',
  kind: 'dimension',
  nameZh,
  nameEn: '',
  weight: 1,
  spec: null,
});
const missing = (code: string, name: string) => ({
  indicatorCode: code,
  severity: 'error',
  kind: 'missing',
  message: `${name}：必填指标未填写`,
  messageEn: `${code}: required value missing`,
});

/** A draft 2025 form of 新城区 as the server answers it: three required indicators, nothing saved, deadline passed. */
function formOf(over: Record<string, unknown> = {}): Form {
  return ZForm.parse({
    divisionCode: '150102',
    divisionName: '新城区',
    period: 2025,
    framework: {
      id: 1,
      code: 'county',
      version: 1,
      nameZh: '县域科技创新能力监测指标体系',
      nameEn: '',
      description: '',
      status: 'active',
      isDefault: true,
      indicatorCount: 3,
      createdAt: '2026-01-01T00:00:00.000Z',
      activatedAt: '2026-01-01T00:00:00.000Z',
    },
    indicators: [
      indicator('D1.1', 'R&D经费投入强度', { unit: '%', min: 0, max: 100, maxYoyChange: 0.5 }),
      indicator('D1.2', '全社会R&D经费支出', { unit: '万元', min: 0 }),
      indicator('D2.1', '科技特派员人数', { unit: '人', min: 0 }),
    ].map((n) => ({ ...n, spec: { ...SPEC, ...n.spec } })),
    dimensions: [dimension('D1', '科技创新投入'), dimension('D2', '科技人才')],
    values: [],
    previous: [{ indicatorCode: 'D1.1', value: 1.2 }],
    status: 'draft',
    editable: true,
    actions: ['submit'],
    findings: [
      missing('D1.1', 'R&D经费投入强度'),
      missing('D1.2', '全社会R&D经费支出'),
      missing('D2.1', '科技特派员人数'),
    ],
    events: [],
    attachments: [],
    completeness: 0,
    deadline: '2026-06-30',
    late: true,
    rules: [],
    ...over,
  });
}

const SPEC = {
  unit: '',
  direction: 1,
  points: null,
  denominator: '',
  density: 'none',
  log: false,
  source: '',
  periodType: 'year',
  lagMonths: 6,
  targets: {},
  targetNote: '',
  standardValue: null,
  goalposts: null,
  fact: null,
  min: null,
  max: null,
  maxYoyChange: null,
  qualitative: false,
  valueType: 'number',
  optional: false,
  evidence: '',
};

function serve(form: Form) {
  return (call: Call) => {
    if (call.url.startsWith('/api/monitoring/submissions'))
      return { body: { items: [], total: 0, page: 1, pageSize: 200 } };
    if (call.method === 'GET' && call.url === '/api/monitoring/forms/150102/2025') return { body: form };
    return undefined;
  };
}

function render() {
  return renderSignedIn(
    <MemoryRouter initialEntries={['/console/monitoring/entry/150102/2025']}>
      <Routes>
        <Route path="/console/monitoring/entry/:division/:period" element={<MonitoringEntryPage />} />
      </Routes>
    </MemoryRouter>,
  );
}

const type = (code: string, value: string) =>
  fireEvent.change(screen.getByLabelText(`${code} 本年值`), { target: { value } });

describe('数据填报 page: checks while typing', () => {
  it('shows 150 % as out of range at once, keeps it as typed and updates completeness and errors', async () => {
    stubFetch(COUNTY, serve(formOf()));
    render();
    await screen.findByLabelText('D1.1 本年值', undefined, { timeout: 15_000 });
    expect(screen.getByTestId('form-errors').textContent).toBe('错误 3 项');

    type('D1.1', '150');
    const range = await screen.findByTestId('finding-D1.1-range');
    expect(range.textContent).toContain('150 超出允许范围 [0, 100]');
    expect(screen.queryByTestId('finding-D1.1-missing')).toBeNull();
    expect(screen.getByTestId('finding-D1.1-yoy')).toBeTruthy(); // 1.2 -> 150 needs a note
    fireEvent.blur(screen.getByLabelText('D1.1 本年值'));
    // never clamped to the maximum
    expect(screen.getByLabelText<HTMLInputElement>('D1.1 本年值').value).toBe('150');
    expect(screen.getByTestId('form-errors').textContent).toBe('错误 3 项'); // range instead of missing
    expect(within(screen.getByTestId('form-completeness')).getByRole('progressbar').getAttribute('aria-valuenow')).toBe(
      '33',
    );

    type('D1.1', '1.5');
    type('D1.2', '5538');
    type('D2.1', '12');
    await waitFor(() => expect(screen.getByTestId('form-errors').textContent).toBe('错误 0 项'));
    const bar = within(screen.getByTestId('form-completeness')).getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('100');
    expect(screen.getByRole('button', { name: /保存（3）/ })).toBeTruthy();
  });

  it('says the deadline has passed where the review list says 逾期', async () => {
    stubFetch(COUNTY, serve(formOf()));
    render();
    expect((await screen.findByTestId('form-overdue')).textContent).toContain('已逾期');
    cleanup();
    stubFetch(COUNTY, serve(formOf({ late: false })));
    render();
    await screen.findByLabelText('D1.1 本年值');
    expect(screen.queryByTestId('form-overdue')).toBeNull();
  });

  it('checks cross-indicator rules of the framework while typing', async () => {
    const rule = { code: 'R1', kind: 'lte', left: 'D1.1', right: 'D2.1', messageZh: '强度不应大于人数' };
    stubFetch(COUNTY, serve(formOf({ rules: [rule] })));
    render();
    await screen.findByLabelText('D1.1 本年值');
    type('D2.1', '3');
    type('D1.1', '5');
    expect((await screen.findByTestId('finding-D1.1-rule')).textContent).toContain('强度不应大于人数（5 > 3）');
  });
});

describe('数据填报 page on a phone', () => {
  it('shows one card per indicator with its input and a save bar that sticks to the bottom', async () => {
    setWidth(390);
    stubFetch(COUNTY, serve(formOf()));
    const { container } = render();
    const card = await screen.findByTestId('entry-card-D1.1', undefined, { timeout: 15_000 });
    expect(within(card).getByLabelText('D1.1 本年值')).toBeTruthy();
    expect(within(card).getByText('%')).toBeTruthy();
    expect(container.querySelector('table')).toBeNull();
    expect(screen.getByTestId('save-bar').style.position).toBe('sticky');
    expect(screen.getByTestId('form-status').textContent).toBe('填报中');
  });
});

describe('数据填报 page: approval by the region', () => {
  it('自治区审定 opens a dialog about the final approval, confirmed with 审核通过', async () => {
    stubFetch(
      fakeSession({ permissions: ['monitoring:read', 'monitoring:manage'] }),
      serve(formOf({ status: 'league_approved', editable: false, actions: ['approve', 'return'], findings: [] })),
    );
    render();
    fireEvent.click(await screen.findByRole('button', { name: /自治区审定/ }));
    const dialog = await screen.findByRole('dialog');
    expect(dialog.textContent).toContain('自治区审定？');
    expect(dialog.textContent).toContain('审定后数据锁定');
    expect(dialog.textContent).not.toContain('审核通过？');
    expect(within(dialog).getByRole('button', { name: /审核通过$/ })).toBeTruthy();
  });
});
