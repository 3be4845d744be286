/** Time source, injectable so that tests can move time (session timeouts, lockouts). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** ISO 8601 UTC with milliseconds; the only timestamp format stored (sorts as text on both engines). */
export function iso(d: Date): string {
  return d.toISOString();
}

/** A clock tests can advance. */
export function createManualClock(start = new Date('2026-01-15T02:00:00.000Z')): Clock & { advance(ms: number): void } {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
  };
}
