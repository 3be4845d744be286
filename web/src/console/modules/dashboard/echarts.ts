/**
 * ECharts for the console's maps, assembled from echarts/core with only what the choropleth needs (continuous and piecewise legends). Imported only
 * by lazily loaded pages, so ECharts stays out of the console's initial chunk. SVG rendering: crisp county borders
 * at any zoom, and it renders in tests without a canvas.
 */
import * as echarts from 'echarts/core';
import { MapChart } from 'echarts/charts';
import { TooltipComponent, VisualMapContinuousComponent, VisualMapPiecewiseComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import { toEchartsGeo, type RegionGeo } from './geo.ts';

echarts.use([MapChart, TooltipComponent, VisualMapContinuousComponent, VisualMapPiecewiseComponent, SVGRenderer]);

export { echarts };

/** Registers a GeoJSON under `name` once (a region, or one league's counties). */
export function ensureMapRegistered(name: string, geo: RegionGeo): void {
  if (!echarts.getMap(name)) echarts.registerMap(name, toEchartsGeo(geo));
}
