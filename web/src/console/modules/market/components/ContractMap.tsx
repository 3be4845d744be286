/**
 * 技术合同地图: one contract figure (a `market.*` fact: contracts or 技术交易额, seller side, buyer side or inflow) per
 * county of the chosen year on the dashboard's county map; a click opens the county's page. Loaded lazily by the
 * statistics page, so ECharts enters the bundle only when the map is shown. `data-testid="contract-map"` carries
 * `data-values` (code:value of every coloured county).
 */
import { useCallback, useMemo } from 'react';
import { Alert, Button, Empty, Grid, Spin } from 'antd';
import { useNavigate } from 'react-router';
import type { FactResult } from '../../../../../../contracts/metrics.ts';
import { api } from '../../../../shared/api.ts';
import { formatNumber } from '../../../../shared/i18n.ts';
import { CountyMap } from '../../dashboard/components/CountyMap.tsx';
import { useLoad } from '../../dashboard/data.ts';
import { loadRegionGeo, regionOf } from '../../dashboard/geo.ts';
import { buildMapView } from '../../dashboard/view.ts';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import { MAP_MEASURES, type MapMeasure } from '../contract-view.ts';

export default function ContractMap(props: { measure: MapMeasure; year: number; division?: string }) {
  const { measure, year, division } = props;
  const t = useT();
  const { locale } = useSession();
  const navigate = useNavigate();
  // A phone shows the region's long shape in a shorter box.
  const height = Grid.useBreakpoint().md === false ? 360 : 480;
  const m = MAP_MEASURES[measure];
  const fact = useLoad(`${m.fact}|${year}|${division ?? ''}`, (signal) =>
    api.get<FactResult>(`/api/metrics/${m.fact}`, { division, level: 'county', period: String(year) }, signal),
  );
  const region = fact.data ? regionOf(fact.data.total.divisionCode) : null;
  const geo = useLoad(region, () => loadRegionGeo(region!));
  const view = useMemo(
    () => (fact.data && geo.data ? buildMapView({ fact: fact.data, geo: geo.data, type: 'all' }) : null),
    [fact.data, geo.data],
  );
  const open = useCallback((code: string) => void navigate(`/console/divisions/${code}`), [navigate]);
  const failed = fact.error ?? geo.error;

  if (failed)
    return (
      <Alert
        type="warning"
        showIcon
        title={t('地图暂不可用，请使用表格查看', 'The map is unavailable; the table has the same figures')}
        description={failed.text(locale)}
        action={
          <Button size="small" onClick={fact.error ? fact.reload : geo.reload}>
            {t('重试', 'Retry')}
          </Button>
        }
      />
    );
  if (!view)
    return (
      <div style={{ height, display: 'grid', placeItems: 'center' }}>
        <Spin />
      </div>
    );
  if (view.features.length === 0) return <Empty description={t('该区划没有旗县地图', 'No county polygons here')} />;
  const label = t(m.zh, m.en);
  // The values the map colours, for journeys to check what a user is shown (code:value, comma-separated).
  const shown = [...view.values].map(([code, v]) => `${code}:${v}`).join(',');
  return (
    <div data-testid="contract-map" data-values={shown}>
      <CountyMap
        view={view}
        valueLabel={`${label}（${year}）`}
        unit={fact.data!.unit}
        onSelect={open}
        height={height}
        formatValue={(n) => formatNumber(n, locale)}
        ariaLabel={t(`${label}旗县分布图`, `${m.en} by county`)}
      />
    </div>
  );
}
