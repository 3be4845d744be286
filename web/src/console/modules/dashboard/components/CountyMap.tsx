/**
 * The county choropleth. The container carries `data-testid="county-map"` and `data-highlighted` (the codes coloured
 * by value) so journeys can check what a user is shown; a click on a county in scope opens it.
 */
import { useMemo, useState } from 'react';
import { formatNumber } from '../../../../shared/i18n.ts';
import { useSession } from '../../../session.tsx';
import { useT } from '../../../i18n.ts';
import { EChart } from './EChart.tsx';
import { ensureMapRegistered } from '../echarts.ts';
import { labelledCodes } from '../geo.ts';
import { unitLabel } from '../format.ts';
import { buildMapOption, type MapPiece, type MapScale } from '../map-option.ts';
import type { MapView } from '../view.ts';

export interface CountyMapProps {
  view: MapView;
  /** What the values count, e.g. 在册单位数（企业）. */
  valueLabel: string;
  unit: string;
  onSelect: (code: string) => void;
  height?: number;
  /** Other maps than organisation counts (monitoring): a given scale or categories, legend ends, tooltip lines. */
  scale?: MapScale;
  pieces?: readonly MapPiece[];
  legendEnds?: { high: string; low: string };
  details?: ReadonlyMap<string, readonly string[]>;
  formatValue?: (n: number) => string;
  /** Tooltip of a county without a value (default: outside your divisions; monitoring: no score). */
  noValueText?: string;
  /** Accessible name of the map (default: organisation counts). */
  ariaLabel?: string;
}

export function CountyMap(props: CountyMapProps) {
  const { view, valueLabel, unit, onSelect, height = 460, scale, pieces, legendEnds, details, formatValue } = props;
  const t = useT();
  const { locale } = useSession();
  const [ready, setReady] = useState(false);
  const outOfScope = props.noValueText ?? t('不在您的管辖范围内', 'Outside your divisions');
  const high = legendEnds?.high ?? t('多', 'More');
  const low = legendEnds?.low ?? t('少', 'Fewer');
  const option = useMemo(() => {
    ensureMapRegistered(view.mapName, view.geo);
    return buildMapOption({
      mapName: view.mapName,
      features: view.features,
      values: view.values,
      formatValue: formatValue ?? ((n) => formatNumber(n, locale)),
      scale,
      pieces,
      details,
      // A county's own view: its name and an outline, so a small district is found on the region map.
      labelled:
        view.scope === 'league'
          ? labelledCodes(view.geo)
          : view.scope === 'county'
            ? new Set(view.highlighted)
            : undefined,
      outlined: view.scope === 'county' ? new Set(view.highlighted) : undefined,
      hideLegend: view.scope === 'county',
      texts: { valueLabel, unit: unitLabel(unit, locale), outOfScope, high, low },
    });
  }, [view, valueLabel, unit, locale, outOfScope, high, low, scale, pieces, details, formatValue]);
  const onEvents = useMemo(
    () => ({
      click: (p: unknown) => {
        const code = (p as { name?: unknown } | null)?.name;
        if (typeof code === 'string' && view.values.has(code)) onSelect(code);
      },
      finished: () => setReady(true),
    }),
    [view, onSelect],
  );
  const label =
    props.ariaLabel ??
    (view.scope === 'county'
      ? t('自治区旗县地图，仅突出显示本旗县', 'Map of the region, only your county highlighted')
      : t(
          `旗县分布图：${valueLabel}，详见右侧表格`,
          `Map of counties by ${valueLabel}; the table lists the same figures`,
        ));
  return (
    <div
      data-testid="county-map"
      data-highlighted={view.highlighted.join(',')}
      data-scope={view.scope}
      data-ready={ready ? 'true' : 'false'}
      role="img"
      aria-label={label}
    >
      <EChart option={option} style={{ height, width: '100%' }} onEvents={onEvents} />
    </div>
  );
}
