/**
 * Finding 3 (MEDIUM): a TOTP code could be replayed within its window in a new session. Signs `auditadmin` in through
 * its second factor (enrolling on first use) with a code generated here, then — deliberately — presents the SAME code
 * in a new client's session: held when that is refused. Then two new sessions race one fresh code: held when exactly
 * one succeeds. (At most two wrong codes are left on the account; the next sign-in clears them.)
 */
import { Client, freshTotpCode, type Probe, type Reply } from './lib.ts';

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
  id: 3,
  title: 'TOTP replay',
  async run(ctx) {
    const base = ctx.demo.base;
    const username = 'auditadmin';
    const key = `${base}|${username}`;
    const pending = async (): Promise<Client> => {
      const c = new Client(base);
      const res = await loginPatiently(c, username);
      if (res.status !== 200) throw new Error(`${username}: login ${res.status} ${res.text}`);
      return c;
    };

    const first = await pending();
    let secret = ctx.totpSecrets.get(key);
    if (!secret) {
      const setup = await first.get('/api/auth/totp/setup');
      if (setup.status !== 200) throw new Error(`totp setup ${setup.status} ${setup.text}`);
      secret = setup.json<{ secret: string }>().secret;
      ctx.totpSecrets.set(key, secret);
    }
    // freshTotpCode marks this step used for the other probes; the replay below reuses it on purpose.
    const code = await freshTotpCode(secret);
    const accepted = await first.post('/api/auth/totp', { code });
    if (accepted.status !== 200) throw new Error(`first use of the code: ${accepted.status} ${accepted.text}`);

    const replay = await (await pending()).post('/api/auth/totp', { code });

    // Two new sessions race one fresh code.
    const [a, b] = [await pending(), await pending()];
    const raced = await freshTotpCode(secret);
    const race = await Promise.all([
      a.post('/api/auth/totp', { code: raced }),
      b.post('/api/auth/totp', { code: raced }),
    ]);
    const wins = race.filter((r) => r.status === 200).length;

    const held = replay.status === 401 && wins === 1;
    return {
      held,
      detail: `code accepted once (${accepted.status}); same code in a new session: ${replay.status}${
        replay.status === 401 ? ` ${replay.json<{ error: { code: string } }>().error.code}` : ''
      }; one fresh code raced by 2 sessions: ${wins} succeeded`,
    };
  },
};
