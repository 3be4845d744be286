/** Worker entry of chart-thread.ts: draws chart PNGs, one request at a time. */
import { parentPort } from 'node:worker_threads';
import { drawChartPngSync, registerReportMap, type ReportMapGeometry } from './chart.ts';
import type { ChartSpec } from './model.ts';

export interface ChartRequest {
  id: number;
  spec: ChartSpec;
  /** Sent with the first chart of a map. */
  map?: { name: string; geometry: unknown };
}

export type ChartResponse = { id: number; png: Uint8Array } | { id: number; error: string };

parentPort?.on('message', (m: ChartRequest) => {
  try {
    if (m.map) registerReportMap(m.map.name, m.map.geometry as ReportMapGeometry);
    const png = drawChartPngSync(m.spec);
    // transferred, not copied
    const bytes = new Uint8Array(png.byteLength);
    bytes.set(png);
    parentPort?.postMessage({ id: m.id, png: bytes } satisfies ChartResponse, [bytes.buffer]);
  } catch (err) {
    parentPort?.postMessage({
      id: m.id,
      error: err instanceof Error ? err.message : String(err),
    } satisfies ChartResponse);
  }
});
