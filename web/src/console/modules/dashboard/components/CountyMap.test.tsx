import { cleanup, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CountyMap } from './CountyMap.tsx';
import { COLOURS } from '../map-option.ts';
import { renderInConsole } from './render.test-utils.tsx';
import { GEO, REGION, fact, item } from '../test-fixtures.ts';
import { buildMapView } from '../view.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

/** The fills of the county polygons ECharts drew into the container's SVG (known by their border colours). */
function countyFills(container: HTMLElement): string[] {
  const strokes = [COLOURS.border, COLOURS.outOfScopeBorder, COLOURS.outline];
  return [...container.querySelectorAll('svg path')]
    .filter((p) => strokes.includes(p.getAttribute('stroke') as (typeof strokes)[number]))
    .map((p) => p.getAttribute('fill') ?? '');
}

describe('county map', () => {
  it('exposes the coloured counties and draws every county in the SVG', async () => {
    const view = buildMapView({ fact: REGION, geo: GEO, type: 'all' });
    const { getByTestId, container } = renderInConsole(
      <CountyMap view={view} valueLabel="在册单位数" unit="个" onSelect={() => undefined} height={300} />,
    );
    const map = getByTestId('county-map');
    expect(map.dataset.highlighted).toBe('150102,150103,150202,150203');
    expect(map.dataset.scope).toBe('region');
    expect(map.getAttribute('role')).toBe('img');
    await waitFor(() => expect(map.dataset.ready).toBe('true'));
    await waitFor(() => expect(countyFills(container)).toHaveLength(4));
    expect(countyFills(container)).not.toContain(COLOURS.outOfScope);
  });

  it('shows a county officer’s answer with only that county coloured', async () => {
    const view = buildMapView({ fact: fact('150203', [item('150203', { enterprise: 2 })]), geo: GEO, type: 'all' });
    const { getByTestId, container } = renderInConsole(
      <CountyMap view={view} valueLabel="在册单位数" unit="个" onSelect={() => undefined} height={300} />,
    );
    const map = getByTestId('county-map');
    expect(map.dataset.highlighted).toBe('150203');
    expect(map.dataset.scope).toBe('county');
    expect(map.getAttribute('aria-label')).toContain('仅突出显示本旗县');
    await waitFor(() => expect(countyFills(container)).toHaveLength(4));
    expect(countyFills(container).filter((f) => f === COLOURS.outOfScope)).toHaveLength(3);
    // The county's own polygon carries the outline that makes a small district findable.
    expect(container.querySelectorAll(`svg path[stroke="${COLOURS.outline}"]`)).toHaveLength(1);
  });
});
