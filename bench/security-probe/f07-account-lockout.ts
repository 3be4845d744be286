/**
 * Finding 7 (LOW): anyone could lock any account — five anonymous bad passwords locked the username for 30 minutes.
 * On the demo server every probe comes from 127.0.0.1 (X-Forwarded-For is not trusted there), so the holder's
 * "other client" is its device cookie: `league-150200` signs in once (receiving the cookie), a cookie-less attacker
 * hammers it with 20 wrong passwords, then the holder signs in with the cookie and the right password. Held when the
 * holder gets in, the hammering got 0 successes, and the attacker's own client is locked (the right password without
 * the cookie is refused). Leaves only league-150200 locked for cookie-less clients on 127.0.0.1 (30 minutes).
 */
import { Client, DEMO_PASSWORD, type Probe, type Reply } from './lib.ts';

const HOLDER = 'league-150200';

/** Password sign-in that waits out the per-address login rate limit (every probe signs in from 127.0.0.1). */
async function loginPatiently(c: Client, username: string, password?: string): Promise<Reply> {
  for (let i = 0; ; i++) {
    const res = await c.login(username, password);
    if (res.status !== 429 || i >= 3) return res;
    const wait = Number(res.headers.get('retry-after') ?? res.headers.get('x-ratelimit-reset') ?? 20);
    await new Promise((r) => setTimeout(r, (Number.isFinite(wait) ? wait : 20) * 1000 + 200));
  }
}

export const probe: Probe = {
  id: 7,
  title: 'anyone can lock any account',
  async run(ctx) {
    const base = ctx.demo.base;
    const holder = new Client(base);
    const first = await loginPatiently(holder, HOLDER);
    if (first.status !== 200) throw new Error(`${HOLDER}: login ${first.status} ${first.text}`);
    const deviceCookie = [...holder.cookies.keys()].find((k) => k.endsWith('qx_device'));
    await holder.post('/api/auth/logout');

    const attacker = new Client(base);
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await loginPatiently(attacker, HOLDER, `Wrong#Guess${i}x`)).status);
    const successes = statuses.filter((s) => s === 200).length;
    const refused = statuses.filter((s) => s === 401).length;
    // The attacker's own client is locked now: even the right password is refused without the cookie.
    const attackerRight = await loginPatiently(new Client(base), HOLDER, DEMO_PASSWORD);

    const back = await loginPatiently(holder, HOLDER, DEMO_PASSWORD);
    const held = back.status === 200 && successes === 0 && refused === 20 && attackerRight.status === 401;
    return {
      held,
      detail: `device cookie ${deviceCookie ? 'set' : 'MISSING'}; 20 cookie-less bad passwords: ${successes} successes, ${refused} x 401; right password without the cookie: ${attackerRight.status}; holder with the cookie: ${back.status}`,
    };
  },
};
