/**
 * The region's county polygons (GeoJSON written at build time to web/public/maps/<region>.json, served at
 * /maps/<region>.json): loading once per page life, filtering to a league, and the shape ECharts registers.
 */
import { api } from '../../../shared/api.ts';

export interface RegionFeature {
  type: 'Feature';
  /** GB/T 2260 county code. */
  id: string;
  properties: { name: string; cp?: [number, number]; code?: string };
  geometry: { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
}

export interface RegionGeo {
  type: 'FeatureCollection';
  features: RegionFeature[];
}

/** GB/T 2260: the province (自治区) a division belongs to is its first two digits followed by 0000. */
export function regionOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}

/** Only the features whose code is in `codes` (a league's counties), in the original order. */
export function filterGeo(geo: RegionGeo, codes: Iterable<string>): RegionGeo {
  const keep = new Set(codes);
  return { type: 'FeatureCollection', features: geo.features.filter((f) => keep.has(f.id)) };
}

/**
 * The collection ECharts registers: each feature carries its code as `properties.code`, so the map series can use
 * `nameProperty: 'code'` and match data by code (names are for people; codes are unique).
 */
export function toEchartsGeo(geo: RegionGeo): RegionGeo {
  return {
    type: 'FeatureCollection',
    features: geo.features.map((f) => ({ ...f, properties: { ...f.properties, code: f.id } })),
  };
}

type Box = [number, number, number, number];

function extend(box: Box, ring: readonly number[][]): void {
  for (const [x, y] of ring) {
    if (x === undefined || y === undefined) continue;
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  }
}

function boundingBox(features: readonly RegionFeature[]): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of features) {
    const g = f.geometry;
    if (g.type === 'Polygon') for (const ring of g.coordinates) extend(box, ring);
    else for (const poly of g.coordinates) for (const ring of poly) extend(box, ring);
  }
  return box;
}

const area = (b: Box) => Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);

/**
 * Codes of the features big enough to carry a name on the map: bounding box at least `minShare` of the whole
 * collection's. Small urban districts get their name on hover instead of a pile of overlapping labels.
 */
export function labelledCodes(geo: RegionGeo, minShare = 0.035): Set<string> {
  const whole = area(boundingBox(geo.features));
  if (whole === 0) return new Set();
  return new Set(geo.features.filter((f) => area(boundingBox([f])) / whole >= minShare).map((f) => f.id));
}

/** Code -> Chinese name of every feature. */
export function featureNames(geo: RegionGeo): Map<string, string> {
  return new Map(geo.features.map((f) => [f.id, f.properties.name]));
}

const cache = new Map<string, Promise<RegionGeo>>();

/** The region's polygons, fetched once (a failed fetch is forgotten so a retry asks again). */
export function loadRegionGeo(region: string): Promise<RegionGeo> {
  let p = cache.get(region);
  if (!p) {
    p = api.get<RegionGeo>(`/maps/${region}.json`);
    cache.set(region, p);
    p.catch(() => cache.delete(region));
  }
  return p;
}
