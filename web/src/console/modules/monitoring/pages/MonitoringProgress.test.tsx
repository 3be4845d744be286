import { cleanup, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeSession, renderSignedIn, stubFetch, type Call } from '../../../lib/test-utils.tsx';
import MonitoringProgressPage from './MonitoringProgress.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

const byStatus = { approved: 5, submitted: 1, not_started: 3 };
const league = (code: string, name: string) => ({ code, name, counties: 9, byStatus, completeness: 0.66, late: 4 });

function serve(call: Call) {
  if (call.url.startsWith('/api/monitoring/completeness?'))
    return {
      body: {
        period: 2025,
        deadline: '2026-06-30',
        counties: 18,
        byStatus,
        onTime: 10,
        late: 8,
        completeness: 0.66,
        leagues: [league('150100', '呼和浩特市'), league('152900', '阿拉善盟')],
      },
    };
  return undefined;
}

describe('填报进度 page', () => {
  it('keeps league names on one line and lets the table scroll sideways on a phone', async () => {
    stubFetch(fakeSession({ division: { code: '150000', name: '内蒙古自治区', level: 'province' } }), serve);
    const { container } = renderSignedIn(
      <MemoryRouter>
        <MonitoringProgressPage />
      </MemoryRouter>,
    );
    const name = await screen.findByText('呼和浩特市', { selector: 'td span' }, { timeout: 15_000 });
    expect(name.style.whiteSpace).toBe('nowrap');
    expect(container.querySelector<HTMLElement>('.ant-table-content')?.style.overflowX).toBe('auto');
  });
});
