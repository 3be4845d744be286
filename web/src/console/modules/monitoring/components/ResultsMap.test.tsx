import { cleanup, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeSession, renderSignedIn, stubFetch } from '../../../lib/test-utils.tsx';
import { COLOURS } from '../../dashboard/map-option.ts';
import { GEO } from '../../dashboard/test-fixtures.ts';
import { tierHex } from '../labels.ts';
import ResultsMap from './ResultsMap.tsx';
import { RESULT } from '../test-fixtures.ts';
import { echarts } from '../../dashboard/echarts.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

/** Fills of the county polygons in the SVG (known by their border colours). */
function countyFills(container: HTMLElement): string[] {
  const strokes: string[] = [COLOURS.border, COLOURS.outOfScopeBorder];
  return [...container.querySelectorAll('svg path')]
    .filter((p) => strokes.includes(p.getAttribute('stroke') ?? ''))
    .map((p) => p.getAttribute('fill') ?? '');
}

describe('results map', () => {
  it('colours the counties by tier with the tier colours and greys the unscored one', async () => {
    stubFetch(fakeSession({ permissions: ['monitoring:read'] }), (call) =>
      call.url === '/maps/150000.json' ? { body: GEO } : undefined,
    );
    const { container } = renderSignedIn(
      <MemoryRouter>
        <ResultsMap result={RESULT} view={{ kind: 'tier' }} height={300} />
      </MemoryRouter>,
    );
    const map = await screen.findByTestId('county-map');
    expect(map.dataset.highlighted).toBe('150102,150103,150203');
    expect(map.getAttribute('aria-label')).toBe('旗县分布图：类别，详见排名表');
    await waitFor(() => expect(countyFills(container)).toHaveLength(4));
    expect(new Set(countyFills(container))).toEqual(new Set([tierHex(1), tierHex(2), tierHex(3), COLOURS.outOfScope]));
  });

  it('says in the tooltip why a county has no score', async () => {
    stubFetch(fakeSession({ permissions: ['monitoring:read'] }), (call) =>
      call.url === '/maps/150000.json' ? { body: GEO } : undefined,
    );
    const { container } = renderSignedIn(
      <MemoryRouter>
        <ResultsMap result={RESULT} view={{ kind: 'score' }} height={300} />
      </MemoryRouter>,
    );
    await screen.findByTestId('county-map');
    await waitFor(() => expect(countyFills(container)).toHaveLength(4));
    const tooltip = (code: string) => {
      const chart = echarts.getInstanceByDom(container.querySelector<HTMLElement>('[_echarts_instance_]')!);
      const option = chart!.getOption() as { tooltip: { formatter: (p: unknown) => string }[] };
      return option.tooltip[0]!.formatter({ name: code, data: undefined });
    };
    expect(tooltip('150202')).toContain('无综合得分：数据已退回（未审核）');
    expect(tooltip('150102')).toContain('较上期 上升 1 位（两期均有得分的旗县间）');
  });

  it('colours by score on the 0-100 scale', async () => {
    stubFetch(fakeSession({ permissions: ['monitoring:read'] }), (call) =>
      call.url === '/maps/150000.json' ? { body: GEO } : undefined,
    );
    const { container } = renderSignedIn(
      <MemoryRouter>
        <ResultsMap result={RESULT} view={{ kind: 'dimension', code: 'D1' }} height={300} />
      </MemoryRouter>,
    );
    const map = await screen.findByTestId('county-map');
    expect(map.getAttribute('aria-label')).toContain('科技创新投入');
    await waitFor(() => expect(countyFills(container)).toHaveLength(4));
    expect(countyFills(container).filter((f) => f === COLOURS.outOfScope)).toHaveLength(1);
  });
});
