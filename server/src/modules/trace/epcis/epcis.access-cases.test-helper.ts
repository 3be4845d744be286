/**
 * The EPCIS repository in the cross-division matrix. Captures are tried once (the capturer's own division is where
 * the events go); capture jobs and events are made directly in each object division by a fixture account (none of
 * the matrix principals), so only holders of `trace:query` over that division read them (others get 404).
 */
import { addUser } from '../../../test/harness.ts';
import { defineAccessCases, type MatrixContext } from '../../../platform/access/matrix.test-helper.ts';
import { epcisDocument, objectEvent } from './epcis.test-helper.ts';

/** An identifier under a company prefix no operator holds in the matrix (captures are never foreign). */
const epc = (n: number) => `urn:epc:id:sgtin:4012345.011111.${n}`;

let capturer = 0;
async function fixtureUser(ctx: MatrixContext): Promise<number> {
  if (
    capturer === 0 ||
    !(await ctx.t.db.db.selectFrom('app_user').select('id').where('id', '=', capturer).executeTakeFirst())
  )
    capturer = await addUser(ctx.t, {
      username: `epcis-capturer-${ctx.next()}`,
      role: 'enterprise',
      division: '150102',
    });
  return capturer;
}

export const accessCases = defineAccessCases((ctx) => ({
  cases: {
    'POST /epcis/capture': { body: (_d, n) => epcisDocument([objectEvent(n, { epcList: [epc(n)] })]) },
    'POST /epcis/events': { body: (_d, n) => objectEvent(n, { epcList: [epc(100_000 + n)] }) },
    'GET /epcis/events': {},
    'GET /epcis/capture/:captureID': {
      at: 'objects',
      target: async (_url, at) => {
        const id = `cap-matrix-${ctx.next()}`;
        const now = new Date().toISOString();
        await ctx.t.db.db
          .insertInto('trace_epcis_capture')
          .values({
            id,
            division_code: at.division!,
            created_by: await fixtureUser(ctx),
            error_behaviour: 'rollback',
            success: 1,
            event_count: 0,
            captured_count: 0,
            duplicate_count: 0,
            rejected_count: 0,
            results: '[]',
            created_at: now,
            finished_at: now,
          })
          .execute();
        return `/epcis/capture/${id}`;
      },
    },
    'GET /epcis/events/:eventID': {
      at: 'objects',
      target: async (_url, at) => {
        const n = ctx.next();
        const eventId = `urn:uuid:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
        const event = { ...objectEvent(n, { epcList: [epc(200_000 + n)] }), eventID: eventId };
        const now = new Date().toISOString();
        await ctx.t.db.db
          .insertInto('trace_epcis_event')
          .values({
            event_id: eventId,
            hash_id: `matrix-${n}`,
            is_declaration: 0,
            event_type: 'ObjectEvent',
            event_time: '2026-05-01T08:00:00.000+08:00',
            event_time_utc: '2026-05-01T00:00:00.000Z',
            event_time_zone_offset: '+08:00',
            record_time: now,
            action: 'OBSERVE',
            biz_step: 'shipping',
            disposition: 'in_transit',
            biz_location: null,
            read_point: null,
            division_code: at.division!,
            captured_by: await fixtureUser(ctx),
            capture_id: null,
            error_declaration_time: null,
            error_reason: null,
            corrective_event_ids: null,
            event_json: JSON.stringify({ ...event, recordTime: now }),
            context_json: null,
          })
          .execute();
        return `/epcis/events/${encodeURIComponent(eventId)}`;
      },
    },
  },
}));
