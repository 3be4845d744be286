/**
 * Finding 8 (LOW): registration revealed whether a phone or username exists (409 DUPLICATE vs 201). Registers a fresh
 * farmer through the public route, then again with the same username (new phone) and with the same phone (new
 * username), and compares what a client sees (status, headers except date and rate-limit counters, body): held when
 * the three answers are identical. Timings are reported (argon2id runs either way).
 */
import { Client, type Probe, type Reply } from './lib.ts';

const VARYING = new Set(['date', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'connection', 'keep-alive']);

function visible(r: Reply): string {
  const all: [string, string][] = [];
  r.headers.forEach((v, k) => all.push([k, v]));
  const headers = all.filter(([k]) => !VARYING.has(k)).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify({ status: r.status, headers, body: r.text });
}

export const probe: Probe = {
  id: 8,
  title: 'registration reveals existing accounts',
  async run(ctx) {
    const tag = Date.now().toString(36);
    const phone = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
    const body = (username: string, mobile: string) => ({
      role: 'farmer',
      username,
      password: 'Steppe#Horse2026kq',
      displayName: '探测农户',
      phone: mobile,
      divisionCode: '150121',
    });
    const send = async (username: string, mobile: string): Promise<{ reply: Reply; ms: number }> => {
      const started = performance.now();
      const reply = await new Client(ctx.demo.base).post('/api/registrations', body(username, mobile));
      return { reply, ms: Math.round(performance.now() - started) };
    };
    const firstPhone = phone();
    const fresh = await send(`probe-f08-${tag}`, firstPhone);
    const sameName = await send(`probe-f08-${tag}`, phone());
    const samePhone = await send(`probe-f08b-${tag}`, firstPhone);
    const fresh2 = await send(`probe-f08c-${tag}`, phone());
    const same = [sameName, samePhone, fresh2].every((x) => visible(x.reply) === visible(fresh.reply));
    return {
      held: same && fresh.reply.status === 201,
      detail:
        `fresh ${fresh.reply.status} ${fresh.reply.text} (${fresh.ms} ms); same username ${sameName.reply.status} ` +
        `${sameName.reply.text} (${sameName.ms} ms); same phone ${samePhone.reply.status} ${samePhone.reply.text} ` +
        `(${samePhone.ms} ms); another fresh ${fresh2.reply.status} (${fresh2.ms} ms); answers ${same ? 'identical' : 'DIFFER'}`,
    };
  },
};
