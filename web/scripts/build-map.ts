/**
 * Writes the default region's county polygons (@qixian/county-map) to web/public/maps/150000.json. Runs before every
 * web build; the output is not committed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { extractRegionMap } from '@qixian/county-map';

const outFile = path.join(import.meta.dirname, '..', 'public', 'maps', '150000.json');

export function buildRegionMap(): { counties: number; bytes: number } {
  const map = extractRegionMap();
  const json = JSON.stringify(map);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, json);
  return { counties: map.features.length, bytes: Buffer.byteLength(json) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { counties, bytes } = buildRegionMap();
  console.log(`map 150000: ${counties} county polygons, ${(bytes / 1024).toFixed(0)} KiB -> ${outFile}`);
}
