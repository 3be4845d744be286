import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeSession, renderSignedIn, stubFetch } from '../test-utils.tsx';
import { DateCell, StatusTag } from './cells.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const NAMES = { active: { zh: '正常', en: 'Active', color: 'green' } };

describe('list cells', () => {
  it('names a known status in its colour and shows an unknown code as it is', async () => {
    stubFetch(fakeSession());
    renderSignedIn(
      <>
        <StatusTag names={NAMES} value="active" />
        <StatusTag names={NAMES} value="archived" />
      </>,
    );
    expect((await screen.findByText('正常')).className).toContain('green');
    expect(screen.getByText('archived')).toBeTruthy();
  });

  it('writes a timestamp in Beijing time on one line, and a dash for none', async () => {
    stubFetch(fakeSession());
    renderSignedIn(
      <>
        <DateCell value="2026-03-01T02:00:00.000Z" />
        <DateCell value={null} />
      </>,
    );
    const date = await screen.findByText(/2026.03.01.*10:00/);
    expect(date.style.whiteSpace).toBe('nowrap');
    expect(screen.getByText('—')).toBeTruthy();
  });
});
