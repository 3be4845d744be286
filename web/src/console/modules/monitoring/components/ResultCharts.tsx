/**
 * The results page's charts: score distribution by tier, input-versus-output scatter (any two dimensions, D1 vs
 * the output dimension by default), the framework sunburst (dimension and indicator weights) and dimension averages
 * by league. Drawn over the counties the table's filters leave.
 */
import { useMemo, useState } from 'react';
import { Card, Col, Row, Select, Space } from 'antd';
import type { CountyResult, Framework } from '../../../../../../contracts/monitoring.ts';
import { useT } from '../../../i18n.ts';
import { buildHistogramOption, buildLeagueOption, buildScatterOption, buildSunburstOption } from '../charts.ts';
import { MonitoringChart } from './MonitoringChart.tsx';
import { dimensionsOf } from '../results.ts';

/** Default scatter axes: the first dimension (input) against the one whose code or name says output, else the 4th. */
export function defaultScatterAxes(framework: Pick<Framework, 'nodes'>): { x: string; y: string } | null {
  const dims = dimensionsOf(framework);
  if (dims.length < 2) return null;
  const first = dims[0];
  const output = dims.find((d) => /产出|output/i.test(`${d.nameZh} ${d.nameEn}`)) ?? dims[Math.min(3, dims.length - 1)];
  if (!first || !output) return null;
  return { x: first.code, y: output === first ? (dims[1]?.code ?? first.code) : output.code };
}

export default function ResultCharts({
  counties,
  framework,
}: {
  counties: readonly CountyResult[];
  framework: Framework;
}) {
  const t = useT();
  const dims = dimensionsOf(framework);
  const [axes, setAxes] = useState(() => defaultScatterAxes(framework));
  const name = (code: string) => {
    const d = dims.find((x) => x.code === code);
    return d ? t(d.nameZh, d.nameEn || d.nameZh) : code;
  };
  const histogram = useMemo(() => buildHistogramOption(counties, t), [counties, t]);
  const sunburst = useMemo(() => buildSunburstOption(framework, t), [framework, t]);
  const leagues = useMemo(() => buildLeagueOption(counties, framework, t), [counties, framework, t]);
  const scatter = useMemo(
    () => (axes ? buildScatterOption(counties, { ...axes, xName: name(axes.x), yName: name(axes.y) }, t) : null),
    // name() reads dims and t, both covered by framework and t.
    [counties, axes, framework, t],
  );
  const dimOptions = dims.map((d) => ({ value: d.code, label: `${d.code} ${t(d.nameZh, d.nameEn || d.nameZh)}` }));
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('得分分布（按类别）', 'Score distribution (by tier)')}>
          <MonitoringChart
            option={histogram}
            label={t('各得分段旗县数量直方图', 'Histogram of counties per score band')}
            testId="chart-histogram"
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card
          size="small"
          title={t('投入与产出', 'Input versus output')}
          extra={
            axes && (
              <Space size={4} wrap>
                <Select
                  size="small"
                  aria-label={t('横轴维度', 'X dimension')}
                  style={{ width: 140 }}
                  value={axes.x}
                  options={dimOptions}
                  onChange={(x: string) => setAxes({ ...axes, x })}
                />
                <Select
                  size="small"
                  aria-label={t('纵轴维度', 'Y dimension')}
                  style={{ width: 140 }}
                  value={axes.y}
                  options={dimOptions}
                  onChange={(y: string) => setAxes({ ...axes, y })}
                />
              </Space>
            )
          }
        >
          {scatter && (
            <MonitoringChart
              option={scatter}
              label={t(
                `散点图：${name(axes?.x ?? '')}与${name(axes?.y ?? '')}`,
                `Scatter: ${name(axes?.x ?? '')} vs ${name(axes?.y ?? '')}`,
              )}
              testId="chart-scatter"
            />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('指标体系与权重', 'Framework and weights')}>
          <MonitoringChart
            option={sunburst}
            height={360}
            label={t('指标体系旭日图：维度与指标权重', 'Sunburst of dimensions and indicator weights')}
            testId="chart-sunburst"
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card size="small" title={t('各盟市维度平均得分', 'Dimension means by league')}>
          <MonitoringChart
            option={leagues}
            height={360}
            label={t('各盟市各维度平均得分条形图', 'Bars of mean dimension scores per league')}
            testId="chart-leagues"
          />
        </Card>
      </Col>
    </Row>
  );
}
