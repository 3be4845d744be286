/**
 * What the consumer page shows of a trace code, without login: the batch, its product and operator, the origin, the
 * chain of key steps from the EPCIS events, inspections, warnings, and the scan log (first scan, count). Each scan
 * is logged with the client address only as an HMAC (server secret) and, when the client sends it, a coarse
 * location (0.1°); a scan far from the previous located scan of the same code within a short time (faster than
 * 300 km/h) is flagged as an anomaly (a copied label).
 */
import { createHmac } from 'node:crypto';
import type { DbOrTrx } from '../../../db/database.ts';
import { BATCH_STATUS_NAMES, OPERATOR_KIND_NAMES } from '../../../../../contracts/trace.ts';
import { iso } from '../../../platform/clock.ts';
import type { Deps } from '../../../platform/deps.ts';
import { divisionNames } from '../../../platform/divisions/index.ts';
import { eventsForEpcs } from '../epcis/epcis.reader.ts';
import { bizStepCode, bizStepName, isNonConformant } from './biz-steps.ts';
import { TRACE_URN_PREFIX, batchDigitalLink, batchEpc, traceUrl } from './epc-uri.ts';

const SUSPICIOUS_KMH = 300;
const SUSPICIOUS_WINDOW_MS = 24 * 3600 * 1000;

export interface ConsumerView {
  traceCode: string;
  url: string;
  epc: string;
  digitalLink: string | null;
  nationalTraceCode: string | null;
  isDemo: boolean;
  status: string;
  statusName: string;
  product: { name: string; category: string; gtin: string | null; lot: string | null };
  batch: { quantity: number; unit: string; producedOn: string };
  operator: {
    name: string;
    kind: string;
    kindName: string;
    countyCode: string;
    countyName: string;
    leagueName: string | null;
  };
  origin: {
    siteName: string | null;
    siteKind: string | null;
    lat: number | null;
    lon: number | null;
    divisionName: string;
  };
  steps: {
    time: string;
    step: string;
    stepName: string;
    location: string | null;
    eventId: string;
    isCorrected: boolean;
  }[];
  inspections: { time: string; result: 'pass' | 'fail' | 'recorded'; resultName: string; eventId: string }[];
  scans: { first: string | null; count: number; anomalies: number };
  warnings: { kind: 'recalled' | 'failed_inspection' | 'suspicious_scans'; message: string }[];
}

function distanceKm(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const rad = Math.PI / 180;
  const dLat = (bLat - aLat) * rad;
  const dLon = (bLon - aLon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

export function hashIp(secret: string, ip: string): string {
  return createHmac('sha256', secret).update(`trace-scan:${ip}`).digest('hex');
}

/** Logs one scan of `batchId` and flags it when it is implausibly far from the previous located one. */
async function logScan(
  db: DbOrTrx,
  deps: Deps,
  batchId: number,
  ip: string,
  where: { lat?: number; lon?: number },
): Promise<void> {
  const now = deps.clock.now();
  const lat = where.lat === undefined || where.lon === undefined ? null : Math.round(where.lat * 10) / 10;
  const lon = lat === null || where.lon === undefined ? null : Math.round(where.lon * 10) / 10;
  let reason = '';
  if (lat !== null && lon !== null) {
    const prev = await db
      .selectFrom('trace_scan')
      .select(['scanned_at', 'lat', 'lon'])
      .where('batch_id', '=', batchId)
      .where('lat', 'is not', null)
      .where('scanned_at', '>=', iso(new Date(now.getTime() - SUSPICIOUS_WINDOW_MS)))
      .orderBy('scanned_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (prev && prev.lat !== null && prev.lon !== null) {
      const km = distanceKm(Number(prev.lat), Number(prev.lon), lat, lon);
      const hours = Math.max((now.getTime() - Date.parse(prev.scanned_at)) / 3_600_000, 1 / 60);
      if (km > 50 && km / hours > SUSPICIOUS_KMH)
        reason = `${Math.round(km)} 公里外 ${Math.round(hours * 60)} 分钟前曾被扫描 / scanned ${Math.round(km)} km away ${Math.round(hours * 60)} min earlier`;
    }
  }
  await db
    .insertInto('trace_scan')
    .values({
      batch_id: batchId,
      scanned_at: iso(now),
      ip_hash: hashIp(deps.config.secret, ip),
      lat,
      lon,
      is_anomaly: reason ? 1 : 0,
      anomaly_reason: reason,
    })
    .execute();
}

export type BatchLookup = { by: 'code'; code: string } | { by: 'gtin-lot'; gtin: string; lot: string };

/** The batch's trace code for a GTIN + lot, or null. */
export async function traceCodeOfGtinLot(deps: Deps, gtin: string, lot: string): Promise<string | null> {
  const row = await deps.db
    .selectFrom('trace_batch')
    .select('trace_code')
    .where('gtin', '=', gtin)
    .where('lot', '=', lot)
    .executeTakeFirst();
  return row?.trace_code ?? null;
}

/** The consumer view of a (well-formed) trace code, logging the scan; null when no batch carries it. */
export async function consumerView(
  deps: Deps,
  code: string,
  scan: { ip: string; lat?: number; lon?: number } | null,
): Promise<ConsumerView | null> {
  const db = deps.db;
  const b = await db
    .selectFrom('trace_batch')
    .innerJoin('trace_operator as o', 'o.id', 'trace_batch.operator_id')
    .innerJoin('trace_product as p', 'p.id', 'trace_batch.product_id')
    .leftJoin('trace_site as s', 's.id', 'trace_batch.site_id')
    .selectAll('trace_batch')
    .select([
      'o.name as operator_name',
      'o.kind as operator_kind',
      'o.division_code as operator_division',
      'p.name as product_name',
      'p.category as product_category',
      's.name as site_name',
      's.kind as site_kind',
      's.lat as site_lat',
      's.lon as site_lon',
      's.division_code as site_division',
    ])
    .where('trace_batch.trace_code', '=', code)
    .executeTakeFirst();
  if (!b) return null;
  if (scan) await logScan(db, deps, b.id, scan.ip, scan);
  const epc = batchEpc(b);
  const epcs = [...new Set([epc, `${TRACE_URN_PREFIX}${b.trace_code}`])];
  const [names, events, scanStats] = await Promise.all([
    divisionNames(db),
    eventsForEpcs(db, epcs, { limit: 200 }),
    db
      .selectFrom('trace_scan')
      .select((eb) => [
        eb.fn.min('scanned_at').as('first'),
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>('is_anomaly').as('anomalies'),
      ])
      .where('batch_id', '=', b.id)
      .executeTakeFirst(),
  ]);
  const county = b.operator_division.slice(0, 6);
  const league = `${county.slice(0, 4)}00`;
  const steps = events.map((e) => ({
    time: e.eventTime,
    step: bizStepCode(e.bizStep) ?? '',
    stepName: bizStepName(e.bizStep),
    location: e.bizLocation,
    eventId: e.eventId,
    isCorrected: 'errorDeclaration' in e.event,
  }));
  const inspections = events
    .filter((e) => bizStepCode(e.bizStep) === 'inspecting' || bizStepCode(e.bizStep) === 'sampling')
    .map((e) => {
      const fail = isNonConformant(e.disposition);
      const pass = /(?:^|[:-])conformant$/.test(e.disposition ?? '') && !fail;
      const result: 'pass' | 'fail' | 'recorded' = fail ? 'fail' : pass ? 'pass' : 'recorded';
      return {
        time: e.eventTime,
        result,
        resultName: fail ? '不合格' : pass ? '合格' : '已检测',
        eventId: e.eventId,
      };
    });
  const anomalies = Number(scanStats?.anomalies ?? 0);
  const warnings: ConsumerView['warnings'] = [];
  if (b.status === 'recalled' || steps.some((s) => s.stepName === '召回'))
    warnings.push({
      kind: 'recalled',
      message: `该批次已召回，请勿食用${b.status_reason ? `（${b.status_reason}）` : ''} / This batch has been recalled`,
    });
  if (inspections.some((i) => i.result === 'fail'))
    warnings.push({ kind: 'failed_inspection', message: '该批次有不合格检测记录 / A test of this batch failed' });
  if (anomalies > 0)
    warnings.push({
      kind: 'suspicious_scans',
      message: `此追溯码曾在相距很远的地点短时间内被扫描 ${anomalies} 次，可能被复制，请核实购买渠道 / This code was scanned far apart in a short time: it may be copied`,
    });
  return {
    traceCode: b.trace_code,
    url: traceUrl(b.trace_code),
    epc,
    digitalLink: batchDigitalLink(b),
    nationalTraceCode: b.national_trace_code,
    isDemo: b.is_demo === 1,
    status: b.status,
    statusName: BATCH_STATUS_NAMES[b.status],
    product: { name: b.product_name, category: b.product_category, gtin: b.gtin, lot: b.lot },
    batch: { quantity: Number(b.quantity), unit: b.unit, producedOn: b.produced_on },
    operator: {
      name: b.operator_name,
      kind: b.operator_kind,
      kindName: OPERATOR_KIND_NAMES[b.operator_kind],
      countyCode: county,
      countyName: names.get(county) ?? county,
      leagueName: league === county ? null : (names.get(league) ?? null),
    },
    origin: {
      siteName: b.site_name,
      siteKind: b.site_kind,
      lat: b.site_lat === null ? null : Number(b.site_lat),
      lon: b.site_lon === null ? null : Number(b.site_lon),
      divisionName: names.get(b.site_division ?? b.division_code) ?? b.division_code,
    },
    steps,
    inspections,
    scans: { first: scanStats?.first ?? null, count: Number(scanStats?.n ?? 0), anomalies },
    warnings,
  };
}
