/** The county profile's charts: dimension radar against the peer group mean, and the score and rank trend. */
import { useMemo, type ReactNode } from 'react';
import { Card, Col, Empty, Row } from 'antd';
import type { CountyDiagnosis, CountyResult } from '../../../../../../contracts/monitoring.ts';
import { useT } from '../../../i18n.ts';
import { buildRadarOption, buildTrendOption } from '../charts.ts';
import { MonitoringChart } from './MonitoringChart.tsx';

export default function CountyCharts(props: {
  county: CountyResult;
  dimensions: { code: string; name: string }[];
  peers: { name: string; means: Record<string, number | null> } | null;
  trend: CountyDiagnosis['trend'];
  peerSelector: ReactNode;
}) {
  const { county, dimensions, peers, trend } = props;
  const t = useT();
  const radar = useMemo(
    () => buildRadarOption({ dimensions, county: { name: county.name, scores: county.dimensions }, peers }),
    [dimensions, county, peers],
  );
  const line = useMemo(() => buildTrendOption(trend, t), [trend, t]);
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('维度得分', 'Dimension scores')} extra={props.peerSelector}>
          {dimensions.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <MonitoringChart
              option={radar}
              label={t(`${county.name}各维度得分雷达图`, `Radar of ${county.name}'s dimension scores`)}
              testId="chart-radar"
            />
          )}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('历年走势', 'Over the years')}>
          {trend.length < 2 ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('仅有一个年度的已发布结果', 'Only one published period so far')}
            />
          ) : (
            <MonitoringChart
              option={line}
              label={t('历年得分与排名折线图', 'Score and rank by year')}
              testId="chart-trend"
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}
