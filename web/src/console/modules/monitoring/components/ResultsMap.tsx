/**
 * The results choropleth: the region's 103 counties coloured by the chosen view (score, a dimension, an indicator,
 * rank change, tier) on the dashboard's county map; a click opens the county's profile.
 */
import { useCallback, useMemo } from 'react';
import { Alert, Button, Spin } from 'antd';
import { useNavigate } from 'react-router';
import type { RunResult } from '../../../../../../contracts/monitoring.ts';
import { useT } from '../../../i18n.ts';
import { useSession } from '../../../session.tsx';
import { CountyMap } from '../../dashboard/components/CountyMap.tsx';
import { useLoad } from '../../dashboard/data.ts';
import { loadRegionGeo } from '../../dashboard/geo.ts';
import { buildResultMapView, countyDetails, viewLabel, viewLegend, viewValues, type ResultView } from '../map-view.ts';
import { formatScore } from '../results.ts';
import { DEFAULT_REGION_CODE } from '../../../../../../contracts/region.ts';

export default function ResultsMap({
  result,
  view,
  height = 480,
}: {
  result: RunResult;
  view: ResultView;
  height?: number;
}) {
  const t = useT();
  const { locale } = useSession();
  const navigate = useNavigate();
  const geo = useLoad(DEFAULT_REGION_CODE, () => loadRegionGeo(DEFAULT_REGION_CODE));
  const values = useMemo(() => viewValues(result.counties, view), [result, view]);
  const mapView = useMemo(() => (geo.data ? buildResultMapView(geo.data, values) : null), [geo.data, values]);
  const legend = useMemo(() => viewLegend(view, values, t), [view, values, t]);
  const details = useMemo(() => countyDetails(result.counties, view, result.framework, t), [result, view, t]);
  const label = viewLabel(view, result.framework, t);
  const runId = result.run.id;
  const open = useCallback(
    (code: string) => void navigate(`/console/monitoring/counties/${code}?run=${runId}`),
    [navigate, runId],
  );
  const format = useCallback(
    (n: number) =>
      view.kind === 'change' ? (n > 0 ? `+${n}` : String(n)) : view.kind === 'tier' ? String(n) : formatScore(n),
    [view.kind],
  );
  if (geo.error)
    return (
      <Alert
        type="warning"
        showIcon
        title={t('地图暂不可用，请使用表格查看', 'The map is unavailable; the table has the same figures')}
        description={geo.error.text(locale)}
        action={
          <Button size="small" onClick={geo.reload}>
            {t('重试', 'Retry')}
          </Button>
        }
      />
    );
  if (!mapView)
    return (
      <div style={{ height, display: 'grid', placeItems: 'center' }}>
        <Spin />
      </div>
    );
  return (
    <CountyMap
      view={mapView}
      valueLabel={label}
      unit=""
      onSelect={open}
      height={height}
      scale={legend.scale}
      pieces={legend.pieces}
      legendEnds={legend.ends}
      details={details}
      formatValue={format}
      noValueText={t('无数值', 'No figure')}
      ariaLabel={t(`旗县分布图：${label}，详见排名表`, `Map of counties by ${label}; the rank table lists the same`)}
    />
  );
}
