/**
 * Report maps by name (process-wide). Registering costs nothing: ECharts, which draws them, is loaded with the first
 * chart (chart.ts), which hands each map to ECharts when a chart first needs it.
 */

/** A GeoJSON feature collection whose features carry an `id` (the code the map's categories name). */
export interface ReportMapGeometry {
  type: 'FeatureCollection';
  features: readonly { id?: string | number; properties?: Record<string, unknown> | null; geometry: unknown }[];
}

const registeredMaps = new Map<string, ReportMapGeometry>();

/** Registers a map for `map` charts under `name`. Each feature is matched by its `id`, so categories are codes. */
export function registerReportMap(name: string, geometry: ReportMapGeometry): void {
  registeredMaps.set(name, geometry);
}

export function isReportMapRegistered(name: string): boolean {
  return registeredMaps.has(name);
}

export function reportMapGeometry(name: string): ReportMapGeometry | undefined {
  return registeredMaps.get(name);
}
