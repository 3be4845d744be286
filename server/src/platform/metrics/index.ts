/**
 * Front door of platform/metrics (指标事实): modules define facts here, writers invalidate them, and the app
 * registers the routes.
 */
export { defineFact, type FactDefinition, type FactRow, type FactComputeInput } from './registry.ts';
export { invalidateFact, FACT_CACHE_TTL_MS } from './cache.ts';
export { getFact } from './metrics.service.ts';
export { registerMetricsRoutes } from './metrics.routes.ts';
