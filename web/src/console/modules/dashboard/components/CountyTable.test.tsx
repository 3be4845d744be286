import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CountyTable } from './CountyTable.tsx';
import { buildCountyRows } from '../county-table.ts';
import { renderInConsole } from './render.test-utils.tsx';
import { DIVISIONS, REGION } from '../test-fixtures.ts';
import { leagueLookup } from '../view.ts';

const ROWS = buildCountyRows(REGION.items, 'all', leagueLookup(DIVISIONS));

function bodyRows(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>('tbody tr[data-row-key]')];
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe('county table', () => {
  it('lists every county as a link to its page, in the order asked for', () => {
    const { container } = renderInConsole(
      <CountyTable
        rows={ROWS}
        sort={{ key: 'count', order: 'descend' }}
        onSortChange={() => undefined}
        countLabel="在册单位数"
      />,
    );
    const rows = bodyRows(container);
    expect(rows.map((r) => r.dataset.rowKey)).toEqual(['150203', '150102', '150103', '150202']);
    const first = within(rows[0]!);
    expect(first.getByRole('link', { name: '昆都仑区' }).getAttribute('href')).toBe('/console/divisions/150203');
    expect(rows[0]!.textContent).toContain('包头市');
    expect(rows[0]!.textContent).toContain('53.3%');
    // Keyboard: one focusable link per county, none taken out of the tab order.
    const links = container.querySelectorAll('tbody a[href^="/console/divisions/"]');
    expect(links).toHaveLength(4);
    expect([...links].some((a) => a.getAttribute('tabindex') === '-1')).toBe(false);
  });

  it('asks the page to sort when a header is clicked', () => {
    const onSortChange = vi.fn();
    renderInConsole(
      <CountyTable
        rows={ROWS}
        sort={{ key: 'count', order: 'descend' }}
        onSortChange={onSortChange}
        countLabel="在册单位数"
      />,
    );
    // With a fixed header antd draws the header row twice (visible, and a measuring copy); click the visible one.
    fireEvent.click(screen.getAllByText('区划代码')[0]!);
    expect(onSortChange).toHaveBeenLastCalledWith({ key: 'code', order: 'ascend' });
  });

  it('drops the league column for a league’s own table', () => {
    const { container } = renderInConsole(
      <CountyTable
        rows={ROWS}
        sort={{ key: 'code', order: 'ascend' }}
        onSortChange={() => undefined}
        countLabel="在册单位数"
        hideLeague
      />,
    );
    expect(container.querySelector('thead')?.textContent).not.toContain('所属盟市');
    expect(bodyRows(container).map((r) => r.dataset.rowKey)).toEqual(['150102', '150103', '150202', '150203']);
  });

  it('speaks English', async () => {
    const { container } = renderInConsole(
      <CountyTable
        rows={ROWS}
        sort={{ key: 'count', order: 'descend' }}
        onSortChange={() => undefined}
        countLabel="Organisations"
      />,
      'en-US',
    );
    await screen.findAllByText('League / city');
    expect(container.querySelector('thead')?.textContent).toContain('County');
    expect(container.querySelector('thead')?.textContent).toContain('Share');
  });
});
