/** A monitoring chart: the dashboard's ECharts binding with the extra chart types registered, in a fixed height. */
import type { EChartsCoreOption } from 'echarts/core';
import { EChart } from '../../dashboard/components/EChart.tsx';
import '../echarts-charts.ts';

export function MonitoringChart({
  option,
  height = 320,
  label,
  testId,
}: {
  option: EChartsCoreOption;
  height?: number;
  /** Accessible description of what the chart shows. */
  label: string;
  testId?: string;
}) {
  return (
    <div role="img" aria-label={label} data-testid={testId}>
      <EChart option={option} style={{ height, width: '100%' }} />
    </div>
  );
}
