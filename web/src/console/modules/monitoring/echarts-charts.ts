/**
 * The chart types the monitoring pages draw besides the map (bars, scatter, sunburst, radar, lines), added to the
 * dashboard's echarts/core instance. Imported only by the lazily loaded monitoring pages.
 */
import { BarChart, LineChart, RadarChart, ScatterChart, SunburstChart } from 'echarts/charts';
import { GridComponent, LegendComponent, RadarComponent } from 'echarts/components';
import { echarts } from '../dashboard/echarts.ts';

echarts.use([
  BarChart,
  LineChart,
  RadarChart,
  ScatterChart,
  SunburstChart,
  GridComponent,
  LegendComponent,
  RadarComponent,
]);

export { echarts };
