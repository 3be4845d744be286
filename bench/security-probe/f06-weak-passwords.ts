/**
 * Finding 6 (LOW-MEDIUM): weak passwords were accepted. Signs in as `county-150102` on the demo server and tries to
 * change its password to each of the finding's weak passwords (current password Demo#2026qx): held when every one is
 * refused with a 400 that says why. The demo password itself is refused there as the current one (demo mode allows
 * it as such; production refuses it by the policy — server tests cover that). Should one be accepted, the probe
 * changes the password back so that the other probes keep working.
 */
import { DEMO_PASSWORD, signIn, type Probe } from './lib.ts';

const WEAK = ['Password12', 'P@ssw0rd123', 'Admin@123456', DEMO_PASSWORD];

export const probe: Probe = {
  id: 6,
  title: 'weak passwords accepted',
  async run(ctx) {
    const agent = await signIn(ctx.demo.base, 'county-150102');
    const answers: string[] = [];
    let accepted = 0;
    for (const newPassword of WEAK) {
      const started = performance.now();
      const res = await agent.post('/api/me/password', { currentPassword: DEMO_PASSWORD, newPassword });
      const ms = Math.round(performance.now() - started);
      if (res.status === 200) {
        accepted++;
        answers.push(`${newPassword} ACCEPTED`);
        // Put the shared demo account back (the session was rotated; the client keeps the new cookie and token).
        agent.csrf = res.json<{ csrfToken?: string }>().csrfToken ?? agent.csrf;
        await agent.post('/api/me/password', { currentPassword: newPassword, newPassword: DEMO_PASSWORD });
        continue;
      }
      const details =
        res.status === 400 ? res.json<{ error: { details?: { message: string }[] } }>().error.details : [];
      const reason = details?.[0]?.message ?? res.text.slice(0, 60);
      answers.push(`${newPassword} ${res.status} (${ms} ms: ${reason.slice(0, 14)}…)`);
    }
    return { held: accepted === 0, detail: `${WEAK.length - accepted}/${WEAK.length} refused: ${answers.join('; ')}` };
  },
};
