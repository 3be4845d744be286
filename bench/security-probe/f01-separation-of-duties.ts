/**
 * Finding 1 (HIGH): 三员分立 broken by chaining. Replays the probe's chains on the demo server:
 * secadmin resets a county officer (must get no credential), revokes its role and asks for audit-admin (must be
 * refused by the chain rule); secadmin cannot approve its own admin-role request; sysadmin cannot disable or reset the
 * audit administrator; sysadmin resets another county officer and gets nothing that signs in.
 */
import { Client, DEMO_PASSWORD, signInAdmin, type Probe } from './lib.ts';

async function userId(c: Client, username: string): Promise<number> {
  const res = await c.get(`/api/users?q=${encodeURIComponent(username)}&pageSize=5`);
  const item = res.json<{ items: { id: number; username: string }[] }>().items.find((u) => u.username === username);
  if (!item) throw new Error(`no account ${username} (${res.status})`);
  return item.id;
}

export const probe: Probe = {
  id: 1,
  title: '三员分立 chains',
  async run(ctx) {
    const base = ctx.demo.base;
    const notes: string[] = [];
    let held = true;
    const fail = (why: string) => {
      held = false;
      notes.push(`FAIL ${why}`);
    };
    const sec = await signInAdmin(ctx, base, 'secadmin');
    const sys = await signInAdmin(ctx, base, 'sysadmin');

    // Chain A: reset -> revoke -> grant audit-admin -> sign in.
    const victim = await userId(sec, 'county-150304');
    const reset = await sec.post(`/api/users/${victim}/reset-password`);
    if (reset.status !== 200) fail(`reset answered ${reset.status}`);
    if (/temporaryPassword|#t=|reset-password#/.test(reset.text)) fail('the reset answer carries a credential');
    const old = await new Client(base).login('county-150304', DEMO_PASSWORD);
    if (old.status === 200) fail('the old password still signs in after the reset');
    const revoke = await sec.post(`/api/users/${victim}/roles/revoke`, {
      role: 'county-officer',
      divisionCode: '150304',
    });
    const grant = await sec.post(`/api/users/${victim}/roles`, { role: 'audit-admin', divisionCode: '150000' });
    if (grant.status === 200 || grant.status === 202) fail(`audit-admin for a just-revoked officer: ${grant.status}`);
    notes.push(
      `reset ${reset.status} (no credential), old password ${old.status}, revoke ${revoke.status}, audit-admin ${grant.status}`,
    );

    // Two-person rule: a fresh account (activation link, no business role) -> request 202, self-approval refused.
    const created = await sys.post('/api/users', {
      username: `probe-auditor-${Date.now().toString(36)}`,
      displayName: '探测审计员',
      divisionCode: '150000',
    });
    const freshId = created.json<{ id: number }>().id;
    // Before the holder has set a password, not even the request is taken (the chain rule).
    const early = await sec.post(`/api/users/${freshId}/roles`, { role: 'audit-admin', divisionCode: '150000' });
    if (early.status === 202 || early.status === 200) fail(`admin role asked for before activation: ${early.status}`);
    // The holder activates the account with the link from the operator's console.
    const line = ctx.demo.child
      .log()
      .split('\n')
      .reverse()
      .find((l) => l.includes('"out-of-band delivery') && l.includes(created.json<{ username: string }>().username));
    const token = line ? /#t=([A-Za-z0-9_-]+)/.exec(line)?.[1] : undefined;
    if (!token) throw new Error('no activation link in the operator log');
    const redeem = await new Client(base).post('/api/password-reset/redeem', {
      token,
      newPassword: `Probe#${Math.random().toString(36).slice(2)}Qz7`,
    });
    if (redeem.status !== 200) throw new Error(`activation ${redeem.status} ${redeem.text}`);
    const ask = await sec.post(`/api/users/${freshId}/roles`, { role: 'audit-admin', divisionCode: '150000' });
    const requestId = ask.status === 202 ? ask.json<{ request: { id: number } }>().request.id : null;
    if (ask.status !== 202) fail(`admin-role grant did not wait for a second administrator (${ask.status})`);
    if (requestId !== null) {
      const self = await sec.post(`/api/role-requests/${requestId}/approve`, {});
      if (self.status === 200) fail('the requester approved its own admin-role request');
      notes.push(
        `admin grant before activation ${early.status}, after ${ask.status} pending, self-approval ${self.status}`,
      );
      await sys.post(`/api/role-requests/${requestId}/reject`, { note: 'probe' });
    }

    // sysadmin vs the audit administrator.
    const auditor = await userId(sys, 'auditadmin');
    const disable = await sys.post(`/api/users/${auditor}/disable`);
    const resetAuditor = await sys.post(`/api/users/${auditor}/reset-password`);
    if (disable.status === 200) fail('sysadmin disabled the audit administrator');
    if (resetAuditor.status === 200) fail('sysadmin reset the audit administrator');
    notes.push(`sysadmin -> auditadmin disable ${disable.status}, reset ${resetAuditor.status}`);

    // sysadmin resets a county officer: nothing that signs in.
    const officer = await userId(sys, 'county-150303');
    const r2 = await sys.post(`/api/users/${officer}/reset-password`);
    if (/temporaryPassword|#t=/.test(r2.text)) fail('sysadmin received a credential');
    notes.push(`sysadmin reset ${r2.status} (no credential)`);
    return { held, detail: notes.join('; ') };
  },
};
