import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { registerCollectionRoutes } from './collection.routes.ts';
import { registerFrameworkRoutes } from './frameworks.routes.ts';
import { registerPublicMonitoringRoutes } from './public.routes.ts';
import { registerRunRoutes } from './runs.routes.ts';
import { registerReportJobRoutes } from './reports/reports.routes.ts';

export { DEFAULT_FRAMEWORK_CODE, loadActiveFramework, loadFramework } from './frameworks.repository.ts';
export { approvedValues, type CollectedValue } from './collection.repository.ts';
export { liveValues, monitoredCounties, type LiveValue } from './live.ts';
export { getCountyDiagnosis } from './diagnosis.ts';
export { getRunResult, loadDoneRun, publishRun } from './runs.service.ts';
export { tierName } from './runs.export.ts';
export { seedMonitoringDemo } from './demo-values.ts';
export { seedDefaultFramework } from './default-framework.ts';

/**
 * 县域创新能力监测和评价 (county innovation monitoring): frameworks, data collection and approval, index runs, gap
 * analysis, views and reports. The pure engine is the package @qixian/composite-index (packages/composite-index).
 */
export function registerMonitoringModule(app: FastifyInstance, deps: Deps): void {
  registerFrameworkRoutes(app, deps);
  registerCollectionRoutes(app, deps);
  registerRunRoutes(app, deps);
  registerReportJobRoutes(app, deps);
  registerPublicMonitoringRoutes(app, deps);
}
